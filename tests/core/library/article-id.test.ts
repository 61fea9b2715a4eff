import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newArticleId } from '../../../electron/library/article-id.ts';
import { freshLibrary, saved } from './helpers.ts';

describe('article ids', () => {
  it('are RFC 9562 version 7 UUIDs: time first, so later ones sort after', () => {
    const times = [0, 1, 1_700_000_000_000, 1_700_000_000_001, 2 ** 48 - 1];
    const ids = times.map((t) => newArticleId(t));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(ids[2]!.slice(0, 13).replace('-', '')).toBe((1_700_000_000_000).toString(16).padStart(12, '0'));
  });

  it('differ within one millisecond', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newArticleId(42)));
    expect(ids.size).toBe(20_000);
  });

  it('are what the library gives new articles', () => {
    const { lib } = freshLibrary();
    const first = saved(lib, 'https://example.com/one');
    const { article } = lib.addPending('https://example.com/two');
    const [bulk] = lib.bulkInsert([{ url: 'https://example.com/three', canonicalUrl: null, title: 'T', byline: null, siteName: null,
      publishedAt: null, lang: 'en', dir: null, excerpt: null, html: '<p>x</p>', text: 'x', leadImage: null, wordCount: 1, assetHashes: [] }]);
    for (const id of [first.id, article.id, bulk!]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });
});
