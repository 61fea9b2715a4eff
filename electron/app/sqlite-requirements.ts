// Checks, before the library opens, that the runtime's SQLite (node:sqlite, built into
// Electron's Node) has everything the library uses. A SQLite built without FTS5, say, would
// otherwise fail later with a bare "no such module"; main shows these problems in a dialog.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as NodeSqlite from 'node:sqlite';
import type { DatabaseSync } from 'node:sqlite';

export type SqliteModule = typeof NodeSqlite;

/** group_concat(… ORDER BY …), which the tag-text triggers use, arrived in SQLite 3.44.0. */
export const MIN_SQLITE_VERSION = '3.44.0';

export interface SqliteFeature {
  /** What the library needs, as the dialog names it. */
  what: string;
  /** Throws when the feature is missing or misbehaves. */
  probe(db: DatabaseSync): void;
}

function expectEqual(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

const one = (db: DatabaseSync, sql: string): unknown => Object.values(db.prepare(sql).get() ?? {})[0];

/** Each feature as the library uses it (see library/fts-sql.ts and the migrations). */
export const SQLITE_FEATURES: readonly SqliteFeature[] = [
  {
    what: 'FTS5 full-text search (unicode61 tokenizer without diacritics, prefix indexes, bm25, snippet, highlight)',
    probe(db) {
      db.exec(`
        CREATE VIRTUAL TABLE probe_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
        INSERT INTO probe_fts(rowid, title, body) VALUES (1, 'Café hours', 'Open late on Fridays');
      `);
      const row = db
        .prepare(`SELECT rowid, bm25(probe_fts, 10.0, 1.0) < 0 AS ranked, snippet(probe_fts, 0, '<', '>', '…', 4) AS snip,
          highlight(probe_fts, 1, '[', ']') AS marked FROM probe_fts WHERE probe_fts MATCH 'cafe OR fri*'`)
        .get();
      expectEqual({ ...row }, { rowid: 1, ranked: 1, snip: '<Café> hours', marked: 'Open late on [Fridays]' });
    },
  },
  {
    what: 'FTS5 external-content tables with detail=column',
    probe(db) {
      db.exec(`
        CREATE TABLE probe_src (rid INTEGER PRIMARY KEY, text TEXT);
        CREATE VIEW probe_src_view AS SELECT rid, text FROM probe_src;
        CREATE VIRTUAL TABLE probe_ext USING fts5(text, content='probe_src_view', content_rowid='rid', detail=column);
        INSERT INTO probe_src VALUES (7, 'river barrier');
        INSERT INTO probe_ext(probe_ext) VALUES ('rebuild');
      `);
      expectEqual(one(db, `SELECT rowid FROM probe_ext WHERE probe_ext MATCH 'barrier'`), 7);
    },
  },
  {
    what: 'JSON functions (json_group_array)',
    probe(db) {
      expectEqual(one(db, `SELECT json_group_array(x) FROM (SELECT 'a' AS x UNION ALL SELECT 'b')`), '["a","b"]');
    },
  },
  {
    what: `group_concat with ORDER BY (SQLite ${MIN_SQLITE_VERSION} or later)`,
    probe(db) {
      expectEqual(one(db, `SELECT group_concat(x, ' ' ORDER BY x) FROM (SELECT 'b' AS x UNION ALL SELECT 'a')`), 'a b');
    },
  },
  {
    what: 'ALTER TABLE … DROP COLUMN and WITHOUT ROWID tables',
    probe(db) {
      db.exec(`
        CREATE TABLE probe_keys (k TEXT PRIMARY KEY, v TEXT, old TEXT) WITHOUT ROWID;
        ALTER TABLE probe_keys DROP COLUMN old;
      `);
      expectEqual(one(db, `SELECT count(*) FROM pragma_table_info('probe_keys')`), 2);
    },
  },
  {
    what: 'foreign key enforcement',
    probe(db) {
      db.exec(`
        PRAGMA foreign_keys = ON;
        CREATE TABLE probe_parent (id INTEGER PRIMARY KEY);
        CREATE TABLE probe_child (parent INTEGER REFERENCES probe_parent(id));
      `);
      let refused = false;
      try {
        db.exec('INSERT INTO probe_child VALUES (42)');
      } catch {
        refused = true;
      }
      if (!refused) throw new Error('a row pointing at nothing was accepted');
    },
  },
  {
    what: 'SQL functions defined by the app',
    probe(db) {
      db.function('probe_twice', { deterministic: true }, (value) => `${String(value)}${String(value)}`);
      expectEqual(one(db, `SELECT probe_twice('ab')`), 'abab');
    },
  },
];

/** Numeric dotted-version comparison: '3.45.1' ≥ '3.44.0'. */
export function isAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => v.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const have = parts(version);
  const need = parts(minimum);
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const diff = (have[i] ?? 0) - (need[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs each probe on its own in-memory database; one problem line per missing feature. */
export function featureProblems(sqlite: SqliteModule, features: readonly SqliteFeature[] = SQLITE_FEATURES): string[] {
  const problems: string[] = [];
  for (const feature of features) {
    const db = new sqlite.DatabaseSync(':memory:');
    try {
      feature.probe(db);
    } catch (error) {
      problems.push(`${feature.what}: ${message(error)}`);
    } finally {
      db.close();
    }
  }
  return problems;
}

/** The library switches its file to write-ahead logging; some file systems cannot. */
function walProblem(sqlite: SqliteModule, dir: string): string | null {
  let scratch: string | null = null;
  try {
    mkdirSync(dir, { recursive: true });
    scratch = mkdtempSync(join(dir, '.sqlite-check-'));
    const db = new sqlite.DatabaseSync(join(scratch, 'probe.db'));
    try {
      const mode = one(db, 'PRAGMA journal_mode = WAL');
      return mode === 'wal' ? null : `write-ahead logging in ${dir}: the journal mode stayed ${String(mode)}`;
    } finally {
      db.close();
    }
  } catch (error) {
    return `a database file with write-ahead logging in ${dir}: ${message(error)}`;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Builds the whole current schema in memory, exactly as a new library would be. */
async function schemaProblem(): Promise<string | null> {
  try {
    // Loaded only now: these modules import node:sqlite, which was just found to exist.
    const { openConnection } = await import('../library/db.ts');
    const { migrate } = await import('../library/migrate.ts');
    const { MIGRATIONS } = await import('../library/migrations/index.ts');
    const db = openConnection(':memory:');
    try {
      migrate(db, MIGRATIONS);
    } finally {
      db.close();
    }
    return null;
  } catch (error) {
    return `the library's schema cannot be created: ${message(error)}`;
  }
}

export interface SqliteCheckOptions {
  /** node:sqlite as the runtime has it; undefined when the runtime has none. */
  sqlite?: SqliteModule | undefined;
  /** Where the library will live: write-ahead logging is tried there. */
  dataDir?: string;
}

/** Everything the library needs from SQLite; an empty list means all is there. */
export async function checkSqliteRequirements(options: SqliteCheckOptions = {}): Promise<string[]> {
  const sqlite = 'sqlite' in options ? options.sqlite : process.getBuiltinModule('node:sqlite');
  if (!sqlite?.DatabaseSync) {
    return [`node:sqlite is missing from this runtime (Node ${process.versions.node}); the library is stored with it.`];
  }
  const problems: string[] = [];
  const probe = new sqlite.DatabaseSync(':memory:');
  const version = String(one(probe, 'SELECT sqlite_version()'));
  probe.close();
  if (!isAtLeast(version, MIN_SQLITE_VERSION)) problems.push(`SQLite ${MIN_SQLITE_VERSION} or later (this one is ${version})`);
  if (typeof sqlite.backup !== 'function') problems.push('the online backup API of node:sqlite (daily backups use it)');
  problems.push(...featureProblems(sqlite));
  const wal = walProblem(sqlite, options.dataDir ?? tmpdir());
  if (wal) problems.push(wal);
  if (problems.length === 0) {
    const schema = await schemaProblem();
    if (schema) problems.push(schema);
  }
  return problems;
}

/** The dialog's text: what is missing, one line each. */
export function describeSqliteProblems(problems: readonly string[]): string {
  return `Lectern cannot keep your library with this SQLite. Missing:\n\n${problems.map((p) => `• ${p}`).join('\n')}`;
}
