import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { captureArticle } from '../../../electron/capture/capture-article.ts';
import { CaptureError } from '../../../electron/capture/capture-error.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { imageRoutes, readFixtureImage, readPage, temporaryDir } from './support/fixtures.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const PARAGRAPH_OPENINGS = [
  'After ten years of engineering studies', 'The measure passed seven to two', 'We have been told to wait',
  'The barrier will consist of a raised earthen levee', 'Opponents on the council argued', 'Supporters countered that waiting',
  'The city engineer, Tomas Lind', 'Roughly half of the cost', 'Residents in the protected zone',
  'Construction is scheduled to begin', 'Environmental groups, which had opposed', 'This is the first version of the barrier',
  'The Army Corps of Engineers', 'Mayor Julia Brandt', 'For Ferreira, the vote came as a relief', 'Council is expected to award',
];
const BOILERPLATE = [
  'Must Read', 'LEAVE A REPLY', 'Please enter your comment', 'Related posts', 'RELATED ARTICLES', 'Voters back $24 million',
  'Historic ferry landing to reopen', 'We use cookies', 'Accept All', 'Share this', 'Facebook', 'WhatsApp', 'Advertisement',
  'Stay Connected', 'Previous article', 'Post Comment', 'Privacy Policy', 'Port expansion clears', 'tdwGlobal', 'TAGS',
];

describe('captureArticle', () => {
  let server: FixtureServer;
  let store: AssetStore;
  let removeDir: () => Promise<void>;

  beforeAll(async () => {
    const dir = await temporaryDir();
    removeDir = dir.remove;
    store = new AssetStore(dir.path);
    server = await startFixtureServer({
      ...(await imageRoutes()),
      '/2026/03/14/flood-barrier/': { body: await readPage('wordpress-news') },
    });
  });
  afterAll(async () => {
    await server.close();
    await removeDir();
  });

  it('saves the WordPress article with every paragraph, both images and none of the chrome', async () => {
    const article = await captureArticle(server.url('/2026/03/14/flood-barrier/?utm_source=newsletter&fbclid=abc#comments'), { assets: store });

    expect(article.url).toBe(server.url('/2026/03/14/flood-barrier/'));
    expect(article.title).toBe('City Council Approves Riverside Flood Barrier After Decade of Debate');
    expect(article.byline).toBe('Maria Delgado');
    expect(article.siteName).toBe('The Harbor Gazette');
    expect(article.publishedAt).toBe('2026-03-14T09:30:00.000Z');
    expect(article.lang).toBe('en-US');
    expect(article.canonicalUrl).toBe('https://harborgazette.example/2026/03/14/city-council-approves-riverside-flood-barrier/');

    for (const opening of PARAGRAPH_OPENINGS) {
      expect(article.html).toContain(opening);
      expect(article.text).toContain(opening);
    }
    expect(article.html.match(/<p>/g)?.length).toBe(16); // 15 body paragraphs + the one quoted
    for (const chrome of BOILERPLATE) {
      expect(article.html).not.toContain(chrome);
      expect(article.text).not.toContain(chrome);
    }

    const photo1 = sha256(await readFixtureImage('photo-1.png'));
    const photo2 = sha256(await readFixtureImage('photo-2.jpg'));
    expect(article.html).toContain(`src="/assets/${photo1}"`);
    expect(article.html).toContain(`src="/assets/${photo2}"`);
    expect(article.html).not.toMatch(/src="(?!\/assets\/)/);
    expect(article.html).not.toContain('srcset');
    expect(article.assetHashes.sort()).toEqual([photo1, photo2].sort());
    // og:image is on an unreachable host; the first stored image stands in.
    expect(article.leadImage).toBe(`/assets/${photo1}`);
    expect((await store.read(photo1))?.mime).toBe('image/png');
    expect((await store.read(photo2))?.mime).toBe('image/jpeg');

    expect(article.text.split('\n\n').length).toBeGreaterThanOrEqual(17);
    expect(article.wordCount).toBeGreaterThan(600);
    expect(article.wordCount).toBeLessThan(720);
  });

  it('skips an image that fails instead of failing the article', async () => {
    server.route('/broken-images', {
      body: `<html><head><title>Images that fail</title></head><body><article><h1>Images that fail</h1>
        ${'<p>Some words that make this a real article, long enough for the extractor to keep it as content.</p>'.repeat(6)}
        <figure><img src="/images/missing.png" alt="gone"><figcaption>Missing image caption</figcaption></figure>
        <p><img src="/not-an-image.txt" alt="text"></p>
        <p><img src="/images/photo-3.png" alt="fine"></p></article></body></html>`,
    });
    server.route('/not-an-image.txt', { headers: { 'content-type': 'image/png' }, body: 'this is not a png' });
    const article = await captureArticle(server.url('/broken-images'), { assets: store });
    const photo3 = sha256(await readFixtureImage('photo-3.png'));
    expect(article.html).toContain(`/assets/${photo3}`);
    expect(article.html).not.toContain('missing.png');
    expect(article.html).not.toContain('not-an-image');
    expect(article.html).not.toContain('Missing image caption');
    expect(article.assetHashes).toEqual([photo3]);
  });

  it('explains why a page could not be saved', async () => {
    await expect(captureArticle(server.url('/nowhere'), { assets: store })).rejects.toMatchObject({
      code: 'http-status',
      status: 404,
      message: expect.stringContaining('not found'),
    });
    await expect(captureArticle('ftp://example.com/file', { assets: store })).rejects.toBeInstanceOf(CaptureError);
    await expect(captureArticle('not a url', { assets: store })).rejects.toThrow(/not a web address/);
  });

  it('can be cancelled', async () => {
    server.route('/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>');
    });
    const controller = new AbortController();
    const pending = captureArticle(server.url('/slow'), { assets: store, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });
});
