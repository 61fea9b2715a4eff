import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssetStore, assetResponseHeaders } from '../../../electron/capture/images/asset-store.ts';
import { sniffImageType } from '../../../electron/capture/images/image-type.ts';
import { icoFromPng } from '../../support/ico.ts';
import { readFixtureImage, temporaryDir } from './support/fixtures.ts';

describe('AssetStore', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let store: AssetStore;
  beforeEach(async () => {
    dir = await temporaryDir();
    store = new AssetStore(dir.path);
  });
  afterEach(() => dir.remove());

  it.each([
    ['photo-1.png', 'image/png'],
    ['photo-2.jpg', 'image/jpeg'],
    ['photo-5.gif', 'image/gif'],
    ['photo-6.webp', 'image/webp'],
  ])('stores %s by content hash', async (name, mime) => {
    const bytes = await readFixtureImage(name);
    const stored = await store.put(bytes);
    expect(stored).toEqual({ hash: createHash('sha256').update(bytes).digest('hex'), mime });
    const read = await store.read(stored.hash);
    expect(read?.mime).toBe(mime);
    expect(read?.bytes.equals(bytes)).toBe(true);
  });

  it('stores the same bytes once', async () => {
    const bytes = await readFixtureImage('photo-1.png');
    const [a, b] = await Promise.all([store.put(bytes), store.put(bytes)]);
    expect(a.hash).toBe(b.hash);
    const files = (await readdir(dir.path, { recursive: true })).filter((name) => name.endsWith(a.hash));
    expect(files).toHaveLength(1);
  });

  it('recognises AVIF and SVG, and refuses non-images', async () => {
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypavif'), Buffer.from([0, 0, 0, 0]), Buffer.from('avifmif1miaf'), Buffer.alloc(16)]);
    expect(sniffImageType(avif)).toBe('image/avif');
    expect(sniffImageType(Buffer.from('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml');
    await expect(store.put(Buffer.from('<html><script>alert(1)</script></html>'))).rejects.toMatchObject({ code: 'unsupported-content' });
    await expect(store.put(Buffer.from('%PDF-1.7'))).rejects.toThrow(/not an image/);
    await expect(store.put(Buffer.alloc(0))).rejects.toThrow();
  });

  it('recognises ICO (site icons) by its header and directory, not by its first bytes alone', async () => {
    const ico = icoFromPng(await readFixtureImage('photo-3.png'));
    expect(sniffImageType(ico)).toBe('image/x-icon');
    const stored = await store.put(ico);
    expect((await store.read(stored.hash))?.mime).toBe('image/x-icon');
    const cursor = Buffer.from(ico);
    cursor[2] = 2; // a .cur file: same layout, not an icon
    expect(sniffImageType(cursor)).toBeNull();
    expect(sniffImageType(Buffer.from([0, 0, 1, 0, 0, 0]))).toBeNull(); // no images
    expect(sniffImageType(ico.subarray(0, 20))).toBeNull(); // directory cut short
    // A valid-looking header over anything else: the entry must point at a PNG or BMP inside.
    const forged = Buffer.concat([Buffer.from([0, 0, 1, 0, 1, 0]), Buffer.alloc(16), Buffer.from('ftypisom plus a video that is not an icon')]);
    expect(sniffImageType(forged)).toBeNull();
    const pointsOutside = Buffer.from(ico);
    pointsOutside.writeUInt32LE(ico.length, 14); // the image's size: now past the end of the file
    expect(sniffImageType(pointsOutside)).toBeNull();
  });

  it('serves SVG so that it cannot run script', () => {
    const headers = assetResponseHeaders('image/svg+xml');
    expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(headers['content-security-policy']).toMatch(/sandbox/);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('reads nothing for unknown or malformed hashes and removes assets', async () => {
    const { hash } = await store.put(await readFixtureImage('photo-3.png'));
    expect(await store.read('../../etc/passwd')).toBeNull();
    expect(await store.read('f'.repeat(64))).toBeNull();
    await store.remove([hash, 'f'.repeat(64), '../x']);
    expect(await store.read(hash)).toBeNull();
  });
});
