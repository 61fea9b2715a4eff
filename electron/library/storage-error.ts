// A library folder that cannot be written (read-only) or a disk that is full. Both are told
// plainly, as what to do about them: neither is damage, and nothing in the file is touched.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

export type StorageProblem = 'read-only' | 'disk-full';

export class LibraryStorageError extends Error {
  readonly file: string;
  readonly problem: StorageProblem;
  constructor(file: string, problem: StorageProblem, cause?: unknown) {
    super(storageMessage(problem, dirname(file)), { cause });
    this.name = 'LibraryStorageError';
    this.file = file;
    this.problem = problem;
  }
}

function storageMessage(problem: StorageProblem, folder: string): string {
  return problem === 'disk-full'
    ? `The disk holding your library (${folder}) is full, so Lectern cannot write to it. Nothing was lost; free some space and try again.`
    : `Lectern cannot write to the library folder ${folder} (it is read-only, or not yours). The library was left untouched; make the folder writable and start Lectern again.`;
}

// SQLite's primary result codes (errcode & 0xff) and the system's.
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Which storage problem an error from opening or writing `file` shows, if any. */
export function storageProblemOf(err: unknown, file: string): StorageProblem | null {
  const { errcode, code } = (err ?? {}) as { errcode?: unknown; code?: unknown };
  const primary = typeof errcode === 'number' ? errcode & 0xff : -1;
  if (primary === SQLITE_FULL || code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
  if (primary === SQLITE_READONLY || primary === SQLITE_CANTOPEN || primary === SQLITE_IOERR) {
    // SQLite says only that it could not open or write; the folder and file say why.
    const folder = dirname(file);
    if (!existsSync(folder)) return null;
    if (!writable(folder) || (existsSync(file) && !writable(file))) return 'read-only';
  }
  return null;
}

/** The message for an operation that failed on storage (for the API answer), else null. */
export function storageFailureMessage(err: unknown, file: string): string | null {
  const problem = storageProblemOf(err, file);
  return problem ? storageMessage(problem, dirname(file)) : null;
}
