// Bodies travel with their articles; images are uploaded with them and downloaded only when
// asked for (fetchSyncedAsset), checked against their hash.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssetStore } from '../../../../electron/capture/images/asset-store.ts';
import type { Library } from '../../../../electron/library/library.ts';
import { fetchSyncedAsset, syncRound } from '../../../../electron/sync/sync-engine.ts';
import { readFixtureImage } from '../../capture/support/fixtures.ts';
import { captured, devices } from './sync-helpers.ts';

describe('synced bodies and images', () => {
  it('pulls the body with the article, and an image only on demand', async () => {
    const { remote, libs, dir } = devices(2);
    const [a, b] = libs as [Library, Library];
    const storeA = new AssetStore(join(dir, 'assets-a'));
    const storeB = new AssetStore(join(dir, 'assets-b'));
    const image = await storeA.put(await readFixtureImage('photo-1.png'));
    const { article } = a.addPending('https://ex.com/img');
    a.completeCapture(article.id, { ...captured('https://ex.com/img', 'Pictured', 'A tidal pool at noon.'), assetHashes: [image.hash] });
    const up = await syncRound(a, remote, { assets: storeA });
    expect(up.bytesUp).toBeGreaterThan((await readFixtureImage('photo-1.png')).byteLength);
    await syncRound(b, remote, { assets: storeB });
    expect(b.get(article.id)!.html).toContain('A tidal pool at noon.');
    expect(b.search('tidal', 10).hits.map((h) => h.article.id)).toEqual([article.id]);
    expect(b.assetsInUse([image.hash]).has(image.hash)).toBe(true);
    expect(await storeB.has(image.hash)).toBe(false);
    expect(await fetchSyncedAsset(b, remote, storeB, image.hash)).toBe(true);
    expect((await storeB.read(image.hash))!.bytes.equals(await readFixtureImage('photo-1.png'))).toBe(true);
    // Not an image of any synced article: not fetched.
    expect(await fetchSyncedAsset(b, remote, storeB, 'f'.repeat(64))).toBe(false);
  });
});
