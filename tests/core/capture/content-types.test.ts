import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { captureArticle } from '../../../electron/capture/capture-article.ts';
import { ExtractPool } from '../../../electron/capture/extraction/extract-pool.ts';
import { FetchScheduler } from '../../../electron/capture/fetching/fetch-scheduler.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { imageRoutes, readFixtureImage, readPage, temporaryDir } from './support/fixtures.ts';

describe('captureArticle by content type', () => {
  let server: FixtureServer;
  let store: AssetStore;
  let removeDir: () => Promise<void>;
  beforeAll(async () => {
    const dir = await temporaryDir();
    removeDir = dir.remove;
    store = new AssetStore(dir.path);
    server = await startFixtureServer(await imageRoutes());
  });
  afterAll(async () => {
    await server.close();
    await removeDir();
  });

  it('keeps plain text prose as paragraphs', async () => {
    server.route('/notes.txt', { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Release notes\n\nThe first paragraph is\nhard wrapped.\n\nThe <second> one.\n' });
    const article = await captureArticle(server.url('/notes.txt'), { assets: store });
    expect(article.title).toBe('Release notes');
    expect(article.html).toBe('<p>Release notes</p>\n<p>The first paragraph is hard wrapped.</p>\n<p>The &lt;second&gt; one.</p>');
    expect(article.text).toBe('Release notes\n\nThe first paragraph is hard wrapped.\n\nThe <second> one.');
  });

  it('keeps laid-out plain text in <pre>', async () => {
    server.route('/table.txt', { headers: { 'content-type': 'text/plain' }, body: 'Name      Size\n  alpha     10\n  beta      20\n' });
    const article = await captureArticle(server.url('/table.txt'), { assets: store });
    expect(article.html).toBe('<pre>Name      Size\n  alpha     10\n  beta      20</pre>');
  });

  it('saves an image address as the image with a note', async () => {
    const bytes = await readFixtureImage('photo-4.jpg');
    const article = await captureArticle(server.url('/images/photo-4.jpg'), { assets: store });
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect(article.title).toBe('photo-4.jpg');
    expect(article.html).toContain(`<img src="/assets/${hash}"`);
    expect(article.text).toMatch(/Saved as an image \(JPEG, \d+ KB\)/);
    expect(article.leadImage).toBe(`/assets/${hash}`);
    expect(article.assetHashes).toEqual([hash]);
  });

  it('records a PDF with a readable note', async () => {
    server.route('/paper.pdf', { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7\n%fake\n' });
    const article = await captureArticle(server.url('/paper.pdf'), { assets: store });
    expect(article.title).toBe('paper.pdf');
    expect(article.text).toContain('PDF document');
    expect(article.html).toContain(`href="${server.url('/paper.pdf')}"`);
  });

  it('refuses other files with a reason', async () => {
    server.route('/archive.zip', { headers: { 'content-type': 'application/zip' }, body: 'PK\u0003\u0004' });
    await expect(captureArticle(server.url('/archive.zip'), { assets: store })).rejects.toMatchObject({
      code: 'unsupported-content',
      message: expect.stringContaining('application/zip'),
    });
  });

  it('extracts XHTML and decodes a legacy-encoded page', async () => {
    server.route('/xhtml', {
      headers: { 'content-type': 'application/xhtml+xml' },
      body: `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" lang="fr"><head><title>Un article</title></head><body><article>${'<p>Voilà un paragraphe assez long pour être gardé comme texte de l’article.</p>'.repeat(5)}</article></body></html>`,
    });
    const xhtml = await captureArticle(server.url('/xhtml'), { assets: store });
    expect(xhtml.lang).toBe('fr');
    expect(xhtml.text).toContain('Voilà un paragraphe');

    server.route('/sjis', { headers: { 'content-type': 'text/html' }, body: await readPage('japanese-shift-jis') });
    const sjis = await captureArticle(server.url('/sjis'), { assets: store });
    expect(sjis.lang).toBe('ja');
    expect(sjis.text).toContain('桜');
  });

  it('runs through the scheduler and the worker pool', async () => {
    const pool = new ExtractPool({ size: 1 });
    const scheduler = new FetchScheduler({ maxPerHost: 2 });
    server.route('/wp', { body: await readPage('wordpress-news') });
    try {
      const article = await captureArticle(server.url('/wp'), { assets: store, extract: pool.extract, fetcher: scheduler.fetch });
      expect(article.assetHashes).toHaveLength(2);
      expect(article.text).toContain('Council is expected to award');
    } finally {
      await pool.close();
    }
  });
});
