import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packBody } from '../../../electron/library/compress.ts';
import { openLibrary } from '../../../electron/library/library.ts';
import { migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { capture, rawDb, saved, tempDir, track } from './helpers.ts';

const NOW = '2026-11-01T00:00:00.000Z';

/** A version-8 library: a live article with a highlight, a tombstone, a feed. */
function v8Library() {
  const dir = tempDir();
  const file = join(dir, 'lib.db');
  const db = rawDb(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 8));
  const add = db.prepare(`INSERT INTO articles (id, url, title, host, body_z, status, created_at, updated_at, deleted_at)
    VALUES (?, ?, 'T', 'ex.com', ?, 'done', ?, ?, ?)`);
  add.run('a-live', 'https://ex.com/a', packBody('Body.', '<p>Body.</p>'), NOW, NOW, null);
  add.run('a-gone', 'https://ex.com/b', new Uint8Array(0), NOW, NOW, NOW);
  db.prepare(`INSERT INTO highlights (id, article_id, quote, created_at, updated_at) VALUES ('h1', 'a-live', 'Body', ?, ?)`).run(NOW, NOW);
  db.prepare(`INSERT INTO feeds (id, url, next_check_at, created_at, updated_at) VALUES ('f1', 'https://ex.com/feed', ?, ?, ?)`).run(NOW, NOW, NOW);
  db.close();
  return { file, backupDir: join(dir, 'backups') };
}

const outbox = (file: string) => rawDb(file).prepare('SELECT entity, entity_id, field FROM sync_outbox ORDER BY entity, entity_id, field').all();

describe('0009 sync change log', () => {
  it('puts what the library holds in the outbox, tombstones aside', () => {
    const { file, backupDir } = v8Library();
    track(openLibrary(file, { backupDir }));
    expect(userVersion(rawDb(file))).toBeGreaterThanOrEqual(9);
    expect(outbox(file)).toEqual([
      { entity: 'article', entity_id: 'a-live', field: '*' },
      { entity: 'feed', entity_id: 'f1', field: '*' },
      { entity: 'highlight', entity_id: 'h1', field: '*' },
    ]);
  });

  it('notes each changed field once, by name, and nothing while a remote’s changes are applied', () => {
    const { file, backupDir } = v8Library();
    const lib = track(openLibrary(file, { backupDir }));
    rawDb(file).exec('DELETE FROM sync_outbox');
    lib.setStarred('a-live', true);
    lib.setStarred('a-live', true);
    lib.setProgress('a-live', 0.5);
    lib.addTags('a-live', ['Reading']);
    lib.setNote('a-live', 'a note');
    lib.highlights.update('h1', { color: 'green' });
    lib.feeds.update('f1', { folder: 'News' });
    expect(outbox(file)).toEqual([
      { entity: 'article', entity_id: 'a-live', field: 'note' },
      { entity: 'article', entity_id: 'a-live', field: 'progress' },
      { entity: 'article', entity_id: 'a-live', field: 'starred' },
      { entity: 'article', entity_id: 'a-live', field: 'tag:reading' },
      { entity: 'feed', entity_id: 'f1', field: 'folder' },
      { entity: 'highlight', entity_id: 'h1', field: 'color' },
    ]);
    const db = lib.syncConnection();
    db.exec('DELETE FROM sync_outbox');
    lib.batch(() => {
      db.exec('INSERT INTO sync_applying (on_) VALUES (1)');
      lib.setArchived('a-live', true);
      lib.removeTag('a-live', 'reading');
      db.exec('DELETE FROM sync_applying');
    });
    expect(outbox(file)).toEqual([]);
    lib.delete('a-live');
    expect(outbox(file)).toContainEqual({ entity: 'article', entity_id: 'a-live', field: 'deleted' });
    expect(outbox(file)).toContainEqual({ entity: 'highlight', entity_id: 'h1', field: 'deleted' });
  });

  it('a bulk insert costs one outbox row per article, its tags and assets included', () => {
    const { file, backupDir } = v8Library();
    const lib = track(openLibrary(file, { backupDir }));
    rawDb(file).exec('DELETE FROM sync_outbox');
    const ids = lib.bulkInsert([1, 2, 3].map((i) => ({ ...capture({ url: `https://ex.com/bulk/${i}`, assetHashes: ['a'.repeat(64)] }), tags: ['x', 'y'] })));
    expect(outbox(file)).toEqual(ids.sort().map((id) => ({ entity: 'article', entity_id: id, field: '*' })));
    // Saved the usual way (pending, then captured): its '*' row, then the fields the capture filled.
    const id = saved(lib, 'https://ex.com/saved').id;
    expect(outbox(file).filter((r) => r.entity_id === id)).toContainEqual({ entity: 'article', entity_id: id, field: '*' });
    expect(outbox(file).filter((r) => !ids.includes(String(r.entity_id)) && r.entity_id !== id)).toEqual([]);
  });
});
