// A library moved to another remote (a new WebDAV server, another synced folder) must bring
// everything it holds there, not only what changed since: what the old remote had seen, and
// the bodies it held, say nothing about the new one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderRemote } from '../../../../electron/sync/remote/folder-remote.ts';
import { syncRound } from '../../../../electron/sync/sync-engine.ts';
import type { Library } from '../../../../electron/library/library.ts';
import { devices, dump, saveArticle } from './sync-helpers.ts';

describe('moving to another remote', () => {
  it('pushes the whole library to the new remote, bodies included, and goes on with the old one', async () => {
    const { remote: oldRemote, libs, dir } = devices(3);
    const [a, b, c] = libs as [Library, Library, Library];
    const first = saveArticle(a, 'https://ex.com/one', 'One');
    a.addTags(first, ['kept']);
    a.highlights.add(first, { quote: 'Text' });
    expect((await syncRound(a, oldRemote)).rejected).toEqual([]);
    expect((await syncRound(b, oldRemote)).rejected).toEqual([]);
    expect(dump(b)).toEqual(dump(a));

    // A then moves to a new remote, where C joins; an edit made since goes along too.
    saveArticle(a, 'https://ex.com/two', 'Two');
    const newDir = join(dir, 'new-remote');
    mkdirSync(newDir);
    const newRemote = createFolderRemote(newDir);
    expect((await syncRound(a, newRemote)).rejected).toEqual([]);
    expect((await syncRound(c, newRemote)).rejected).toEqual([]);
    expect(dump(c)).toEqual(dump(a));
    expect(c.search('Two', 10).total).toBe(1);

    // Back on the old remote, A is a new device there and B gets the edit without doubles.
    expect((await syncRound(a, oldRemote)).rejected).toEqual([]);
    expect((await syncRound(b, oldRemote)).rejected).toEqual([]);
    expect(dump(b)).toEqual(dump(a));
  });
});
