// The library file's page size and auto-vacuum: set for a new file, left alone in an old one.
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { listBackups, openLibrary, type BulkArticle } from '../../../electron/library/library.ts';
import { migrate } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { freshLibrary, rawDb, tempDir, track } from './helpers.ts';

const pragma = (db: DatabaseSync, name: string): number => Number(Object.values(db.prepare(`PRAGMA ${name}`).get() as object)[0]);

function articles(from: number, n: number): BulkArticle[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const text = Array.from({ length: 400 }, (_, w) => `word${(i * 13 + w * 7) % 5000}`).join(' ');
    return {
      url: `https://ex.com/${i}`, canonicalUrl: null, title: `Article ${i}`, byline: null, siteName: null, publishedAt: null,
      lang: 'en', dir: null, excerpt: null, html: `<p>${text}</p>`, text, leadImage: null, wordCount: 400, assetHashes: [],
    };
  });
}

describe('library file layout', () => {
  it('makes a new library with 16 KB pages and incremental auto-vacuum; optimize() gives back freed pages', () => {
    const { lib, file } = freshLibrary();
    const raw = rawDb(file);
    expect(pragma(raw, 'page_size')).toBe(16384);
    expect(pragma(raw, 'auto_vacuum')).toBe(2);
    for (let batch = 0; batch < 6; batch++) lib.bulkInsert(articles(batch * 50, 50));
    // Deleting leaves the index's pages for those articles free once the merge has run.
    for (const article of lib.list({ view: 'all', limit: 200 }).items) lib.delete(article.id);
    lib.optimize();
    expect(pragma(raw, 'freelist_count')).toBe(0);
    expect(lib.search('word7', 10).total).toBeGreaterThan(0);
  });

  it('leaves an existing library with 4 KB pages as it is, its backups too, and works in it', () => {
    const file = join(tempDir(), 'old.db');
    const backupDir = join(tempDir(), 'backups');
    const old = rawDb(file);
    old.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
    migrate(old, MIGRATIONS.filter((m) => m.version < 11));
    old.close();
    const lib = track(openLibrary(file, { backupDir }));
    const raw = rawDb(file);
    expect(pragma(raw, 'page_size')).toBe(4096);
    expect(pragma(raw, 'auto_vacuum')).toBe(0);
    // The copy made before migrating (VACUUM INTO takes the layout from the connection).
    const [before] = listBackups(backupDir);
    expect(before).toMatch(/before-v11/);
    const copy = rawDb(before!);
    expect([pragma(copy, 'page_size'), pragma(copy, 'auto_vacuum')]).toEqual([4096, 0]);
    lib.bulkInsert(articles(0, 20));
    lib.optimize();
    expect(lib.search('word13', 10).total).toBeGreaterThan(0);
  });
});
