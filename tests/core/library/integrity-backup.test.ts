import { closeSync, mkdirSync, openSync, readdirSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneBackups } from '../../../electron/library/backup.ts';
import { LibraryCorruptError, listBackups, openLibrary, restoreBackup } from '../../../electron/library/library.ts';
import { saved, tempDir, track } from './helpers.ts';

function libraryWithData(dir: string) {
  const file = join(dir, 'lib.db');
  const lib = openLibrary(file, { backupDir: join(dir, 'backups') });
  for (let i = 0; i < 40; i++) saved(lib, `https://example.com/${i}`, { text: `article number ${i} `.repeat(200) });
  return { file, lib };
}

/** Overwrites part of every page after the first few with garbage. */
function damage(file: string): void {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  const fd = openSync(file, 'r+');
  for (let p = 3; p < pages; p += 2) writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, p * pageSize + 200);
  closeSync(fd);
}

describe('daily backups', () => {
  it('makes one when none is a day old, and keeps the newest five', async () => {
    const dir = tempDir();
    const { lib } = libraryWithData(dir);
    track(lib);
    const backups = join(dir, 'backups');
    const first = await lib.backupIfDue();
    expect(first).toMatch(/daily\.db$/);
    expect(await lib.backupIfDue()).toBeNull(); // the newest backup is from just now
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    utimesSync(first!, dayAgo, dayAgo);
    expect(await lib.backupIfDue()).toMatch(/daily(-2)?\.db$/);
    for (let d = 3; d < 10; d++) await lib.backupIfDue(new Date(Date.now() + d * 86_400_000));
    expect(listBackups(backups)).toHaveLength(5);
    const copy = track(openLibrary(listBackups(backups)[0]!));
    expect(copy.list({ view: 'all' }).total).toBe(40);
  });

  it('clears away copies a quit or crash cut off, before the next daily backup', async () => {
    const dir = tempDir();
    const { lib } = libraryWithData(dir);
    track(lib);
    const backups = join(dir, 'backups');
    mkdirSync(backups, { recursive: true });
    const cutOff = ['lectern-2026-11-27T08-00-00-000Z-daily.db.partial', 'lectern-2026-11-28T08-00-00-000Z-daily.db.partial'];
    for (const name of cutOff) writeFileSync(join(backups, name), 'half a library');
    writeFileSync(join(backups, 'notes.txt'), 'not ours');
    const made = await lib.backupIfDue(new Date('2026-11-28T08:00:00.000Z'));
    // Named past the cut-off copy of the same minute, which is then gone with the other.
    expect(made).toMatch(/daily(-2)?\.db$/);
    expect(readdirSync(backups).sort()).toEqual([basename(made!), 'notes.txt'].sort());
    expect(track(openLibrary(made!)).list({ view: 'all' }).total).toBe(40);
  });

  it('prunes oldest first', () => {
    expect(() => pruneBackups(join(tempDir(), 'none'))).not.toThrow();
  });
});

describe('integrity', () => {
  it('refuses a damaged file with a recovery path, and restoring a backup works', async () => {
    const dir = tempDir();
    const { file, lib } = libraryWithData(dir);
    const backup = await lib.backupIfDue();
    lib.close();
    damage(file);
    let error: unknown;
    try {
      track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LibraryCorruptError);
    const corrupt = error as LibraryCorruptError;
    expect(corrupt.backups).toEqual([backup]);
    expect(corrupt.message).toMatch(/damaged.*Restore the newest backup/s);

    const aside = restoreBackup(corrupt.backups[0]!, file);
    expect(statSync(aside).size).toBeGreaterThan(0);
    const reopened = track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    expect(reopened.list({ view: 'all' }).total).toBe(40);
    expect(reopened.search('number', 5).total).toBe(40);
  });
});
