import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../../electron/library/library.ts';
import { latestVersion, migrate, NewerSchemaError, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, tempDir, track } from './helpers.ts';

function schemaNames(db: DatabaseSync): string[] {
  return db
    .prepare(`SELECT type || ':' || name AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY n`)
    .all()
    .map((r) => String((r as { n: string }).n));
}

/** A database migrated only up to `version`. */
function dbAt(version: number): { db: DatabaseSync; file: string } {
  const file = join(tempDir(), 'lib.db');
  const db = rawDb(file);
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, version));
  return { db, file };
}

describe('migration runner', () => {
  it('numbers migrations 1..n', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('applies everything on a new file and nothing on reopen', () => {
    const { db } = dbAt(latestVersion(MIGRATIONS));
    expect(userVersion(db)).toBe(latestVersion(MIGRATIONS));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
  });

  it('rolls a failing migration back whole, version unchanged', () => {
    const { db } = dbAt(1);
    const broken = { version: 2, description: 'broken', up: (d: DatabaseSync) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } };
    expect(() => migrate(db, [MIGRATIONS[0]!, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(1);
    expect(schemaNames(db)).not.toContain('table:half');
  });

  it('refuses a newer database and leaves the file byte-identical', () => {
    const dir = tempDir();
    const file = join(dir, 'future.db');
    const db = new DatabaseSync(file);
    db.exec(`CREATE TABLE articles (id TEXT); INSERT INTO articles VALUES ('x'); PRAGMA user_version = 999;`);
    db.close();
    const before = readFileSync(file);
    let error: unknown;
    try {
      openLibrary(file, { backupDir: join(dir, 'backups') });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NewerSchemaError);
    expect(String((error as Error).message)).toMatch(/schema version 999.*Update Lectern/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses an out-of-order migration list', () => {
    const { db } = dbAt(0);
    expect(() => migrate(db, [MIGRATIONS[1] ?? { ...MIGRATIONS[0]!, version: 2 }])).toThrow(/out of order/);
  });
});

describe('0001 initial', () => {
  it('creates articles, tags, assets, FTS and its triggers', () => {
    const { db } = dbAt(1);
    expect(userVersion(db)).toBe(1);
    const names = schemaNames(db);
    for (const n of [
      'table:articles', 'table:tags', 'table:article_tags', 'table:assets', 'table:article_assets',
      'table:article_fts', 'view:article_fts_source', 'trigger:article_fts_ai', 'trigger:article_fts_ad',
      'trigger:article_fts_au', 'index:articles_live_url',
    ]) expect(names).toContain(n);
    const fk = db.prepare('PRAGMA foreign_key_list(article_tags)').all();
    expect(fk.length).toBe(2);
  });

  it('opens with WAL and foreign keys on', () => {
    const file = join(tempDir(), 'lib.db');
    track(openLibrary(file));
    const db = rawDb(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
  });
});
