import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups, openLibrary } from '../../../electron/library/library.ts';
import { latestVersion, migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, tempDir, track } from './helpers.ts';

/** A version-1 library with data written the way 0001's schema stored it. */
function v1Library() {
  const dir = tempDir();
  const file = join(dir, 'lib.db');
  const db = rawDb(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 1));
  const now = '2025-05-01T00:00:00.000Z';
  const insert = db.prepare(`INSERT INTO articles (id, url, title, site, host, html, text, word_count, status,
    created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?)`);
  insert.run('a1', 'https://ex.com/1', 'Old title', 'Ex', 'ex.com', '<p>café 東京塔 text</p>', 'café 東京塔 text', 3, now, now, null);
  insert.run('a2', 'https://ex.com/2', '', null, 'ex.com', '', '', 0, now, now, now); // tombstone
  db.exec(`INSERT INTO tags (id, name, key, created_at, updated_at) VALUES ('t1', 'Travel', 'travel', '${now}', '${now}');
           INSERT INTO article_tags (article_id, tag_id, created_at) VALUES ('a1', 't1', '${now}');`);
  db.close();
  return { dir, file };
}

describe('0002 tags, notes, search, packed bodies', () => {
  it('keeps every article, packs text+html, fills tags_text and cjk, rebuilds the index', () => {
    const { dir, file } = v1Library();
    const lib = track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    const a = lib.get('a1')!;
    expect(a).toMatchObject({ title: 'Old title', html: '<p>café 東京塔 text</p>', tags: ['Travel'], wordCount: 3 });
    expect(lib.get('a2')).toBeNull();
    expect(lib.search('cafe', 5).hits.map((h) => h.article.id)).toEqual(['a1']);
    expect(lib.search('travel', 5).total).toBe(1);
    expect(lib.search('京塔', 5).total).toBe(1);
    expect(lib.getNote('a1')).toBe('');

    const raw = rawDb(file);
    expect(userVersion(raw)).toBe(latestVersion(MIGRATIONS));
    const cols = raw.prepare('PRAGMA table_info(articles)').all().map((c) => (c as { name: string }).name);
    expect(cols).toEqual(expect.arrayContaining(['note', 'tags_text', 'cjk', 'body_z']));
    expect(cols).not.toContain('text');
    expect(cols).not.toContain('html');
    const tomb = raw.prepare(`SELECT url, deleted_at FROM articles WHERE id = 'a2'`).get();
    expect(tomb).toEqual({ url: 'https://ex.com/2', deleted_at: '2025-05-01T00:00:00.000Z' });
    expect(() => raw.prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });

  it('backs the old file up before migrating it', () => {
    const { dir, file } = v1Library();
    track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    const [backup] = listBackups(join(dir, 'backups'));
    expect(backup).toMatch(/before-v2\.db$/);
    expect(userVersion(rawDb(backup!))).toBe(1);
  });

  it('makes no backup for a brand-new library', () => {
    const dir = tempDir();
    track(openLibrary(join(dir, 'new.db'), { backupDir: join(dir, 'backups') }));
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});
