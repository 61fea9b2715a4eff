// Files that do not decode are refused and reported, the round goes on, and a good copy
// written later is applied; a round killed between writing its segment and clearing its
// outbox pushes the same changes again, harmlessly.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../../electron/library/library.ts';
import { openSyncVault } from '../../../../electron/sync/crypto/sync-vault.ts';
import type { SyncRemote } from '../../../../electron/sync/remote/sync-remote.ts';
import { hasLocalChanges, syncDeviceId, syncRound } from '../../../../electron/sync/sync-engine.ts';
import { devices, dump, saveArticle } from './sync-helpers.ts';

const BAD: Record<string, (good: Uint8Array) => Uint8Array> = {
  'bad gzip': () => new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4]),
  'bad JSON': () => gzipSync('{"format": "lectern-sync-segment", '),
  'another format version': (good) => gzipSync(JSON.stringify({ ...JSON.parse(Buffer.from(gunzip(good)).toString()), version: 99 })),
  'a value a field cannot take': (good) => {
    const seg = JSON.parse(Buffer.from(gunzip(good)).toString());
    seg.entries[0].f.progress = 7;
    return gzipSync(JSON.stringify(seg));
  },
};

function gunzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gunzipSync(bytes));
}

const segmentFiles = (remoteDir: string, device: string): string[] => readdirSync(join(remoteDir, 'devices', device)).filter((f) => f.endsWith('.seg')).sort();

describe('sync faults', () => {
  for (const [kind, corrupt] of Object.entries(BAD)) {
    it(`refuses a segment with ${kind}, reports it, goes on, and applies a good copy later`, async () => {
      const { remote, remoteDir, libs } = devices(3);
      const [a, b, c] = libs as [Library, Library, Library];
      saveArticle(a, 'https://ex.com/a', 'From A');
      saveArticle(b, 'https://ex.com/b', 'From B');
      await syncRound(a, remote);
      await syncRound(b, remote);
      const file = join(remoteDir, 'devices', syncDeviceId(a), segmentFiles(remoteDir, syncDeviceId(a))[0]!);
      const good = readFileSync(file);
      writeFileSync(file, corrupt(good));
      const report = await syncRound(c, remote);
      expect(report.rejected).toEqual([{ name: `devices/${syncDeviceId(a)}/${segmentFiles(remoteDir, syncDeviceId(a))[0]}`, reason: expect.any(String) }]);
      // b's segment was applied all the same; a's article is not here yet.
      expect(c.findSavedId('https://ex.com/b')).not.toBeNull();
      expect(c.findSavedId('https://ex.com/a')).toBeNull();
      expect((await syncRound(c, remote)).rejected).toHaveLength(1);
      writeFileSync(file, good);
      expect((await syncRound(c, remote)).rejected).toEqual([]);
      await syncRound(a, remote);
      await syncRound(b, remote);
      expect(dump(c)).toEqual(dump(a));
      expect(dump(c)).toEqual(dump(b));
    });
  }

  it('under a vault, a tampered segment is refused as a sealed file, and the round goes on', async () => {
    const { remote: folder, remoteDir, libs } = devices(3);
    const [a, b, c] = libs as [Library, Library, Library];
    const open = (): Promise<SyncRemote> => openSyncVault(folder, 'passphrase', { create: true, scrypt: { N: 1024, r: 8, p: 1 } });
    saveArticle(a, 'https://ex.com/a', 'From A');
    saveArticle(b, 'https://ex.com/b', 'From B');
    await syncRound(a, await open());
    await syncRound(b, await open());
    const file = join(remoteDir, 'devices', syncDeviceId(a), segmentFiles(remoteDir, syncDeviceId(a))[0]!);
    const sealed = readFileSync(file);
    sealed.writeUInt8(sealed.readUInt8(sealed.length - 20) ^ 0xff, sealed.length - 20);
    writeFileSync(file, sealed);
    const report = await syncRound(c, await open());
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.name).toBe(`devices/${syncDeviceId(a)}/${segmentFiles(remoteDir, syncDeviceId(a))[0]}`);
    expect(c.findSavedId('https://ex.com/b')).not.toBeNull();
    expect(c.findSavedId('https://ex.com/a')).toBeNull();
  });

  it('a round killed after writing its segment but before clearing its outbox pushes again, with nothing doubled', async () => {
    const { remote, libs } = devices(2);
    const [a, b] = libs as [Library, Library];
    const id = saveArticle(a, 'https://ex.com/k', 'Killed');
    a.addTags(id, ['one']);
    a.highlights.add(id, { quote: 'Text' });
    // The remote keeps the segment, then the process "dies" (the round throws) before the outbox is cleared.
    const dying: SyncRemote = {
      ...remote,
      label: 'dying',
      list: (f) => remote.list(f),
      read: (n) => remote.read(n),
      remove: (n) => remote.remove(n),
      async write(name, bytes) {
        await remote.write(name, bytes);
        if (name.endsWith('.seg')) throw new Error('killed');
      },
    };
    await expect(syncRound(a, dying)).rejects.toThrow('killed');
    expect(hasLocalChanges(a)).toBe(true);
    await syncRound(b, remote);
    const again = await syncRound(a, remote);
    expect(again.pushed).toBe(2);
    expect(hasLocalChanges(a)).toBe(false);
    await syncRound(b, remote);
    expect(dump(b)).toEqual(dump(a));
    expect(b.highlights.forArticle(id)).toHaveLength(1);
    expect(b.summary(id)!.tags).toEqual(['one']);
  });

  it('an aborted round stops and changes nothing it had not finished', async () => {
    const { remote, libs } = devices(2);
    const [a, b] = libs as [Library, Library];
    saveArticle(a, 'https://ex.com/x', 'X');
    await syncRound(a, remote);
    const controller = new AbortController();
    controller.abort();
    await expect(syncRound(b, remote, { signal: controller.signal })).rejects.toThrow();
    expect(b.findSavedId('https://ex.com/x')).toBeNull();
    await syncRound(b, remote);
    expect(dump(b)).toEqual(dump(a));
  });
});
