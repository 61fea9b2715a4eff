// Compaction: a device with enough segments writes a snapshot and removes its own segments
// that every device has acknowledged; a new device then starts from the snapshot plus the
// segments after it, and ends where a device that saw the whole history is.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../../electron/library/library.ts';
import { syncDeviceId, syncRound } from '../../../../electron/sync/sync-engine.ts';
import { devices, dump, openDevice, saveArticle } from './sync-helpers.ts';

const files = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => !f.startsWith('.'));
  } catch {
    return [];
  }
};

describe('snapshots', () => {
  it('a snapshot and the segments after it bring a new device to the state of the full history', async () => {
    const { remote, remoteDir, libs, dir } = devices(2);
    const [a, b] = libs as [Library, Library];
    const options = { snapshotAfter: 2 };
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = saveArticle(i % 2 ? b : a, `https://ex.com/${i}`, `Article ${i}`);
      ids.push(id);
      if (i > 0) a.addTags(ids[i - 1]!, [`t${i}`]);
      if (i === 3) a.delete(ids[1]!);
      if (i === 4) b.setNote(ids[2]!, 'a note from b');
      if (i === 5) a.highlights.add(ids[4]!, { quote: 'Text', color: 'green' });
      await syncRound(a, remote, options);
      await syncRound(b, remote, options);
    }
    const snaps = files(join(remoteDir, 'snapshots'));
    expect(snaps.length).toBeGreaterThan(0);
    // Each device keeps one snapshot of its own, and has removed segments it holds.
    const owners = snaps.map((s) => s.slice(0, 16));
    expect(new Set(owners).size).toBe(owners.length);
    const aSegments = files(join(remoteDir, 'devices', syncDeviceId(a))).filter((f) => f.endsWith('.seg'));
    expect(aSegments.length).toBeLessThan(7);
    // Changes after the last snapshot exist only as segments.
    a.setStarred(ids[0]!, true);
    await syncRound(a, remote, options);
    await syncRound(b, remote, options);

    const c = openDevice(dir, 'newcomer');
    const first = await syncRound(c, remote, options);
    expect(first.rejected).toEqual([]);
    expect(dump(c)).toEqual(dump(b));
    expect(dump(c)).toEqual(dump(a));
    expect(c.summary(ids[1]!)).toBeNull();
    expect(c.getNote(ids[2]!)).toBe('a note from b');
    expect(c.summary(ids[0]!)!.starred).toBe(true);
    // From then on it takes part like any other device.
    c.setArchived(ids[0]!, true);
    await syncRound(c, remote, options);
    await syncRound(a, remote, options);
    expect(a.summary(ids[0]!)!.archived).toBe(true);
  });
});
