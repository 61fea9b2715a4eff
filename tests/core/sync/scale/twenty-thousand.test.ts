// Issue 15, scale: two devices with 20,000 articles each (2,000 at addresses both saved) meet
// for the first time through a folder remote. After A, B, A rounds both hold the same 38,000
// articles, none twice, by a canonical digest. Times and bytes are the bench's (bench:sync).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFolderRemote } from '../../../../electron/sync/remote/folder-remote.ts';
import { bulkArticles, digestOf, makeLibrary, meet } from './meeting.ts';

const EACH = 20_000;
const SHARED = 2_000;
const root = mkdtempSync(join(tmpdir(), 'lectern-sync-scale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sync at scale', () => {
  it(`two devices with ${EACH} articles each meet and converge`, { timeout: 600_000 }, async () => {
    const [a, b, remote] = ['a', 'b', 'remote'].map((name) => join(root, name)) as [string, string, string];
    for (const dir of [a, b, remote]) mkdirSync(dir);
    makeLibrary(a, bulkArticles('alpha', EACH, SHARED));
    makeLibrary(b, bulkArticles('beta', EACH, SHARED));
    expect(digestOf(a).articles).toBe(EACH);

    const meeting = await meet(a, b, createFolderRemote(remote), 'scale test passphrase');
    for (const round of meeting.rounds) expect(round.report.rejected, round.device).toEqual([]);
    console.log(
      `sync scale: ${EACH} + ${EACH} articles met in ${(meeting.ms / 1000).toFixed(1)} s ` +
        `(${meeting.rounds.map((r) => `${r.device} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}), ` +
        `${(meeting.bytesUp / 1e6).toFixed(1)} MB up, ${(meeting.bytesDown / 1e6).toFixed(1)} MB down`,
    );

    const [da, db] = [digestOf(a), digestOf(b)];
    expect(da.articles).toBe(2 * EACH - SHARED);
    expect(da.distinctUrls).toBe(da.articles);
    expect(db).toEqual(da);
  });
});
