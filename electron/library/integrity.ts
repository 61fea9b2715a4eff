// The integrity check (on open, or on a worker once the app runs: library/background/). A damaged file is reported with what to do about it, never "fixed"
// silently: the caller shows the message and can restore the newest backup (backup.ts).
import { DatabaseSync } from 'node:sqlite';

export class LibraryCorruptError extends Error {
  readonly file: string;
  readonly problems: string[];
  /** Backups to restore from, newest first. */
  readonly backups: string[];
  constructor(file: string, problems: string[], backups: string[]) {
    const advice = backups.length
      ? `Restore the newest backup (${backups[0]}) with restoreBackup(); the damaged file is kept aside.`
      : 'No backup is available; the file can be salvaged with the sqlite3 ".recover" command.';
    super(`The library at ${file} is damaged: ${problems.slice(0, 3).join('; ')}. ${advice}`);
    this.name = 'LibraryCorruptError';
    this.file = file;
    this.problems = problems;
    this.backups = backups;
  }
}

/** SQLite's own error codes for a file that is not a sound database. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { errcode?: number }).errcode;
  const primary = typeof code === 'number' ? code & 0xff : -1;
  return primary === 11 /* CORRUPT */ || primary === 26 /* NOTADB */;
}

/** 'ok' → [], otherwise the problems PRAGMA integrity_check lists. */
export function integrityProblems(db: DatabaseSync): string[] {
  const rows = db.prepare('PRAGMA integrity_check(20)').all() as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check);
  return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
}

/** The check on its own read-only connection: WAL lets it read one snapshot beside the app's. */
export function fileIntegrityProblems(file: string): string[] {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    return integrityProblems(db);
  } catch (error) {
    if (isCorruptionError(error)) return [(error as Error).message];
    throw error;
  } finally {
    db?.close();
  }
}
