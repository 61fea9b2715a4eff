import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SyncSettings as Settings, SyncStatus } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { syncStatusText } from './SyncStatus.tsx';
import { DialogClose, DialogError } from './DialogParts.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  status: SyncStatus;
}

type Busy = null | 'syncing' | 'turning-off';

/** Where sync keeps its files, the passphrase, and whether this computer starts or joins. */
function SetUpForm({ onDone }: { onDone: () => void }) {
  const [kind, setKind] = useState<'folder' | 'webdav'>('folder');
  const [create, setCreate] = useState(true);
  const [address, setAddress] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [keepOffline, setKeepOffline] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const remote: Settings['remote'] = kind === 'folder' ? { kind, path: address.trim() } : { kind, url: address.trim(), username: user, password };
    try {
      await call('configureSync', { remote, passphrase, create, keepOffline });
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="dialog-form" onSubmit={(e) => void submit(e)} aria-busy={busy}>
      <fieldset className="segmented">
        <legend>Sync through</legend>
        <div className="segmented-options">
          <label>
            <input type="radio" name="sync-kind" checked={kind === 'folder'} onChange={() => setKind('folder')} />
            <span>A folder</span>
          </label>
          <label>
            <input type="radio" name="sync-kind" checked={kind === 'webdav'} onChange={() => setKind('webdav')} />
            <span>A WebDAV server</span>
          </label>
        </div>
      </fieldset>
      <label className="field">
        {kind === 'folder' ? 'Folder' : 'Server address'}
        <input
          required
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder={kind === 'folder' ? '/home/me/Sync/Lectern' : 'https://cloud.example.org/remote.php/dav/files/me/Lectern'}
          aria-describedby="sync-address-hint"
        />
      </label>
      <p id="sync-address-hint" className="field-hint">
        {kind === 'folder'
          ? 'The full path of a folder that Syncthing, Dropbox, iCloud Drive or OneDrive keeps in step.'
          : 'Nextcloud, ownCloud, a NAS or any WebDAV server.'}
      </p>
      {kind === 'webdav' && (
        <>
          <label className="field">
            User name
            <input value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />
          </label>
          <label className="field">
            Password
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
        </>
      )}
      <fieldset className="segmented">
        <legend>This computer</legend>
        <div className="segmented-options">
          <label>
            <input type="radio" name="sync-create" checked={create} onChange={() => setCreate(true)} />
            <span>Set up new sync</span>
          </label>
          <label>
            <input type="radio" name="sync-create" checked={!create} onChange={() => setCreate(false)} />
            <span>Join existing sync</span>
          </label>
        </div>
      </fieldset>
      <label className="field">
        Passphrase
        <input type="password" required value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" aria-describedby="sync-passphrase-hint" />
      </label>
      <p id="sync-passphrase-hint" className="field-hint">
        {create ? 'Everything is encrypted with it before it leaves this computer. Keep it: without it the synced library cannot be read.' : 'The passphrase chosen when sync was set up.'}
      </p>
      <label className="retention-row">
        <input type="checkbox" checked={keepOffline} onChange={(e) => setKeepOffline(e.target.checked)} />
        Keep everything offline (download every image, not only those of articles opened)
      </label>
      <DialogError message={error} />
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Opening…' : 'Turn on sync'}
        </button>
      </div>
    </form>
  );
}

/** Sync's settings: set it up, or see its state, sync now, and turn it off. */
export function SyncSettings({ open, onClose, status }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setError(null);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const run = async (what: Exclude<Busy, null>, action: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  const { remote } = status;
  return (
    <dialog ref={ref} className="modal-dialog sync-settings" aria-labelledby="sync-title" onClose={onClose}>
      <h2 id="sync-title">Sync</h2>
      {status.state === 'off' || !remote ? (
        <SetUpForm onDone={() => undefined} />
      ) : (
        <div className="dialog-form">
          <p>
            Syncing with {remote.kind === 'folder' ? `the folder ${remote.path}` : `${remote.url}${remote.username ? ` as ${remote.username}` : ''}`}.
          </p>
          <p className="dialog-status" role="status">
            {syncStatusText(status)}
          </p>
          {status.message && (
            <p className={status.state === 'error' ? 'dialog-error' : 'field-hint'} role={status.state === 'error' ? 'alert' : undefined}>
              {status.message}
            </p>
          )}
          <label className="retention-row">
            <input type="checkbox" checked={status.keepOffline} onChange={(e) => void run('syncing', () => call('setSyncKeepOffline', e.target.checked))} />
            Keep everything offline
          </label>
          <DialogError message={error} />
          <div className="dialog-buttons">
            <button type="button" className="button button-primary" disabled={busy !== null || status.state === 'syncing'} onClick={() => void run('syncing', () => call('syncNow'))}>
              Sync now
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void run('turning-off', () => call('disableSync'))}>
              Turn off sync
            </button>
          </div>
        </div>
      )}
      <DialogClose />
    </dialog>
  );
}
