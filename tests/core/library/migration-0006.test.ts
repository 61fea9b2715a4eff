import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packBody } from '../../../electron/library/compress.ts';
import { listBackups, NewerSchemaError, openLibrary } from '../../../electron/library/library.ts';
import { latestVersion, migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, saved, tempDir, track } from './helpers.ts';

const NOW = '2025-05-01T00:00:00.000Z';
const ICON = `/assets/${'c'.repeat(64)}`;

/** A version-5 library holding one finished article, as 0005's schema stored it. */
function v5Library() {
  const dir = tempDir();
  const file = join(dir, 'lib.db');
  const db = rawDb(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 5));
  db.prepare(`INSERT INTO articles (id, url, title, site, host, body_z, status, created_at, updated_at)
    VALUES ('old', 'https://ex.com/old', 'Saved before icons', 'Ex', 'ex.com', ?, 'done', ?, ?)`).run(packBody('Old words.', '<p>Old words.</p>'), NOW, NOW);
  db.close();
  return { dir, file, backupDir: join(dir, 'backups') };
}

const columns = (file: string) => rawDb(file).prepare('PRAGMA table_info(articles)').all().map((c) => (c as { name: string }).name);

describe('0006 favicons', () => {
  it('adds the favicon column; older articles read as having none, new ones keep theirs', () => {
    const { file, backupDir } = v5Library();
    expect(columns(file)).not.toContain('favicon');
    const lib = track(openLibrary(file, { backupDir }));
    expect(userVersion(rawDb(file))).toBeGreaterThanOrEqual(6);
    expect(columns(file)).toContain('favicon');
    expect(listBackups(backupDir).map((path) => path.split(/[\\/]/).pop())).toEqual([expect.stringMatching(/before-v6\.db$/)]);

    expect(lib.get('old')).toMatchObject({ title: 'Saved before icons', favicon: null, html: '<p>Old words.</p>' });
    const fresh = saved(lib, 'https://ex.com/new', { title: 'With an icon', favicon: ICON, assetHashes: ['c'.repeat(64)] });
    expect(fresh.favicon).toBe(ICON);
    const [bulkWith, bulkWithout] = lib.bulkInsert([
      { ...capturedFields('https://ex.com/bulk-1'), favicon: ICON },
      capturedFields('https://ex.com/bulk-2'),
    ]);
    const listed = new Map(lib.list({ view: 'all' }).items.map((item) => [item.id, item.favicon]));
    expect(listed).toEqual(new Map([['old', null], [fresh.id, ICON], [bulkWith!, ICON], [bulkWithout!, null]]));
    expect(lib.search('icon', 5).hits.map((hit) => hit.article.favicon)).toEqual([ICON]);

    // A deleted article keeps only its id and address.
    lib.delete(fresh.id);
    expect(rawDb(file).prepare('SELECT favicon FROM articles WHERE id = ?').get(fresh.id)).toEqual({ favicon: null });
  });

  it('still refuses a library from a newer Lectern, leaving it untouched', () => {
    const { file, backupDir } = v5Library();
    track(openLibrary(file, { backupDir })).close();
    const db = rawDb(file);
    db.exec(`PRAGMA user_version = ${latestVersion(MIGRATIONS) + 1}`);
    db.close();
    const before = readFileSync(file);
    expect(() => openLibrary(file, { backupDir })).toThrow(NewerSchemaError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

function capturedFields(url: string) {
  return {
    url, canonicalUrl: null, title: 'Bulk', byline: null, siteName: null, publishedAt: null, lang: null, dir: null,
    excerpt: null, html: '<p>Bulk text.</p>', text: 'Bulk text.', leadImage: null, wordCount: 2, assetHashes: [],
  };
}
