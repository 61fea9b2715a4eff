import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/asset-store.ts';
import { downloadImages } from '../../../electron/capture/download-images.ts';
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

  it('stores images until the article’s budget is spent, and drops the rest', async () => {
    const urls = [...sizes.keys()];
    const all = [...sizes.values()];
    // Room for about half of the bytes: some images must go, and what is kept must fit.
    const budget = Math.floor(all.reduce((a, b) => a + b, 0) / 2);
    const stored = await downloadImages(urls, { assets: new AssetStore(dir.path), referrer: server.url('/page'), maxTotalBytes: budget });
    const kept = [...stored.keys()].reduce((total, url) => total + (sizes.get(url) ?? 0), 0);
    expect(stored.size).toBeGreaterThan(0);
    expect(stored.size).toBeLessThan(urls.length);
    expect(kept).toBeLessThanOrEqual(budget);
  });

  it('stores every image when they fit', async () => {
    const urls = [...sizes.keys()];
    const stored = await downloadImages(urls, { assets: new AssetStore(dir.path), referrer: server.url('/page') });
    expect([...stored.keys()]).toEqual(urls);
  });
});
