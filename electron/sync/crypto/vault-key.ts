// The vault's keys, from the passphrase with scrypt. The parameters and salt are stored in
// plain `lectern-sync.json` beside the data, with a check value sealed under the key, so a
// wrong passphrase is told apart from damaged data before anything is read or written.
import { hkdfSync, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { SealedFileError } from './sealed-file.ts';

export const PARAMETERS_FILE = 'lectern-sync.json';

export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

/** ~220 ms and 32 MiB on the development machine (2 cores, 2026): costly to guess, quick to open. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };

// What a stored file may ask for: enough to resist guessing, never enough to exhaust memory.
const MIN_N = 2 ** 10;
const MAX_MEMORY = 256 * 1024 * 1024;

export interface VaultParameters {
  format: 'lectern-sync';
  version: 1;
  kdf: { name: 'scrypt'; salt: string } & ScryptParameters;
  /** CHECK_TEXT sealed under the content key, base64. */
  check: string;
}

export interface VaultKeys {
  content: Uint8Array;
  names: Uint8Array;
}

export const CHECK_TEXT = new TextEncoder().encode('lectern-sync passphrase check');

const memoryOf = ({ N, r, p }: ScryptParameters) => 128 * N * r * (p + 1);

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

export function checkScrypt(parameters: ScryptParameters): string | null {
  const { N, r, p } = parameters;
  if (!isPowerOfTwo(N) || N < MIN_N) return `scrypt N must be a power of two of at least ${MIN_N}`;
  if (!Number.isSafeInteger(r) || r < 1 || !Number.isSafeInteger(p) || p < 1 || p > 16) return 'scrypt r and p are out of range';
  if (memoryOf(parameters) > MAX_MEMORY) return 'scrypt parameters ask for too much memory';
  return null;
}

const scrypt = (password: string, salt: Uint8Array, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** Two independent keys from one scrypt run: one seals contents, one hides blob names. */
export async function deriveKeys(passphrase: string, salt: Uint8Array, parameters: ScryptParameters): Promise<VaultKeys> {
  const { N, r, p } = parameters;
  const master = await scrypt(passphrase.normalize('NFC'), salt, { N, r, p, maxmem: memoryOf(parameters) + 1024 * 1024 });
  return {
    content: new Uint8Array(hkdfSync('sha256', master, salt, 'lectern-sync content', 32)),
    names: new Uint8Array(hkdfSync('sha256', master, salt, 'lectern-sync names', 32)),
  };
}

export function newSalt(): Uint8Array {
  return new Uint8Array(randomBytes(16));
}

/** Reads the parameters file; anything malformed is a SealedFileError naming it. */
export function parseParameters(bytes: Uint8Array): VaultParameters {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new SealedFileError(PARAMETERS_FILE, 'is not valid JSON');
  }
  const v = value as Partial<VaultParameters> | null;
  const kdf = v?.kdf;
  if (v?.format !== 'lectern-sync' || v.version !== 1 || typeof v.check !== 'string' || kdf?.name !== 'scrypt' || typeof kdf.salt !== 'string') {
    throw new SealedFileError(PARAMETERS_FILE, 'is not a Lectern sync parameters file this version understands');
  }
  const problem = checkScrypt({ N: kdf.N, r: kdf.r, p: kdf.p });
  if (problem) throw new SealedFileError(PARAMETERS_FILE, problem);
  return { format: v.format, version: 1, kdf: { name: 'scrypt', salt: kdf.salt, N: kdf.N, r: kdf.r, p: kdf.p }, check: v.check };
}
