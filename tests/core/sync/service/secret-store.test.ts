// Where sync's secrets live. The app's store seals them with Electron's safeStorage, which
// cannot run here: a real AES-GCM cipher with a key of its own stands in for the keychain, so
// the test shows what reaches the disk (sealed bytes only) and that they open again.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSecretStore, PLAIN_SECRETS_FILE, SEALED_SECRETS_FILE, sealedSecretStore, type StringCipher } from '../../../../electron/sync/service/secret-store.ts';
import { removeTempDirs, tempDir } from './temp-dirs.ts';

afterEach(removeTempDirs);

function keychain(available = true): StringCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('sync secrets', () => {
  it('keeps plain-Node secrets in a file only the owner can read, and removes it when empty', () => {
    const dir = tempDir('lectern-secrets-');
    const store = fileSecretStore(dir);
    expect(store.get('sync.passphrase')).toBeNull();
    store.set('sync.passphrase', 'pass phrase');
    store.set('sync.password', 'hunter2');
    const file = join(dir, PLAIN_SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(fileSecretStore(dir).get('sync.passphrase')).toBe('pass phrase');
    store.delete('sync.passphrase');
    expect(store.get('sync.passphrase')).toBeNull();
    expect(store.get('sync.password')).toBe('hunter2');
    store.delete('sync.password');
    expect(existsSync(file)).toBe(false);
  });

  it('writes only sealed bytes when the OS keychain is there, and reads them back', () => {
    const dir = tempDir('lectern-secrets-');
    const cipher = keychain();
    sealedSecretStore(dir, cipher).set('sync.passphrase', 'a secret passphrase');
    const stored = readFileSync(join(dir, SEALED_SECRETS_FILE), 'utf8');
    expect(stored).not.toContain('a secret passphrase');
    expect(existsSync(join(dir, PLAIN_SECRETS_FILE))).toBe(false);
    expect(sealedSecretStore(dir, cipher).get('sync.passphrase')).toBe('a secret passphrase');
    // Another machine's keychain cannot open them.
    expect(() => sealedSecretStore(dir, keychain()).get('sync.passphrase')).toThrow();
  });

  it('falls back to the 0600 file where the OS has no keychain', () => {
    const dir = tempDir('lectern-secrets-');
    sealedSecretStore(dir, keychain(false)).set('sync.passphrase', 'p');
    expect(statSync(join(dir, PLAIN_SECRETS_FILE)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, SEALED_SECRETS_FILE))).toBe(false);
    if (process.platform === 'linux') {
      // Chromium's keyring-less Linux fallback seals with a built-in key: no better than the file.
      const other = tempDir('lectern-secrets-');
      sealedSecretStore(other, { ...keychain(), getSelectedStorageBackend: () => 'basic_text' }).set('sync.passphrase', 'p');
      expect(existsSync(join(other, SEALED_SECRETS_FILE))).toBe(false);
      expect(statSync(join(other, PLAIN_SECRETS_FILE)).mode & 0o777).toBe(0o600);
    }
  });
});
