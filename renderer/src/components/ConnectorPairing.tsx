import { useEffect, useRef } from 'react';
import type { ConnectorPairingRequest } from '../../../electron/ipc/api.ts';

interface Props {
  request: ConnectorPairingRequest | null;
  onAnswer: (pairingId: string, allow: boolean) => void;
}

/**
 * Asks the user to allow a browser extension, showing the code the extension shows too: a
 * request whose code does not match came from something else and should be denied.
 */
export function ConnectorPairing({ request, onAnswer }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) dialog.showModal();
    if (!request && dialog.open) dialog.close();
  }, [request]);

  return (
    <dialog
      ref={ref}
      className="modal-dialog connector-pairing"
      aria-labelledby="connector-pairing-title"
      aria-describedby="connector-pairing-what"
      // Esc is a Deny: the request is not left waiting behind a closed prompt.
      onCancel={() => request && onAnswer(request.pairingId, false)}
    >
      {request && (
        <>
          <h2 id="connector-pairing-title">Allow {request.client} to save to Lectern?</h2>
          <p id="connector-pairing-what">
            Allow only if your browser&rsquo;s Lectern extension shows this same code. It will be able to save pages to your library.
          </p>
          <p className="connector-code" aria-label={`Code ${request.code.split('').join(' ')}`}>
            Code {request.code}
          </p>
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => onAnswer(request.pairingId, false)}>
              Deny
            </button>
            <button type="button" className="button button-primary" onClick={() => onAnswer(request.pairingId, true)}>
              Allow
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
