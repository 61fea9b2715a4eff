// End-to-end encryption for sync: a SyncRemote over another one that seals every file
// (sealed-file.ts) under a key only the passphrase gives (vault-key.ts). What the storage
// sees: device ids, sequence numbers, HMACs in place of blob hashes, and sealed bytes.
import { createHmac } from 'node:crypto';
import { SyncRemoteError, type SyncRemote } from '../remote/sync-remote.ts';
import { SealedFileError, WrongPassphraseError, seal, unseal } from './sealed-file.ts';
import {
  CHECK_TEXT,
  DEFAULT_SCRYPT,
  PARAMETERS_FILE,
  checkScrypt,
  deriveKeys,
  newSalt,
  parseParameters,
  type ScryptParameters,
  type VaultKeys,
  type VaultParameters,
} from './vault-key.ts';

export { SealedFileError, WrongPassphraseError } from './sealed-file.ts';
export { DEFAULT_SCRYPT, PARAMETERS_FILE, type ScryptParameters } from './vault-key.ts';

export interface SyncVault extends SyncRemote {
  /** The storage the sealed files live on. */
  readonly remote: SyncRemote;
}

export interface OpenSyncVaultOptions {
  /** Set up an empty remote if it is not set up yet (one set up already is opened instead). */
  create: boolean;
  /** The cost for a new remote (default DEFAULT_SCRYPT); tests pass cheaper ones. Ignored on open. */
  scrypt?: ScryptParameters;
}

const encoder = new TextEncoder();
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** The keys, or WrongPassphraseError when the sealed check value does not open under them. */
async function unlock(parameters: VaultParameters, passphrase: string): Promise<VaultKeys> {
  const { salt, N, r, p } = parameters.kdf;
  const keys = await deriveKeys(passphrase, fromBase64(salt), { N, r, p });
  try {
    unseal(keys.content, PARAMETERS_FILE, fromBase64(parameters.check));
  } catch (error) {
    if (error instanceof SealedFileError) throw new WrongPassphraseError();
    throw error;
  }
  return keys;
}

/** Writes the parameters file to an empty remote; leaves one another device just wrote. */
async function setUp(remote: SyncRemote, passphrase: string, cost: ScryptParameters): Promise<void> {
  const problem = checkScrypt(cost);
  if (problem) throw new RangeError(problem);
  // Tools that keep a folder in step leave dot-files (.stfolder, .dropbox); anything else is
  // someone's data, and sync does not move in beside it.
  const present = (await remote.list('')).filter((name) => !name.startsWith('.'));
  if (present.includes(PARAMETERS_FILE)) return;
  if (present.length > 0) {
    throw new SyncRemoteError('refused', `${remote.label} already holds files that are not Lectern sync data (${present.slice(0, 3).join(', ')}); choose an empty folder`);
  }
  const salt = newSalt();
  const keys = await deriveKeys(passphrase, salt, cost);
  const parameters: VaultParameters = {
    format: 'lectern-sync',
    version: 1,
    kdf: { name: 'scrypt', salt: base64(salt), ...cost },
    check: base64(seal(keys.content, PARAMETERS_FILE, CHECK_TEXT)),
  };
  const file = encoder.encode(`${JSON.stringify(parameters, null, 2)}\n`);
  // Where the remote can, only the first of two devices setting up at once writes the file.
  if (remote.writeIfAbsent) await remote.writeIfAbsent(PARAMETERS_FILE, file);
  else await remote.write(PARAMETERS_FILE, file);
}

export async function openSyncVault(remote: SyncRemote, passphrase: string, options: OpenSyncVaultOptions): Promise<SyncVault> {
  if (passphrase.length === 0) throw new RangeError('A sync passphrase cannot be empty.');
  let stored = await remote.read(PARAMETERS_FILE);
  if (stored === null) {
    if (!options.create) throw new SyncRemoteError('not-found', `${remote.label} holds no Lectern sync data yet: set it up first`);
    await setUp(remote, passphrase, options.scrypt ?? DEFAULT_SCRYPT);
    // Read back: when two devices set up one remote at once, both must use the file that
    // stayed (or learn that their passphrases differ).
    stored = await remote.read(PARAMETERS_FILE);
    if (stored === null) throw new SyncRemoteError('refused', `${remote.label} did not keep ${PARAMETERS_FILE}`);
  }
  const keys = await unlock(parseParameters(stored), passphrase);
  return sealedRemote(remote, keys);
}

function sealedRemote(remote: SyncRemote, keys: VaultKeys): SyncVault {
  /** Where a logical name is stored: blob hashes are replaced by their HMAC. */
  function storedName(name: string): string {
    if (name === PARAMETERS_FILE) throw new SyncRemoteError('refused', `${PARAMETERS_FILE} is the vault's own file`);
    const blob = /^blobs\/([^/]+)$/.exec(name);
    if (!blob) return name;
    return `blobs/${createHmac('sha256', keys.names).update(blob[1]!).digest('hex')}`;
  }

  return {
    remote,
    label: remote.label,

    async list(folder) {
      if (folder.replace(/\/+$/, '') === 'blobs') {
        // HMACs cannot be turned back into hashes; sync keeps its own record of uploaded blobs.
        throw new SyncRemoteError('refused', 'Blob names are sealed: read blobs/<sha256> to test for one');
      }
      const names = await remote.list(folder);
      return folder === '' ? names.filter((name) => name !== PARAMETERS_FILE) : names;
    },

    async read(name) {
      const sealed = await remote.read(storedName(name));
      return sealed === null ? null : unseal(keys.content, name, sealed);
    },

    async write(name, bytes) {
      await remote.write(storedName(name), seal(keys.content, name, bytes));
    },

    ...(remote.writeIfAbsent
      ? { writeIfAbsent: (name: string, bytes: Uint8Array) => remote.writeIfAbsent!(storedName(name), seal(keys.content, name, bytes)) }
      : {}),

    async remove(name) {
      await remote.remove(storedName(name));
    },
  };
}
