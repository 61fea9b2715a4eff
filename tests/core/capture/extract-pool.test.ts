import { afterEach, describe, expect, it } from 'vitest';
import { ExtractPool, defaultPoolSize } from '../../../electron/capture/extraction/extract-pool.ts';
import { readPage } from './support/fixtures.ts';

const ARTICLE = `<html><body><article>${'<p>A paragraph with enough ordinary words to be kept by the extractor as article text.</p>'.repeat(6)}</article></body></html>`;

describe('ExtractPool', () => {
  let pool: ExtractPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('extracts on worker threads from the .ts source', async () => {
    pool = new ExtractPool({ size: 2 });
    const html = (await readPage('wordpress-news')).toString('utf8');
    const results = await Promise.all([pool.extract(html, 'https://a.example/x'), pool.extract(ARTICLE, 'https://b.example/y'), pool.extract(html, 'https://c.example/z')]);
    expect(results[0]?.title).toBe('City Council Approves Riverside Flood Barrier After Decade of Debate');
    expect(results[1]?.text).toContain('A paragraph with enough ordinary words');
    expect(pool.workerCount).toBeLessThanOrEqual(2);
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
  });

  it('passes extraction failures through as CaptureErrors', async () => {
    pool = new ExtractPool({ size: 1 });
    await expect(pool.extract('', 'https://a.example/')).rejects.toMatchObject({ code: 'no-content' });
  });

  it('replaces a worker stuck on one page and fails only that page', async () => {
    pool = new ExtractPool({ size: 1, timeoutMs: 500, workerUrl: new URL('./support/hanging-worker.ts', import.meta.url) });
    const stuck = pool.extract('<p>HANG</p>', 'https://a.example/');
    const next = pool.extract(ARTICLE, 'https://b.example/');
    await expect(stuck).rejects.toMatchObject({ code: 'extract-failed', message: expect.stringContaining('took longer than') });
    await expect(next).resolves.toMatchObject({ title: 'b.example' });
  });

  it('survives a worker that dies', async () => {
    pool = new ExtractPool({ size: 1, workerUrl: new URL('./support/hanging-worker.ts', import.meta.url) });
    await expect(pool.extract('<p>CRASH</p>', 'https://a.example/')).rejects.toMatchObject({ code: 'extract-failed' });
    await expect(pool.extract(ARTICLE, 'https://b.example/')).resolves.toMatchObject({ wordCount: expect.any(Number) });
  });

  it('fails only the page that exhausts a worker’s memory, then goes on', async () => {
    // A fresh worker needs about 14 MB to load the extractor, so 16 MB failed the next page too
    // on a loaded machine; 64 MB fits it 4 times over, and the huge page still needs over 384 MB.
    pool = new ExtractPool({ size: 1, heapMb: 64, timeoutMs: 60_000 });
    const huge = `<html><body><article>${'<div><span>x</span></div>'.repeat(400_000)}</article></body></html>`;
    await expect(pool.extract(huge, 'https://a.example/')).rejects.toMatchObject({ code: 'extract-failed', message: expect.stringContaining('memory limit') });
    await expect(pool.extract(ARTICLE, 'https://b.example/')).resolves.toMatchObject({ wordCount: expect.any(Number) });
  });
});
