// Merge rules through real rounds: notes edited at once, tags added and removed at once, a
// deletion against an edit, tombstones and their collection, and clocks hours apart.
import { describe, expect, it } from 'vitest';
import { syncRound } from '../../../../electron/sync/sync-engine.ts';
import { devices, dump, saveArticle } from './sync-helpers.ts';
import type { Library } from '../../../../electron/library/library.ts';
import type { SyncRemote } from '../../../../electron/sync/remote/sync-remote.ts';

const HOUR = 3_600_000;

async function everyone(remote: SyncRemote, libs: readonly Library[], times = 2): Promise<void> {
  for (let i = 0; i < times; i++) for (const lib of libs) expect((await syncRound(lib, remote)).rejected).toEqual([]);
}

const tombstones = (lib: Library): number => Number((lib.syncConnection().prepare('SELECT count(*) AS n FROM sync_tombstones').get() as { n: number }).n);

describe('merge rules', () => {
  it('concurrent edits of one note keep both texts, marked, the same on every device', async () => {
    const { remote, libs } = devices(2);
    const [a, b] = libs as [Library, Library];
    const id = saveArticle(a, 'https://ex.com/n', 'Note');
    a.setNote(id, 'the start');
    await everyone(remote, libs);
    a.setNote(id, 'written on A');
    b.setNote(id, 'written on B');
    const first = await syncRound(a, remote);
    const second = await syncRound(b, remote);
    await syncRound(a, remote);
    expect(first.conflicts + second.conflicts).toBeGreaterThan(0);
    const note = a.getNote(id)!;
    expect(b.getNote(id)).toBe(note);
    expect(note).toMatch(/^written on [AB]\n\n— conflicting edit from [0-9a-f]{16}, \d{4}-\d\d-\d\d \d\d:\d\d UTC —\n\nwritten on [AB]$/);
    expect(note).toContain('written on A');
    expect(note).toContain('written on B');
    // Resolving it on one device is an ordinary edit: one text everywhere.
    b.setNote(id, 'both, merged by hand');
    await everyone(remote, libs);
    expect(a.getNote(id)).toBe('both, merged by hand');
  });

  it('a tag added and removed at once: the later stamp wins, on both devices', async () => {
    for (const removeLater of [true, false]) {
      const { remote, libs } = devices(2);
      const [a, b] = libs as [Library, Library];
      const id = saveArticle(a, 'https://ex.com/t', 'Tagged');
      a.addTags(id, ['Keep']);
      await everyone(remote, libs);
      // Neither has seen the other's change; b's clock runs a minute ahead or behind. (b takes
      // the tag off and puts it back: its add is then a change, concurrent with a's removal.)
      a.removeTag(id, 'keep');
      b.removeTag(id, 'keep');
      b.addTags(id, ['keep', 'extra']);
      const skew = removeLater ? -60_000 : 60_000;
      await syncRound(a, remote);
      await syncRound(b, remote, { now: () => Date.now() + skew });
      await syncRound(a, remote);
      await syncRound(b, remote, { now: () => Date.now() + skew });
      const tags = (lib: Library) => lib.summary(id)!.tags.map((t) => t.toLowerCase()).sort();
      expect(tags(a)).toEqual(removeLater ? ['extra'] : ['extra', 'keep']);
      expect(tags(b)).toEqual(tags(a));
    }
  });

  it('a deletion wins over a concurrent edit, and its tombstone stays until every device has seen it', async () => {
    const { remote, libs } = devices(3);
    const [a, b, c] = libs as [Library, Library, Library];
    const id = saveArticle(a, 'https://ex.com/d', 'Doomed');
    a.highlights.add(id, { quote: 'Text' });
    await everyone(remote, libs);
    a.delete(id);
    b.setStarred(id, true);
    b.addTags(id, ['late']);
    await syncRound(b, remote);
    await syncRound(a, remote);
    await syncRound(b, remote);
    expect(a.summary(id)).toBeNull();
    expect(b.summary(id)).toBeNull();
    expect(b.highlights.forArticle(id)).toEqual([]);
    // c has not synced since: a and b keep the tombstone however often they sync.
    await syncRound(a, remote);
    await syncRound(b, remote);
    await syncRound(a, remote);
    expect(tombstones(a)).toBe(1);
    expect(tombstones(b)).toBe(1);
    expect(c.summary(id)).not.toBeNull();
    await everyone(remote, libs, 3);
    expect(c.summary(id)).toBeNull();
    for (const lib of libs) expect(tombstones(lib)).toBe(0);
    expect(dump(a)).toEqual(dump(c));
    // Collected, the deletion still holds: the library keeps its own tombstone row.
    b.setStarred(id, true);
    await everyone(remote, libs);
    expect(libs.map((lib) => lib.summary(id))).toEqual([null, null, null]);
  });

  it('clocks hours apart: the later edit of the device that is behind still wins', async () => {
    const { remote, libs } = devices(2);
    const [behind, ahead] = libs as [Library, Library];
    const aheadClock = { now: () => Date.now() + 5 * HOUR };
    const id = saveArticle(ahead, 'https://ex.com/s', 'Skewed');
    await syncRound(ahead, remote, aheadClock);
    await syncRound(behind, remote);
    ahead.setArchived(id, true);
    ahead.setNote(id, 'from the fast clock');
    await syncRound(ahead, remote, aheadClock);
    await syncRound(behind, remote);
    expect(behind.summary(id)!.archived).toBe(true);
    // Seen, then changed on the slow clock: hours "earlier" by wall time, later in fact.
    behind.setArchived(id, false);
    behind.setNote(id, 'from the slow clock, later');
    await syncRound(behind, remote);
    await syncRound(ahead, remote, aheadClock);
    for (const lib of libs) {
      expect(lib.summary(id)!.archived).toBe(false);
      expect(lib.getNote(id)).toBe('from the slow clock, later');
    }
    expect(dump(ahead)).toEqual(dump(behind));
  });

  it('two devices that saved the same address end with one article, the same on both', async () => {
    const { remote, libs } = devices(2);
    const [a, b] = libs as [Library, Library];
    const ida = saveArticle(a, 'https://ex.com/same', 'From A');
    const idb = saveArticle(b, 'https://ex.com/same', 'From B');
    a.addTags(ida, ['from-a']);
    a.setNote(ida, 'note on A');
    b.addTags(idb, ['from-b']);
    b.setStarred(idb, true);
    await everyone(remote, libs, 3);
    const kept = [ida, idb].sort()[0]!;
    for (const lib of libs) {
      expect(lib.list({ view: 'all', limit: 10 }).items.map((s) => s.id)).toEqual([kept]);
      // The kept copy took over what the reader gave the other.
      expect(lib.summary(kept)!.tags).toEqual(['from-a', 'from-b']);
      expect(lib.summary(kept)!.starred).toBe(true);
      expect(lib.getNote(kept)).toBe('note on A');
    }
    expect(dump(a)).toEqual(dump(b));
  });

  // Which copy is kept depends on the ids (random): six meetings cover both sides, almost surely.
  it.each([1, 2, 3, 4, 5, 6])('highlights of a duplicate move to the article kept in its place, on every device (%i)', async () => {
    const { remote, libs } = devices(3);
    const [a, b, c] = libs as [Library, Library, Library];
    const ida = saveArticle(a, 'https://ex.com/twice', 'From A');
    const idb = saveArticle(b, 'https://ex.com/twice', 'From B');
    const ha = a.highlights.add(ida, { quote: 'Text' })!;
    const hb = b.highlights.add(idb, { quote: 'Text' })!;
    await everyone(remote, [a, b], 3);
    // C meets the pair only now, after both others merged them (it sees the deletion first).
    await everyone(remote, libs, 2);
    const kept = [ida, idb].sort()[0]!;
    for (const lib of libs) {
      expect(lib.list({ view: 'all', limit: 10 }).items.map((s) => s.id)).toEqual([kept]);
      expect(lib.highlights.forArticle(kept).map((h) => h.id).sort()).toEqual([ha.id, hb.id].sort());
    }
    expect(dump(b)).toEqual(dump(a));
    expect(dump(c)).toEqual(dump(a));
  });
});
