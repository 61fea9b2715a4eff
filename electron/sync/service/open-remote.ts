// Turns sync's settings into an open, sealed remote, and its failures into sentences.
import { openSyncVault, PARAMETERS_FILE, SealedFileError, WrongPassphraseError, type SyncVault } from '../crypto/sync-vault.ts';
import { createFolderRemote } from '../remote/folder-remote.ts';
import { SyncRemoteError, type SyncRemote } from '../remote/sync-remote.ts';
import { createWebdavRemote } from '../remote/webdav-remote.ts';
import type { SyncRemoteSummary } from '../../shared/sync.ts';

/** The vault's plain parameters file: present once a remote has been set up. */
export const VAULT_PARAMETERS_FILE = PARAMETERS_FILE;

export function plainRemote(remote: SyncRemoteSummary, password: string | null): SyncRemote {
  if (remote.kind === 'folder') return createFolderRemote(remote.path);
  return createWebdavRemote({
    url: remote.url,
    ...(remote.username ? { username: remote.username } : {}),
    ...(password ? { password } : {}),
    auth: 'auto',
  });
}

/**
 * `create`: set the remote up if nothing is there yet, else open it (a wrong passphrase is
 * refused either way); without it, a remote not set up is an error ("join existing").
 */
export async function openVault(remote: SyncRemote, passphrase: string, create: boolean): Promise<SyncVault> {
  return openSyncVault(remote, passphrase, { create });
}

/** What to tell a person about a failed round or set-up. */
export function describeSyncError(error: unknown): string {
  if (error instanceof WrongPassphraseError) return 'Wrong passphrase: it does not open the sync data there. Nothing was changed.';
  if (error instanceof SealedFileError) return `A sync file could not be opened (damaged or changed by someone else): ${error.message}`;
  if (error instanceof SyncRemoteError) {
    switch (error.kind) {
      case 'full':
        return `The sync storage is full; sync resumes once there is space. (${error.message})`;
      case 'unauthorized':
        return `The server refused the user name or password. (${error.message})`;
      case 'unreachable':
      case 'timeout':
        return `The sync storage cannot be reached; sync tries again later. (${error.message})`;
      case 'not-found':
        // "folder … does not exist", "… holds no Lectern sync data yet: set it up first"
        return `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
      case 'refused':
        return `The sync storage refused to write. (${error.message})`;
    }
  }
  return `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
}
