import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packBody } from '../../../electron/library/compress.ts';
import { openLibrary } from '../../../electron/library/library.ts';
import { latestVersion, migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, saved, tempDir, track } from './helpers.ts';

const NOW = '2025-05-01T00:00:00.000Z';

describe('0005 short-field index', () => {
  it('adds the short-field index over existing articles, keeping every article searchable', () => {
    const dir = tempDir();
    const file = join(dir, 'lib.db');
    const backupDir = join(dir, 'backups');
    const v4 = rawDb(file);
    v4.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
    migrate(v4, MIGRATIONS.slice(0, 4));
    const insert = v4.prepare(`INSERT INTO articles (id, url, title, host, body_z, status, created_at, updated_at)
      VALUES (?, ?, ?, 'ex.com', ?, 'done', ?, ?)`);
    insert.run('a1', 'https://ex.com/1', 'Deep sea', packBody('Desalination plants and delta wetlands.', ''), NOW, NOW);
    insert.run('a2', 'https://ex.com/2', 'Other', packBody('Nothing to see here.', ''), NOW, NOW);
    expect(userVersion(v4)).toBe(4);
    v4.close();

    const lib = track(openLibrary(file, { backupDir }));
    const raw = rawDb(file);
    expect(userVersion(raw)).toBe(latestVersion(MIGRATIONS));
    expect(() => raw.prepare(`INSERT INTO article_meta_fts(article_meta_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
    expect(raw.prepare(`SELECT rowid FROM article_meta_fts WHERE article_meta_fts MATCH 'deep'`).all()).toHaveLength(1);
    expect(raw.prepare(`SELECT v FROM article_fts_config WHERE k = 'hashsize'`).get()).toEqual({ v: 16 * 1024 * 1024 });
    expect(() => raw.prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
    // Prefixes of every length still answer from the full index.
    for (const q of ['d*', 'de*', 'des*', 'desa*', 'desal*', 'wetl*', 'nothin*']) expect(lib.search(q, 5).total, q).toBe(1);
    expect(lib.search('se*', 5).total).toBe(2); // "sea" and "see"
    // The triggers still keep the index in step.
    saved(lib, 'https://ex.com/3', { title: 'Delta', text: 'More deltas.' });
    expect(lib.search('del*', 5).total).toBe(2);
  });

  it('migrates with the raw runner too (no library options)', () => {
    const db = rawDb(join(tempDir(), 'raw.db'));
    migrate(db, MIGRATIONS);
    expect(userVersion(db)).toBe(latestVersion(MIGRATIONS));
  });
});
