import { describe, expect, it } from 'vitest';
import { packBody, RecentBodies, unpackBody, withRecentBodies, bodyText } from '../../../electron/library/compress.ts';
import type { BulkArticle } from '../../../electron/library/library.ts';
import { freshLibrary, rawDb } from './helpers.ts';

function article(i: number, overrides: Partial<BulkArticle> = {}): BulkArticle {
  const text = `Article ${i} about lichen number${i} and moss`;
  return {
    url: `https://example.com/${i}`, canonicalUrl: null, title: `Title ${i}`, byline: null, siteName: 'Example',
    publishedAt: null, lang: 'en', dir: 'ltr', excerpt: null, html: `<p>${text}</p>`, text, leadImage: null,
    wordCount: 8, assetHashes: [`hash${i % 3}`], createdAt: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`,
    tags: i % 2 ? ['Odd', 'all'] : ['all'], archived: i % 3 === 0, ...overrides,
  };
}

const segments = (file: string) =>
  Number((rawDb(file).prepare('SELECT count(DISTINCT segid) AS n FROM article_fts_idx').get() as { n: number }).n);

describe('bulkInsert', () => {
  it('inserts, tags and indexes every article, and leaves no row parked', () => {
    const { lib, file } = freshLibrary();
    const ids = lib.bulkInsert(Array.from({ length: 40 }, (_, i) => article(i)));
    expect(ids).toHaveLength(40);
    expect(lib.search('lichen', 50).total).toBe(40);
    expect(lib.search('number7', 5).hits.map((h) => h.article.id)).toEqual([ids[7]]);
    expect(lib.search('moss tag:odd', 50).total).toBe(20);
    expect(lib.search('moss tag:odd is:unread', 50).total).toBe(13);
    expect(lib.list({ view: 'all', tag: 'all' }).total).toBe(40);
    expect(lib.get(ids[3]!)).toMatchObject({ title: 'Title 3', tags: ['all', 'Odd'], archived: true });
    const raw = rawDb(file);
    expect(raw.prepare('SELECT count(*) AS n FROM articles WHERE deleted_at IS NOT NULL').get()).toEqual({ n: 0 });
    expect(raw.prepare(`SELECT v FROM article_fts_config WHERE k = 'automerge'`).get()).toEqual({ v: 4 });
    expect(() => raw.prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });

  it('keeps no second copy of the URL, and the article is still found, shown and searched by it', () => {
    const { lib, file } = freshLibrary();
    const [id] = lib.bulkInsert([article(5, { url: 'https://example.com/zebra-crossings' })]);
    expect(rawDb(file).prepare('SELECT final_url FROM articles WHERE id = ?').get(id!)).toEqual({ final_url: null });
    expect(lib.findSavedId('https://example.com/zebra-crossings')).toBe(id);
    expect(lib.summary(id!)!.url).toBe('https://example.com/zebra-crossings');
    expect(lib.search('zebra', 5).hits.map((h) => h.article.id)).toEqual([id]);
  });

  it('indexes a batch as one segment, not one per article', () => {
    const { lib, file } = freshLibrary();
    const before = segments(file);
    lib.bulkInsert(Array.from({ length: 30 }, (_, i) => article(i)));
    expect(segments(file) - before).toBeLessThanOrEqual(1);
  });

  it('records the lead image and site icon as images the article uses', () => {
    const { lib } = freshLibrary();
    const [lead, icon] = ['a'.repeat(64), 'b'.repeat(64)];
    const [id] = lib.bulkInsert([article(1, { assetHashes: [], leadImage: `/assets/${lead}`, favicon: `/assets/${icon}` })]);
    expect(lib.assetsInUse([lead, icon])).toEqual(new Set([lead, icon]));
    expect(lib.unusedAssetHashes()).toEqual([]);
    lib.delete(id!);
    expect(lib.unusedAssetHashes()).toEqual([lead, icon]);
  });

  it('rolls the whole batch back when one article fails', () => {
    const { lib, file } = freshLibrary();
    lib.bulkInsert([article(1)]);
    expect(() => lib.bulkInsert([article(2), article(1)])).toThrow();
    const raw = rawDb(file);
    expect(raw.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 1 });
    expect(lib.search('lichen', 5).total).toBe(1);
    expect(lib.bulkInsert([article(2)])).toHaveLength(1);
    expect(lib.search('lichen', 5).total).toBe(2);
  });
});

describe('packed bodies', () => {
  it('round-trips text and html, including non-ASCII and empty bodies', () => {
    for (const [text, html] of [['café 東京 🙂', '<p>café</p>'], ['', ''], ['x'.repeat(100_000), '<p>y</p>']] as const) {
      expect(unpackBody(packBody(text, html))).toEqual({ text, html });
    }
  });

  it('answers recently packed bodies without unpacking, and only for identical bytes', () => {
    const a = packBody('alpha text', '<p>alpha</p>');
    const b = packBody('beta text', '<p>beta</p>');
    const recent = new RecentBodies();
    recent.add(a, 'from cache');
    withRecentBodies(recent, () => {
      expect(bodyText(b)).toBe('beta text');
      expect(bodyText(new Uint8Array(a))).toBe('from cache');
      expect(bodyText(a)).toBe('alpha text');
    });
    expect(bodyText(a)).toBe('alpha text');
  });
});
