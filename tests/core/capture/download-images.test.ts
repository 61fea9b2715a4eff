import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { downloadImages } from '../../../electron/capture/images/download-images.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { imageRoutes, readFixtureImage, temporaryDir } from './support/fixtures.ts';

const NAMES = ['photo-1.png', 'photo-2.jpg', 'photo-3.png', 'photo-4.jpg', 'photo-6.webp'];

describe('an article’s image budget', () => {
  let server: FixtureServer;
  let sizes: Map<string, number>;
  let dir: { path: string; remove: () => Promise<void> };
  beforeAll(async () => {
    server = await startFixtureServer(await imageRoutes());
    sizes = new Map(await Promise.all(NAMES.map(async (name) => [server.url(`/images/${name}`), (await readFixtureImage(name)).length] as const)));
    dir = await temporaryDir();
  });
  afterAll(async () => {
    await server.close();
    await dir.remove();
  });

  it('stores images until the article’s budget is spent, and drops only what does not fit', async () => {
    const urls = [...sizes.keys()];
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    // One byte short of all of them: every image but one fits. With a budget smaller than one
    // image's own limit, downloads wait for each other's unused share instead of giving up.
    const stored = await downloadImages(urls, { assets: new AssetStore(dir.path), referrer: server.url('/page'), maxTotalBytes: total - 1 });
    expect([...stored.keys()]).toEqual(urls.slice(0, -1));
  });

  it('keeps every image when the budget is ample, however the downloads interleave', async () => {
    const urls = [...sizes.keys()];
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const stored = await downloadImages(urls, { assets: new AssetStore(dir.path), referrer: server.url('/page'), maxTotalBytes: total * 10 });
    expect([...stored.keys()]).toEqual(urls);
  });

  it('counts images inlined as data: URLs against the budget too', async () => {
    const png = await readFixtureImage('photo-1.png');
    const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    const stored = await downloadImages([dataUrl], { assets: new AssetStore(dir.path), referrer: server.url('/page'), maxTotalBytes: png.length - 1 });
    expect(stored.size).toBe(0);
  });

  it('stores every image when they fit', async () => {
    const urls = [...sizes.keys()];
    const stored = await downloadImages(urls, { assets: new AssetStore(dir.path), referrer: server.url('/page') });
    expect([...stored.keys()]).toEqual(urls);
  });
});
