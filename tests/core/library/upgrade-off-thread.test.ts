// An older library is upgraded on a worker thread before the app opens it, telling how far it
// is as it goes (main.ts shows that in a window); a failed upgrade leaves the file as it was.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { describeUpgrade } from '../../../electron/desktop/upgrade-window.ts';
import { needsUpgrade, upgradeOffThread } from '../../../electron/library/background/library-tasks.ts';
import { listBackups, openLibrary, type OpenProgress } from '../../../electron/library/library.ts';
import { latestVersion, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, tempDir, track } from './helpers.ts';
import { libraryAt10 } from './library-at-10.ts';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('upgrading off the main thread', () => {
  it('checks, backs up and upgrades, reporting each part in order and the rebuild as it goes', async () => {
    const dir = tempDir();
    const file = join(dir, 'library.db');
    // 4,500 articles, row ids 1,000 apart (as years of deletions leave them): the rebuild goes
    // 2,000 rows at a time whatever the gaps, so it reports three times between start and end.
    const n = 4_500;
    libraryAt10(file, n, { ridStep: 1_000, words: 20 }).close();
    expect(needsUpgrade(file)).toBe(true);

    const seen: OpenProgress[] = [];
    const result = await upgradeOffThread(file, { backupDir: join(dir, 'backups'), onProgress: (p) => seen.push(p) });
    expect(result).toEqual({ ok: true });
    expect(needsUpgrade(file)).toBe(false);
    expect(userVersion(rawDb(file))).toBe(latestVersion(MIGRATIONS));
    expect(listBackups(join(dir, 'backups'))[0]).toMatch(/before-v11\.db$/);

    expect(seen.slice(0, 2).map((p) => p.phase)).toEqual(['checking', 'backing-up']);
    const rebuild = seen.slice(2);
    expect(rebuild.every((p) => p.phase === 'migrating' && p.version === 11 && p.step === 1 && p.steps === 1)).toBe(true);
    expect(rebuild.length).toBe(5);
    const fractions = seen.map((p) => describeUpgrade(p).fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(describeUpgrade(seen.at(-1)!).title).toMatch(/100%$/);

    const lib = track(openLibrary(file));
    for (const i of [0, 1, 1_999, 2_000, 2_001, 3_999, 4_000, n - 2]) expect(lib.search(`marker${i}`, 5).total, `marker${i}`).toBe(1);
    expect(lib.search(`marker${n - 1}`, 5).total).toBe(0); // the tombstoned one
    const indexed = rawDb(file).prepare(`SELECT count(*) AS n FROM article_fts WHERE article_fts MATCH 'seawall'`).get() as { n: number };
    expect(indexed.n).toBe(n - 1); // every live article, once
  });

  it('needs no upgrade for a new, a current or a missing file, or one that is not a database', () => {
    const dir = tempDir();
    expect(needsUpgrade(join(dir, 'none.db'))).toBe(false);
    track(openLibrary(join(dir, 'current.db')));
    expect(needsUpgrade(join(dir, 'current.db'))).toBe(false);
    writeFileSync(join(dir, 'notes.db'), 'my reading notes, not a database\n'.repeat(200));
    expect(needsUpgrade(join(dir, 'notes.db'))).toBe(false);
  });

  it('leaves a damaged file as it was and says why', async () => {
    const dir = tempDir();
    const file = join(dir, 'library.db');
    libraryAt10(file, 30).close();
    const db = new DatabaseSync(file, { readOnly: true });
    const { page_size: pageSize } = db.prepare('PRAGMA page_size').get() as { page_size: number };
    const pages = (db.prepare(`SELECT pageno FROM dbstat WHERE name = 'articles'`).all() as { pageno: number }[]).map((r) => r.pageno);
    db.close();
    const fd = openSync(file, 'r+');
    for (const page of pages) writeSync(fd, Buffer.alloc(12, 0x5a), 0, 12, (page - 1) * pageSize);
    closeSync(fd);
    const before = sha(file);

    const seen: OpenProgress[] = [];
    const result = await upgradeOffThread(file, { backupDir: join(dir, 'backups'), onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/is damaged/) });
    expect(seen.map((p) => p.phase)).toEqual(['checking']);
    expect(sha(file)).toBe(before);
    expect(needsUpgrade(file)).toBe(true);

    // Opened unchecked, the backup before the upgrade fails on the damaged pages: the copy it
    // cut short, as large as the library, is not left behind.
    expect(() => openLibrary(file, { backupDir: join(dir, 'backups'), checkIntegrity: false })).toThrow();
    expect(existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []).toEqual([]);
    expect(sha(file)).toBe(before);
  });
});
