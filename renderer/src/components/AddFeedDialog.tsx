import { useEffect, useRef, useState } from 'react';
import type { Feed } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { normaliseInputUrl } from '../lib/format.ts';
import { DialogError } from './DialogParts.tsx';

interface Props {
  open: boolean;
  /** Folders already in use, offered as suggestions. */
  folders: string[];
  onClose: () => void;
  onAdded: (feed: Feed) => void;
}

/**
 * Subscribes by a feed's address or a site's (the core finds the site's feed and fetches it once
 * before answering, which may take a few seconds). The dialog may be closed meanwhile; the feed
 * then still appears in the sidebar when it is in.
 */
export function AddFeedDialog({ open, folders, onClose, onAdded }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each opening is a new attempt; an answer for an earlier one is dropped.
  const attempt = useRef(0);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      attempt.current++;
      setUrl('');
      setFolder('');
      setError(null);
      setBusy(false);
      dialog.showModal();
      urlRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = async () => {
    const address = normaliseInputUrl(url);
    if (busy) return;
    if (!address) {
      setError('Type the address of a feed or of a site.');
      urlRef.current?.focus();
      return;
    }
    const mine = attempt.current;
    setBusy(true);
    setError(null);
    try {
      const feed = await call('addFeed', address, folder.trim() || null);
      if (mine === attempt.current) onAdded(feed);
    } catch (caught) {
      if (mine !== attempt.current) return;
      setError(errorMessage(caught));
      urlRef.current?.focus();
    } finally {
      if (mine === attempt.current) setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="modal-dialog feed-dialog"
      aria-labelledby="add-feed-title"
      aria-busy={busy}
      onClose={() => {
        attempt.current++;
        onClose();
      }}
    >
      <h2 id="add-feed-title">Add a feed</h2>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>Address of a feed or a site</span>
          <input
            ref={urlRef}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? 'add-feed-error' : undefined}
          />
        </label>
        <label className="field">
          <span>Folder (optional)</span>
          <input type="text" list="add-feed-folders" autoComplete="off" maxLength={300} value={folder} onChange={(event) => setFolder(event.target.value)} />
          <datalist id="add-feed-folders">
            {folders.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </label>
        <p className="dialog-status" role="status">
          {busy && 'Looking for the feed…'}
        </p>
        <DialogError message={error} id="add-feed-error" />
        <div className="dialog-buttons">
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            Subscribe
          </button>
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
