import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../../electron/library/library.ts';
import { migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { packBody } from '../../../electron/library/compress.ts';
import { rawDb, tempDir, track } from './helpers.ts';

const NOW = '2025-05-01T00:00:00.000Z';

/** A version-2 library: two live articles (one archived), a tombstone that still has a tag link. */
function v2Library() {
  const dir = tempDir();
  const file = join(dir, 'lib.db');
  const db = rawDb(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 2));
  const insert = db.prepare(`INSERT INTO articles (id, url, title, host, body_z, status, archived, created_at,
    updated_at, deleted_at) VALUES (?, ?, ?, 'ex.com', ?, 'done', ?, ?, ?, ?)`);
  insert.run('a1', 'https://ex.com/1', 'Fern notes', packBody('about ferns', ''), 0, '2025-01-01T00:00:00.000Z', NOW, null);
  insert.run('a2', 'https://ex.com/2', 'Moss notes', packBody('about moss', ''), 1, '2025-02-01T00:00:00.000Z', NOW, null);
  insert.run('a3', 'https://ex.com/3', '', new Uint8Array(0), 0, '2025-03-01T00:00:00.000Z', NOW, NOW);
  db.exec(`INSERT INTO tags (id, name, key, created_at, updated_at) VALUES ('t1', 'Plants', 'plants', '${NOW}', '${NOW}');
           INSERT INTO article_tags (article_id, tag_id, created_at) VALUES
             ('a1', 't1', '${NOW}'), ('a2', 't1', '${NOW}'), ('a3', 't1', '${NOW}');`);
  db.close();
  return { dir, file };
}

const links = (db: DatabaseSync) =>
  db.prepare('SELECT article_id, article_rid, saved_at, archived FROM article_tags ORDER BY article_id').all()
    .map((r) => ({ ...r }));

const schemaNames = (db: DatabaseSync) =>
  db.prepare(`SELECT type || ':' || name AS n FROM sqlite_schema`).all().map((r) => String(r.n));

describe('0003 tag links for lists', () => {
  it('copies rid, saved date and archived onto links, drops tombstone links, keeps the index whole', () => {
    const { dir, file } = v2Library();
    const lib = track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    const raw = rawDb(file);
    expect(userVersion(raw)).toBeGreaterThanOrEqual(3);
    const rid = (id: string) => Number((raw.prepare('SELECT rid FROM articles WHERE id = ?').get(id) as { rid: number }).rid);
    expect(links(raw)).toEqual([
      { article_id: 'a1', article_rid: rid('a1'), saved_at: '2025-01-01T00:00:00.000Z', archived: 0 },
      { article_id: 'a2', article_rid: rid('a2'), saved_at: '2025-02-01T00:00:00.000Z', archived: 1 },
    ]);
    const names = schemaNames(raw);
    expect(names).toContain('index:article_tags_by_tag_saved');
    expect(names).not.toContain('index:article_tags_by_tag');
    for (const t of ['article_tags_copy_ai', 'articles_tag_links_ai', 'articles_tag_links_archived', 'articles_tag_links_tombstone']) {
      expect(names).toContain(`trigger:${t}`);
    }
    expect(raw.prepare(`SELECT v FROM article_fts_config WHERE k = 'hashsize'`).get()).toEqual({ v: 16 * 1024 * 1024 });
    expect(() => raw.prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();

    // Data preserved and reachable through the new paths.
    expect(lib.get('a1')).toMatchObject({ title: 'Fern notes', tags: ['Plants'] });
    expect(lib.list({ view: 'all', tag: 'plants' })).toMatchObject({ total: 2 });
    expect(lib.list({ view: 'unread', tag: 'plants' }).items.map((i) => i.id)).toEqual(['a1']);
    expect(lib.search('moss tag:plants is:archived', 5).hits.map((h) => h.article.id)).toEqual(['a2']);
    expect(lib.listTags()).toEqual([{ name: 'Plants', count: 2 }]);
  });

  it('keeps links in step with archiving, tagging, deleting and bulk inserts', () => {
    const { file } = v2Library();
    const lib = track(openLibrary(file));
    const raw = rawDb(file);
    const linkOf = (id: string) => links(raw).find((l) => l.article_id === id);
    lib.setArchived('a1', true);
    expect(linkOf('a1')).toMatchObject({ archived: 1 });
    lib.setArchived('a1', false);
    expect(linkOf('a1')).toMatchObject({ archived: 0 });

    const [bulk] = lib.bulkInsert([{
      url: 'https://ex.com/bulk', canonicalUrl: null, title: 'Bulk', byline: null, siteName: null, publishedAt: null,
      lang: null, dir: null, excerpt: null, html: '', text: 'bulk text', leadImage: null, wordCount: 2,
      assetHashes: [], tags: ['plants', 'new tag'], archived: true, createdAt: '2025-04-01T00:00:00.000Z',
    }]);
    const bulkRid = Number((raw.prepare('SELECT rid FROM articles WHERE id = ?').get(bulk!) as { rid: number }).rid);
    expect(links(raw).filter((l) => l.article_id === bulk)).toEqual([
      { article_id: bulk, article_rid: bulkRid, saved_at: '2025-04-01T00:00:00.000Z', archived: 1 },
      { article_id: bulk, article_rid: bulkRid, saved_at: '2025-04-01T00:00:00.000Z', archived: 1 },
    ]);

    lib.addTags('a2', ['fresh']);
    expect(links(raw).filter((l) => l.article_id === 'a2').every((l) => l.article_rid !== null && l.archived === 1)).toBe(true);
    lib.delete('a2');
    expect(linkOf('a2')).toBeUndefined();
    expect(lib.list({ view: 'all', tag: 'plants' }).items.map((i) => i.id)).toEqual([bulk, 'a1']);
    expect(() => raw.prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });
});
