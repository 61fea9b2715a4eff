import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConnectedBrowser } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { DialogClose, DialogError } from './DialogParts.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  browsers: ConnectedBrowser[];
  error: string | null;
  onRevoke: (id: string) => void;
}

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : 'never');

/**
 * The browsers paired with the connector, each revocable (its extension is refused from then
 * on), and the capture window for sites the extension cannot reach.
 */
export function ConnectedBrowsers({ open, onClose, browsers, error, onRevoke }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [captureUrl, setCaptureUrl] = useState('');
  const [captureNote, setCaptureNote] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const openCapture = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { opened } = await call('openCaptureWindow', captureUrl.trim());
      setCaptureNote(opened ? 'Opened. Log in there if you need to, then choose Save This Page.' : 'The capture window is only in the desktop app.');
    } catch (e) {
      setCaptureNote(errorMessage(e));
    }
  };

  return (
    <dialog ref={ref} className="modal-dialog connected-browsers" aria-labelledby="connected-browsers-title" onClose={onClose}>
      <h2 id="connected-browsers-title">Connected browsers</h2>
      <p>Browsers whose Lectern extension may save pages to this library. To add one, choose Pair in the extension&rsquo;s options.</p>
      {browsers.length === 0 ? (
        <p className="connected-browsers-empty">No browser is connected.</p>
      ) : (
        <ul className="connected-browsers-list" aria-label="Connected browsers">
          {browsers.map((browser) => (
            <li key={browser.id}>
              <span className="connected-browser-name">{browser.client}</span>
              <span className="connected-browser-dates">
                Paired {day(browser.createdAt)}, last used {day(browser.lastUsedAt)}
              </span>
              <button type="button" className="button button-small" aria-label={`Revoke ${browser.client}`} onClick={() => onRevoke(browser.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <DialogError message={error} />
      <form className="dialog-form" onSubmit={(event) => void openCapture(event)}>
        <label htmlFor="capture-url">Open a page in the capture window</label>
        <input id="capture-url" type="url" value={captureUrl} onChange={(event) => setCaptureUrl(event.target.value)} placeholder="https://…" />
        <button type="submit" className="button" disabled={!captureUrl.trim()}>
          Open
        </button>
        <p className="dialog-status" role="status">
          {captureNote}
        </p>
      </form>
      <DialogClose />
    </dialog>
  );
}
