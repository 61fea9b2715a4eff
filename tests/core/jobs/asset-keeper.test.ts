import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { AssetKeeper } from '../../../electron/jobs/asset-keeper.ts';
import { freshLibrary, saved } from '../library/helpers.ts';

const PHOTO = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'images', 'photo-1.png'));

describe('AssetKeeper', () => {
  it('never deletes a file a running capture has just found already stored', async () => {
    const { lib, dir } = freshLibrary();
    const store = new AssetStore(join(dir, 'assets'));
    const keeper = new AssetKeeper(store, lib);
    const { hash } = await store.put(PHOTO);
    // An article used the image and was deleted: the image is now unused.
    const article = saved(lib, 'https://example.com/old', { assetHashes: [hash] });
    lib.delete(article!.id);
    expect(lib.unusedAssetHashes()).toContain(hash);

    // A free starts; before it has deleted anything, a capture stores the same image.
    const freeing = keeper.freeUnused();
    const storing = keeper.storeFor('job-1').put(PHOTO);
    await Promise.all([freeing, storing]);
    expect(await store.has(hash)).toBe(true);
    // Once the capture's article is saved the library tracks the image; until then the job holds it.
    await keeper.freeUnused();
    expect(await store.has(hash)).toBe(true);
    await keeper.release('job-1', false);
    expect(await store.has(hash)).toBe(false);
  });
});
