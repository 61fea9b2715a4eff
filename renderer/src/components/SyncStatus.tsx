import type { SyncStatus } from '../../../electron/ipc/api.ts';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The status bar's words for sync; nothing while sync is off. */
export function syncStatusText(status: SyncStatus): string {
  const last = status.lastSyncedAt ? `last synced ${timeFormat.format(new Date(status.lastSyncedAt))}` : 'not synced yet';
  switch (status.state) {
    case 'off':
      return '';
    case 'syncing':
      return 'Syncing…';
    case 'offline':
      return `Sync paused while offline (${last})`;
    case 'error':
      return `Sync failed (${last})`;
    case 'idle':
      return status.lastSyncedAt ? `Synced, ${last}` : 'Sync waiting for its first round';
  }
}

/** Sync's state beside the capture queue's; its details open the sync settings. */
export function SyncStatusLine({ status, onOpen }: { status: SyncStatus; onOpen: () => void }) {
  // Short in the header, where space is tight; the whole sentence is the button's title.
  const text = status.state === 'idle' && status.lastSyncedAt ? `Synced ${timeFormat.format(new Date(status.lastSyncedAt))}` : syncStatusText(status).replace(/ \(.*\)$/, '');
  return (
    <p className="queue-status sync-status" role="status" aria-label="Sync status">
      {text && (
        <button type="button" className="button button-quiet button-small" onClick={onOpen} title={[syncStatusText(status), status.message].filter(Boolean).join(': ')}>
          {text}
        </button>
      )}
    </p>
  );
}
