// One sealed file: AES-256-GCM with a fresh random 96-bit nonce per write, and the file's
// logical name as associated data, so a file moved to another name (a swapped segment, a
// blob put under another hash) fails to open just like a changed one.
//   layout: "LSF1" (4 bytes) | nonce (12) | ciphertext | tag (16)
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('LSF1', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** The passphrase does not open this remote's sync data. Nothing was read or written. */
export class WrongPassphraseError extends Error {
  constructor(message = 'Wrong passphrase: it does not open the sync data on this remote.') {
    super(message);
    this.name = 'WrongPassphraseError';
  }
}

/** A file that fails to open: changed, damaged, truncated, or moved from another name. */
export class SealedFileError extends Error {
  /** The file's logical name (as the engine knows it). */
  readonly file: string;

  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'SealedFileError';
    this.file = file;
  }
}

const associatedData = (name: string) => Buffer.concat([MAGIC, Buffer.from(name, 'utf8')]);

export function seal(key: Uint8Array, name: string, plain: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(name));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()]);
}

/** The plain bytes; throws SealedFileError when the file is not what was sealed under `name`. */
export function unseal(key: Uint8Array, name: string, sealed: Uint8Array): Uint8Array {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < MAGIC.length + NONCE_BYTES + TAG_BYTES) throw new SealedFileError(name, 'too short to be a sealed file (truncated?)');
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealedFileError(name, 'not a sealed sync file');
  const nonce = data.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
  const body = data.subarray(MAGIC.length + NONCE_BYTES, data.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(name));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    throw new SealedFileError(name, 'failed its integrity check (changed, damaged, or not this file)');
  }
}
