import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { ListView } from '../../../electron/shared/listing.ts';
import { openLibrary, type Library } from '../../../electron/library/library.ts';
import { latestVersion, migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { capture, freshLibrary, rawDb, saved, tempDir, track } from './helpers.ts';

const NOW = '2025-05-01T00:00:00.000Z';
const VIEWS: readonly ListView[] = ['unread', 'archive', 'starred', 'all'];
const VIEW_SQL: Record<ListView, string> = { unread: 'a.archived = 0', archive: 'a.archived = 1', starred: 'a.starred = 1', all: '1' };

/** Every view's and every tag's list total equals a count of the rows themselves. */
function expectTotalsCounted(lib: Library, raw: DatabaseSync): void {
  const count = (sql: string, ...params: string[]): number => Number((raw.prepare(sql).get(...params) as { n: number }).n);
  const tags = raw.prepare('SELECT id, name FROM tags WHERE deleted_at IS NULL').all() as { id: string; name: string }[];
  for (const view of VIEWS) {
    const expected = count(`SELECT count(*) AS n FROM articles a WHERE a.deleted_at IS NULL AND ${VIEW_SQL[view]}`);
    expect(lib.list({ view, limit: 1 }).total, view).toBe(expected);
    for (const tag of tags) {
      const tagged = count(`SELECT count(*) AS n FROM article_tags at JOIN articles a ON a.id = at.article_id
        WHERE at.tag_id = ? AND a.deleted_at IS NULL AND ${VIEW_SQL[view]}`, tag.id);
      expect(lib.list({ view, tag: tag.name, limit: 1 }).total, `${view} ${tag.name}`).toBe(tagged);
    }
  }
}

describe('0010 list totals', () => {
  it('counts an existing library on migration', () => {
    const dir = tempDir();
    const file = join(dir, 'lib.db');
    const old = rawDb(file);
    old.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
    migrate(old, MIGRATIONS.filter((m) => m.version < 10));
    const article = old.prepare(`INSERT INTO articles (id, url, title, host, status, archived, starred, created_at, updated_at, deleted_at)
      VALUES (?, ?, ?, 'ex.com', 'done', ?, ?, ?, ?, ?)`);
    const states: [archived: number, starred: number, deleted: string | null][] = [[0, 0, null], [0, 1, null], [1, 0, null], [1, 1, null], [0, 1, NOW], [1, 0, NOW]];
    states.forEach(([archived, starred, deleted], i) => article.run(`a${i}`, `https://ex.com/${i}`, `T${i}`, archived, starred, NOW, NOW, deleted));
    old.exec(`INSERT INTO tags (id, name, key, created_at, updated_at) VALUES ('t1', 'Sea', 'sea', '${NOW}', '${NOW}')`);
    for (const id of ['a0', 'a2', 'a3']) old.prepare(`INSERT INTO article_tags (article_id, tag_id, created_at) VALUES (?, 't1', ?)`).run(id, NOW);
    old.close();

    const lib = track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    const raw = rawDb(file);
    expect(userVersion(raw)).toBe(latestVersion(MIGRATIONS));
    expect(lib.list({ view: 'all' }).total).toBe(4);
    expect(lib.list({ view: 'unread', tag: 'sea' }).total).toBe(1);
    expect(lib.list({ view: 'archive', tag: 'sea' }).total).toBe(2);
    expectTotalsCounted(lib, raw);
  });

  it('keeps every total right through saves, flags, tags, deletes and bulk inserts', () => {
    const { lib, file } = freshLibrary();
    const raw = rawDb(file);
    expectTotalsCounted(lib, raw);
    const a = saved(lib, 'https://ex.com/a');
    const b = saved(lib, 'https://ex.com/b');
    lib.addPending('https://ex.com/pending');
    expectTotalsCounted(lib, raw);
    lib.setArchived(a.id, true);
    lib.setStarred(b.id, true);
    lib.addTags(a.id, ['Sea', 'Sky']);
    lib.addTags(b.id, ['sea']);
    expectTotalsCounted(lib, raw);
    lib.setArchived(a.id, false);
    lib.setArchived(b.id, true);
    lib.removeTag(a.id, 'sky');
    expectTotalsCounted(lib, raw);
    lib.bulkInsert([0, 1, 2, 3].map((i) => ({
      ...capture({ url: `https://ex.com/bulk${i}`, title: `Bulk ${i}` }),
      tags: i % 2 ? ['Sea'] : ['Land'], archived: i > 1, starred: i === 3,
    })));
    expectTotalsCounted(lib, raw);
    expect(lib.renameTag('land', 'sea')).toBe(true);
    expectTotalsCounted(lib, raw);
    lib.delete(b.id);
    lib.delete(a.id);
    expectTotalsCounted(lib, raw);
    expect(lib.list({ view: 'all' }).total).toBe(5);
    // The counters are rows like any other: a failed bulk insert rolls them back too.
    expect(() => lib.bulkInsert([{ ...capture({ url: 'https://ex.com/x' }), tags: ['Sea'] }, { ...capture(), url: null as unknown as string }])).toThrow();
    expectTotalsCounted(lib, raw);
  });
});
