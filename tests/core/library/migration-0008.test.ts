import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packBody } from '../../../electron/library/compress.ts';
import { openLibrary } from '../../../electron/library/library.ts';
import { migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, tempDir, track } from './helpers.ts';

const NOW = '2026-11-01T00:00:00.000Z';

/** A version-7 library with an article, two live highlights and a deleted one, as 0007 stored them. */
function v7Library() {
  const dir = tempDir();
  const file = join(dir, 'lib.db');
  const db = rawDb(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 7));
  db.prepare(`INSERT INTO articles (id, url, title, host, body_z, status, created_at, updated_at)
    VALUES ('a1', 'https://ex.com/a', 'Tides', 'ex.com', ?, 'done', ?, ?)`).run(packBody('The tide rose at dawn.', '<p>The tide rose at dawn.</p>'), NOW, NOW);
  const add = db.prepare(`INSERT INTO highlights (id, article_id, quote, start_pos, end_pos, color, note, created_at, updated_at, deleted_at)
    VALUES (?, 'a1', ?, ?, ?, ?, ?, ?, ?, ?)`);
  add.run('h-imported', 'tide rose', null, null, 'green', 'from Readwise', NOW, NOW, null);
  add.run('h-placed', 'at dawn', 13, 20, 'yellow', '', '2026-11-02T00:00:00.000Z', NOW, null);
  add.run('h-deleted', 'The tide', 0, 8, 'pink', 'gone', NOW, NOW, NOW);
  db.close();
  return { file, backupDir: join(dir, 'backups') };
}

describe('0008 highlight search', () => {
  it('keeps every highlight (tombstones too), gives each a row key, and indexes the live ones', () => {
    const { file, backupDir } = v7Library();
    const lib = track(openLibrary(file, { backupDir }));
    expect(userVersion(rawDb(file))).toBeGreaterThanOrEqual(8);
    const rows = rawDb(file).prepare('SELECT id, rid, orphaned, deleted_at IS NOT NULL AS deleted FROM highlights ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'h-deleted', rid: expect.any(Number), orphaned: 0, deleted: 1 },
      { id: 'h-imported', rid: expect.any(Number), orphaned: 0, deleted: 0 },
      { id: 'h-placed', rid: expect.any(Number), orphaned: 0, deleted: 0 },
    ]);
    expect(lib.highlights.forArticle('a1').map((h) => [h.id, h.color, h.note])).toEqual([
      ['h-placed', 'yellow', ''],
      ['h-imported', 'green', 'from Readwise'],
    ]);
    expect(lib.search('in:highlights readwise', 10).highlights!.map((h) => h.highlight.id)).toEqual(['h-imported']);
    expect(lib.search('in:highlights gone', 10).highlights).toEqual([]);
    expect(lib.browseHighlights({}).items.map((i) => i.highlight.id)).toEqual(['h-placed', 'h-imported']);
  });

  it('still tombstones an article’s highlights with it, and the index follows', () => {
    const { file, backupDir } = v7Library();
    const lib = track(openLibrary(file, { backupDir }));
    lib.delete('a1');
    expect(rawDb(file).prepare('SELECT count(*) AS n FROM highlights WHERE deleted_at IS NULL').get()).toEqual({ n: 0 });
    expect(lib.search('in:highlights tide', 10).highlights).toEqual([]);
    expect(rawDb(file).prepare("SELECT count(*) AS n FROM highlight_fts WHERE highlight_fts MATCH 'tide'").get()).toEqual({ n: 0 });
  });
});
