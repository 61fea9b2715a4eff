// The integrity check reads the whole file, so it runs on a worker once the core has started
// rather than before the window. Damage where opening does not read is then found there: it
// is reported with the backup to restore, and no backup is taken of the damaged file.
import { closeSync, mkdtempSync, openSync, utimesSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../electron/core.ts';
import type { ListPage } from '../../../electron/shared/listing.ts';
import { listBackups, openLibrary, restoreBackup, type LibraryCorruptError } from '../../../electron/library/library.ts';
import { saved } from '../library/helpers.ts';

const running: Core[] = [];
afterEach(async () => {
  for (const core of running.splice(0)) await core.close();
});

function startCore(dataDir: string, extra: Partial<CoreOptions> = {}): Core {
  const core = createCore({ dataDir, rendererDir: '/nonexistent', allowFetch: () => false, refreshFeeds: false, ...extra });
  running.push(core);
  return core;
}

async function stop(core: Core): Promise<void> {
  running.splice(running.indexOf(core), 1);
  await core.close();
}

/** Overwrites the page headers of one table's b-tree: a search would fail, a list would not. */
function damageTable(file: string, table: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  const { page_size: pageSize } = db.prepare('PRAGMA page_size').get() as { page_size: number };
  const pages = (db.prepare('SELECT pageno FROM dbstat WHERE name = ?').all(table) as { pageno: number }[]).map((r) => r.pageno);
  db.close();
  const fd = openSync(file, 'r+');
  for (const page of pages) writeSync(fd, Buffer.alloc(12, 0x5a), 0, 12, (page - 1) * pageSize);
  closeSync(fd);
  return pages.length;
}

const listed = async (core: Core): Promise<number> => {
  const answer = await core.invoke('listArticles', [{ view: 'all' }]);
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as ListPage).total;
};

describe('damage that opening does not read', () => {
  it('opens, is found by the check off the main thread with the backup to restore, and is never backed up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lectern-damage-later-'));
    const file = join(dataDir, 'library.db');
    const lib = openLibrary(file);
    for (let i = 0; i < 40; i++) saved(lib, `https://example.com/${i}`, { text: `harbour article ${i} `.repeat(300) });
    lib.close();

    const first = startCore(dataDir);
    await first.checked();
    await stop(first);
    const backups = listBackups(join(dataDir, 'backups'));
    expect(backups).toHaveLength(1);
    // A day old: the next start would take a new one, if the file were sound.
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    utimesSync(backups[0]!, dayAgo, dayAgo);

    expect(damageTable(file, 'article_fts_data')).toBeGreaterThan(0);
    // As main opens it after an upgrade that failed: checked first, refused with its backups.
    expect(() => createCore({ dataDir, rendererDir: '/nonexistent', allowFetch: () => false, refreshFeeds: false, checkIntegrityAtOpen: true })).toThrow(
      expect.objectContaining({ name: 'LibraryCorruptError', backups }),
    );
    const reported: LibraryCorruptError[] = [];
    const damaged = startCore(dataDir, { onLibraryDamaged: (damage) => reported.push(damage) });
    expect(await listed(damaged)).toBe(40);
    await damaged.checked();
    expect(reported).toHaveLength(1);
    expect(reported[0]!.problems.length).toBeGreaterThan(0);
    expect(reported[0]!.backups).toEqual(backups);
    expect(reported[0]!.message).toMatch(/is damaged/);
    expect(listBackups(join(dataDir, 'backups')), 'no backup of a damaged file').toEqual(backups);
    await stop(damaged);

    // What main.ts does when the reader accepts: the damaged file goes aside, the backup in.
    restoreBackup(backups[0]!, file);
    const restored = startCore(dataDir, { onLibraryDamaged: (damage) => reported.push(damage) });
    await restored.checked();
    expect(reported).toHaveLength(1);
    expect(await listed(restored)).toBe(40);
    const found = await restored.invoke('search', ['harbour', 10]);
    expect(found.ok && (found.value as { total: number }).total).toBe(40);
    expect(listBackups(join(dataDir, 'backups')), 'the restored, sound file is backed up again').toHaveLength(2);
  });
});
