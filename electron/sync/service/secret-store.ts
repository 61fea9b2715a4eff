// Where sync's secrets (the passphrase, a WebDAV password) are kept: never in the preferences
// file. The app seals them with Electron's safeStorage (the OS keychain); plain Node (the CLI,
// tests) keeps them in a file only its owner can read (0600) in the data folder.
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** The part of Electron's safeStorage this needs (main.ts passes safeStorage itself). */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, and a key built into Chromium: no real seal. */
  getSelectedStorageBackend?(): string;
}

export const PLAIN_SECRETS_FILE = 'sync-secrets.json';
export const SEALED_SECRETS_FILE = 'sync-secrets.sealed.json';

/** A JSON object of strings in one 0600 file, rewritten whole through a rename. */
function jsonFileStore(file: string, encode: (value: string) => string, decode: (stored: string) => string): SecretStore {
  const load = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  };
  const save = (values: Record<string, string>) => {
    if (Object.keys(values).length === 0) {
      rmSync(file, { force: true });
      return;
    }
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(values), { mode: 0o600 });
    // The mode given to writeFile applies only when the file is created.
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };
  return {
    get(name) {
      const stored = load()[name];
      return typeof stored === 'string' ? decode(stored) : null;
    },
    set(name, value) {
      save({ ...load(), [name]: encode(value) });
    },
    delete(name) {
      const values = load();
      delete values[name];
      save(values);
    },
  };
}

export function fileSecretStore(dataDir: string): SecretStore {
  return jsonFileStore(join(dataDir, PLAIN_SECRETS_FILE), (v) => v, (v) => v);
}

/**
 * Secrets sealed by the OS (safeStorage) in a file of the data folder. Where the OS offers no
 * keychain (a Linux desktop without one), this falls back to the 0600 file, as plain Node does:
 * Chromium's 'basic_text' fallback would only look sealed.
 */
export function sealedSecretStore(dataDir: string, cipher: StringCipher): SecretStore {
  const linuxWithoutKeyring = process.platform === 'linux' && cipher.getSelectedStorageBackend?.() === 'basic_text';
  if (!cipher.isEncryptionAvailable() || linuxWithoutKeyring) return fileSecretStore(dataDir);
  return jsonFileStore(
    join(dataDir, SEALED_SECRETS_FILE),
    (value) => cipher.encryptString(value).toString('base64'),
    (stored) => cipher.decryptString(Buffer.from(stored, 'base64')),
  );
}
