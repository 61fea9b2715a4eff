// Opening the SQLite file: connection pragmas, a safe version probe, and transactions.
import { DatabaseSync } from 'node:sqlite';
import { existsSync, statSync } from 'node:fs';
import { bodyText } from './compress.ts';
import { cjkIndexText } from './fts-match.ts';

/** Reads PRAGMA user_version without writing anything (no WAL switch, no schema). */
export function probeUserVersion(file: string): number | null {
  if (!existsSync(file)) return null;
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
    return row?.user_version ?? 0;
  } finally {
    db.close();
  }
}

// An 8 MB page cache: the OS caches the file as well, and at 100,000 articles 32 MB made
// search no faster and bulk inserts no faster, but the searching process 22 MB bigger.
export function openConnection(file: string): DatabaseSync {
  const isNew = !existsSync(file) || statSync(file).size === 0;
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5000 });
  try {
    // A new file only (an old one keeps its layout, and so do its VACUUM INTO backups, which
    // take these from the connection), before WAL fixes them: 16 KB pages hold four or five
    // ~3 KB article rows where 4 KB ones held one with 0.7 KB left over, and incremental
    // auto-vacuum lets optimize() give back the pages an index merge freed. 100,000 bench
    // articles: 835 → 777 MB, searches no slower.
    if (isNew) db.exec('PRAGMA page_size = 16384; PRAGMA auto_vacuum = INCREMENTAL;');
    db.exec(`
      PRAGMA busy_timeout = 5000;
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA foreign_keys = ON;
      PRAGMA temp_store = MEMORY;
      PRAGMA cache_size = -8000;
    `);
    registerSqlFunctions(db);
  } catch (err) {
    // A full disk or a damaged file fails here; the handle must not stay open on the file.
    db.close();
    throw err;
  }
  return db;
}

/** SQL functions the schema's views and triggers call; every connection that writes needs them. */
export function registerSqlFunctions(db: DatabaseSync): void {
  db.function('lectern_body_text', { deterministic: true }, bodyText);
  db.function('lectern_cjk_text', { deterministic: true }, (a, b) => cjkIndexText(a === null ? null : String(a), b === null ? null : String(b)));
}

/**
 * Runs fn inside BEGIN IMMEDIATE … COMMIT; rolls back on any throw. Inside a transaction
 * already open, fn simply joins it (a throw then rolls back the outer one).
 */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** Prepared statements cached per SQL text: the library reuses a small fixed set. */
export class StatementCache {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  constructor(db: DatabaseSync) {
    this.#db = db;
  }
  get(sql: string): ReturnType<DatabaseSync['prepare']> {
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      this.#cache.set(sql, stmt);
    }
    return stmt;
  }
}
