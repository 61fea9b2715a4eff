import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { captureArticle } from '../../../electron/capture/capture-article.ts';
import { FAVICON_MAX_BYTES, forgetSiteIcons } from '../../../electron/capture/images/site-icon.ts';
import { extractArticle } from '../../../electron/capture/extraction/extract-article.ts';
import { ExtractPool } from '../../../electron/capture/extraction/extract-pool.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { icoFromPng } from '../../support/ico.ts';
import { readFixtureImage, temporaryDir } from './support/fixtures.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PARAGRAPHS = '<p>Some words that make this a real article, long enough for the extractor to keep it as content.</p>'.repeat(6);
const page = (head: string, title = 'A page with an icon') =>
  `<!doctype html><html lang="en"><head><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${PARAGRAPHS}</article></body></html>`;
const iconOf = (head: string, url = 'https://news.example/2026/story.html') => extractArticle(page(head), url).faviconUrl;

describe('finding the site icon', () => {
  it('takes the page’s icon link, resolved against its <base>', () => {
    expect(iconOf('<link rel="icon" href="/icons/site.png">')).toBe('https://news.example/icons/site.png');
    expect(iconOf('<link rel="shortcut icon" href="favicon.ico">')).toBe('https://news.example/2026/favicon.ico');
    expect(iconOf('<base href="https://cdn.example/static/"><link rel="icon" href="icon.svg">')).toBe('https://cdn.example/static/icon.svg');
  });

  it('prefers a list-sized icon, then any icon, over the touch icon; never the Safari mask icon', () => {
    expect(iconOf(`<link rel="apple-touch-icon" href="/touch.png" sizes="180x180"><link rel="icon" href="/big.png" sizes="192x192">
      <link rel="icon" href="/small.png" sizes="16x16"><link rel="icon" href="/right.png" sizes="32x32">`)).toBe('https://news.example/right.png');
    expect(iconOf('<link rel="icon" href="/any.svg" sizes="any" type="image/svg+xml"><link rel="icon" href="/32.png" sizes="32x32">')).toBe('https://news.example/any.svg');
    expect(iconOf('<link rel="icon" href="/huge.png" sizes="512x512"><link rel="icon" href="/unsized.ico">')).toBe('https://news.example/unsized.ico');
    expect(iconOf('<link rel="apple-touch-icon" href="/touch.png"><link rel="mask-icon" href="/mask.svg">')).toBe('https://news.example/touch.png');
    expect(iconOf('<link rel="mask-icon" href="/mask.svg">')).toBe('https://news.example/favicon.ico');
  });

  it('skips icons it could not keep and falls back to /favicon.ico at the page’s origin', () => {
    expect(iconOf('<link rel="icon" href="/icon.heic" type="image/heic"><link rel="icon" href="javascript:alert(1)">')).toBe('https://news.example/favicon.ico');
    expect(iconOf('<base href="https://cdn.example/static/">')).toBe('https://news.example/favicon.ico');
    expect(iconOf('<link rel="icon" href="data:image/png;base64,iVBORw0KGgo=">')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });
});

describe('captureArticle site icons', () => {
  let server: FixtureServer;
  let store: AssetStore;
  let removeDir: () => Promise<void>;
  let png: Buffer;
  let ico: Buffer;
  const referers = new Map<string, string | undefined>();

  beforeAll(async () => {
    const dir = await temporaryDir();
    removeDir = dir.remove;
    store = new AssetStore(dir.path);
    png = await readFixtureImage('photo-3.png');
    ico = icoFromPng(png);
    server = await startFixtureServer({
      '/icons/site.png': (req, res) => {
        referers.set('/icons/site.png', req.headers.referer);
        res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await removeDir();
  });
  beforeEach(() => forgetSiteIcons());

  it('stores the icon the page links to, with the page as referrer, and keeps it with the article', async () => {
    server.route('/linked', { body: page('<link rel="icon" href="/icons/site.png">') });
    const article = await captureArticle(server.url('/linked'), { assets: store });
    expect(article.favicon).toBe(`/assets/${sha256(png)}`);
    expect(article.assetHashes).toContain(sha256(png));
    expect((await store.read(sha256(png)))?.mime).toBe('image/png');
    expect(referers.get('/icons/site.png')).toBe(`${server.origin}/`);
    expect(server.hits.get('/favicon.ico')).toBeUndefined();
  });

  it('fetches /favicon.ico when the page names no icon, and keeps it as an ICO', async () => {
    server.route('/favicon.ico', { headers: { 'content-type': 'image/vnd.microsoft.icon' }, body: ico });
    server.route('/plain', { body: page('') });
    const article = await captureArticle(server.url('/plain'), { assets: store });
    expect(article.favicon).toBe(`/assets/${sha256(ico)}`);
    expect(article.assetHashes).toEqual([sha256(ico)]);
    expect((await store.read(sha256(ico)))?.mime).toBe('image/x-icon');
  });

  it('carries the icon through extraction on a worker thread', async () => {
    const pool = new ExtractPool({ size: 1 });
    try {
      server.route('/pooled', { body: page('<link rel="icon" href="/icons/site.png">') });
      const article = await captureArticle(server.url('/pooled'), { assets: store, extract: pool.extract });
      expect(article.favicon).toBe(`/assets/${sha256(png)}`);
    } finally {
      await pool.close();
    }
  });

  it('saves the article without an icon when the icon is missing or not an image', async () => {
    server.route('/missing-icon', { body: page('<link rel="icon" href="/icons/gone.png">', 'Missing icon') });
    server.route('/fake-icon', { body: page('<link rel="icon" href="/icons/fake.png">', 'Fake icon') });
    server.route('/icons/fake.png', { headers: { 'content-type': 'image/png' }, body: '<!doctype html><p>Soft 404</p>' });
    for (const [path, title] of [['/missing-icon', 'Missing icon'], ['/fake-icon', 'Fake icon']] as const) {
      const article = await captureArticle(server.url(path), { assets: store });
      expect(article.title).toBe(title);
      expect(article.text).toContain('Some words that make this a real article');
      expect(article.favicon).toBeNull();
      expect(article.assetHashes).toEqual([]);
    }
    expect(server.hits.get('/icons/gone.png')).toBe(1);
  });

  it('refuses an icon over the size limit, even a real image that images may be', async () => {
    const big = Buffer.concat([png, Buffer.alloc(FAVICON_MAX_BYTES + 1 - png.length)]);
    server.route('/icons/big.png', { headers: { 'content-type': 'image/png' }, body: big });
    server.route('/big-icon', { body: page('<link rel="icon" href="/icons/big.png">') });
    const article = await captureArticle(server.url('/big-icon'), { assets: store });
    expect(article.favicon).toBeNull();
    expect(await store.has(sha256(big))).toBe(false);
    // Just under the limit is kept: the limit, not the padding, refused it.
    const fits = big.subarray(0, FAVICON_MAX_BYTES);
    server.route('/icons/big.png', { headers: { 'content-type': 'image/png' }, body: fits });
    forgetSiteIcons(); // the refusal above is remembered for an hour
    expect((await captureArticle(server.url('/big-icon'), { assets: store })).favicon).toBe(`/assets/${sha256(fits)}`);
  });

  it('asks a site for its icon once for many articles, and again only if the saved file is gone', async () => {
    let asked = 0;
    server.route('/icons/shared.png', (_req, res) => {
      asked++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    for (const n of [1, 2, 3]) server.route(`/story-${n}`, { body: page('<link rel="icon" href="/icons/shared.png">', `Story ${n}`) });
    for (const n of [1, 2]) expect((await captureArticle(server.url(`/story-${n}`), { assets: store })).favicon).toBe(`/assets/${sha256(png)}`);
    expect(asked).toBe(1);
    await store.remove([sha256(png)]);
    expect((await captureArticle(server.url('/story-3'), { assets: store })).favicon).toBe(`/assets/${sha256(png)}`);
    expect(asked).toBe(2);
    expect(await store.has(sha256(png))).toBe(true);
  });

  it('does not keep asking a site that has no icon', async () => {
    for (const n of [1, 2]) server.route(`/bare-${n}`, { body: page('<link rel="icon" href="/icons/none.png">', `Bare ${n}`) });
    for (const n of [1, 2]) expect((await captureArticle(server.url(`/bare-${n}`), { assets: store })).favicon).toBeNull();
    expect(server.hits.get('/icons/none.png')).toBe(1);
  });
});
