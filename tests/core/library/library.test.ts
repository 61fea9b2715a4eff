import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../../electron/library/library.ts';
import { capture, freshLibrary, rawDb, saved, track } from './helpers.ts';

describe('Library lifecycle', () => {
  it('adds a pending article once per url', () => {
    const { lib } = freshLibrary();
    const first = lib.addPending('https://example.com/x');
    expect(first.created).toBe(true);
    expect(first.article).toMatchObject({ url: 'https://example.com/x', status: 'pending', starred: false, tags: [] });
    expect(first.article.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = lib.addPending('https://example.com/x');
    expect(again).toEqual({ article: first.article, created: false });
  });

  it('finds an article saved under its final url', () => {
    const { lib } = freshLibrary();
    const { article } = lib.addPending('http://example.com/old');
    lib.completeCapture(article.id, capture({ url: 'https://example.com/new' }));
    const again = lib.addPending('https://example.com/new');
    expect(again.created).toBe(false);
    expect(again.article.id).toBe(article.id);
  });

  it('moves through fetching, done, failed and requeue', () => {
    const { lib } = freshLibrary();
    const { article } = lib.addPending('https://example.com/a');
    expect(lib.pendingIds()).toEqual([article.id]);
    lib.markFetching(article.id);
    expect(lib.summary(article.id)!.status).toBe('fetching');
    expect(lib.pendingIds()).toEqual([]);
    const failed = lib.failCapture(article.id, 'The site did not answer.');
    expect(failed).toMatchObject({ status: 'failed', error: 'The site did not answer.' });
    expect(lib.requeue(article.id)).toMatchObject({ status: 'pending', error: null });
    const done = lib.completeCapture(article.id, capture({ title: 'Hello', wordCount: 460 }));
    expect(done).toMatchObject({ status: 'done', error: null, title: 'Hello', wordCount: 460, readingMinutes: 2 });
    expect(lib.get(article.id)).toMatchObject({ html: expect.stringContaining('<p>'), lang: 'en', dir: 'ltr' });
    expect(lib.requeue(article.id)!.status).toBe('pending');
    expect(lib.requeue('nope')).toBeNull();
  });

  it('lists pending newest saved first, so a link just saved goes before an import’s backlog, and resets fetching rows on open', () => {
    const { lib, file, dir } = freshLibrary();
    const imported = lib.addPending('https://example.com/imported', '2019-05-01T00:00:00.000Z').article.id;
    const a = lib.addPending('https://example.com/1').article.id;
    const b = lib.addPending('https://example.com/2').article.id;
    const c = lib.addPending('https://example.com/3').article.id;
    lib.markFetching(b);
    lib.completeCapture(c, capture({ url: 'https://example.com/3' }));
    expect(lib.pendingIds()).toEqual([a, imported]);
    lib.close();
    const reopened = track(openLibrary(file, { backupDir: join(dir, 'b') }));
    expect(reopened.pendingIds()).toEqual([b, a, imported]);
  });

  it('bumps updated_at on every change', () => {
    const { lib } = freshLibrary();
    const a = lib.addPending('https://example.com/a').article;
    const stamps = [a.updatedAt];
    stamps.push(lib.setStarred(a.id, true)!.updatedAt);
    stamps.push(lib.setArchived(a.id, true)!.updatedAt);
    stamps.push(lib.setProgress(a.id, 0.5)!.updatedAt);
    lib.markFetching(a.id);
    stamps.push(lib.summary(a.id)!.updatedAt);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    expect(a.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('tracks progress and sets read_at once at 98%', () => {
    const { lib, file } = freshLibrary();
    const id = saved(lib, 'https://example.com/p').id;
    const raw = rawDb(file);
    const readAt = () => (raw.prepare('SELECT read_at FROM articles WHERE id = ?').get(id) as { read_at: string | null }).read_at;
    expect(lib.setProgress(id, 0.4)!.progress).toBe(0.4);
    expect(lib.setProgress(id, -1)!.progress).toBe(0);
    expect(() => lib.setProgress(id, Number.NaN)).toThrow(RangeError);
    expect(readAt()).toBeNull();
    expect(lib.setProgress(id, 0.97)!.progress).toBe(0.97);
    expect(readAt()).toBeNull();
    lib.setProgress(id, 0.98);
    const first = readAt();
    expect(first).not.toBeNull();
    lib.setProgress(id, 0.5);
    expect(lib.setProgress(id, 7)!.progress).toBe(1);
    expect(readAt()).toBe(first);
    expect(lib.setProgress('missing', 0.5)).toBeNull();
  });

  it('sets starred and archived, null for unknown ids', () => {
    const { lib } = freshLibrary();
    const id = saved(lib, 'https://example.com/s').id;
    expect(lib.setStarred(id, true)!.starred).toBe(true);
    expect(lib.setArchived(id, true)!.archived).toBe(true);
    expect(lib.setStarred(id, false)!.starred).toBe(false);
    expect(lib.setStarred('missing', true)).toBeNull();
    expect(() => lib.completeCapture('missing', capture())).toThrow(/No article/);
    expect(() => lib.failCapture('missing', 'x')).toThrow(/No article/);
  });
});

describe('tombstones', () => {
  it('keeps id, url and deleted_at, clears content, frees the url', () => {
    const { lib, file } = freshLibrary();
    const a = saved(lib, 'https://example.com/t', { title: 'Secret title', text: 'private words' });
    expect(lib.delete(a.id)).toBe(true);
    expect(lib.delete(a.id)).toBe(false);
    expect(lib.get(a.id)).toBeNull();
    expect(lib.summary(a.id)).toBeNull();
    expect(lib.setStarred(a.id, true)).toBeNull();
    expect(lib.list({ view: 'all' }).total).toBe(0);
    expect(lib.search('private', 10).total).toBe(0);
    const row = rawDb(file).prepare('SELECT * FROM articles WHERE id = ?').get(a.id) as Record<string, unknown>;
    expect(row).toMatchObject({ id: a.id, url: 'https://example.com/t', title: '', note: '', tags_text: '' });
    expect((row.body_z as Uint8Array).byteLength).toBe(0);
    expect(row.deleted_at).toEqual(row.updated_at);
    expect(row.deleted_at).not.toBeNull();
    const again = lib.addPending('https://example.com/t');
    expect(again.created).toBe(true);
    expect(again.article.id).not.toBe(a.id);
  });
});

describe('assets', () => {
  it('reports hashes no live article uses', () => {
    const { lib } = freshLibrary();
    const a = saved(lib, 'https://example.com/1', { assetHashes: ['h1', 'h2', 'h2'] });
    const b = saved(lib, 'https://example.com/2', { assetHashes: ['h2', 'h3'] });
    expect(lib.unusedAssetHashes()).toEqual([]);
    lib.delete(a.id);
    expect(lib.unusedAssetHashes()).toEqual(['h1']);
    lib.completeCapture(b.id, capture({ url: 'https://example.com/2', assetHashes: ['h3'] }));
    expect(lib.unusedAssetHashes()).toEqual(['h1', 'h2']);
    expect(lib.forgetAssets(['h1', 'h3'])).toEqual(['h1']);
    expect(lib.unusedAssetHashes()).toEqual(['h2']);
  });
});
