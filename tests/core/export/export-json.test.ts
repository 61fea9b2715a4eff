import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportJson } from '../../../electron/export/export-json.ts';
import type { BulkArticle } from '../../../electron/library/library.ts';
import type { PortableLibrary } from '../../../electron/shared/portable.ts';
import { capture } from '../library/helpers.ts';
import { emptyLibrary, fixtureLibrary } from './export-fixtures.ts';

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as PortableLibrary;

describe('portable JSON export', () => {
  it('writes a PortableLibrary document with every record', async () => {
    const { lib, dir } = await fixtureLibrary();
    const path = join(dir, 'export.json');
    expect(await exportJson(lib, path)).toEqual({ articles: 6, feeds: 1, highlights: 3 });
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('{"lectern":{"format":"portable-json","version":1,"exportedAt":"')).toBe(true);
    const doc = JSON.parse(text) as PortableLibrary;
    expect(Object.keys(doc)).toEqual(['lectern', 'articles', 'feeds', 'highlights']);
    expect(doc.articles).toEqual([...lib.exportArticles()]);
    expect(doc.feeds).toEqual(lib.exportFeeds());
    expect(doc.highlights).toEqual([...lib.highlights.all()]);
    const full = doc.articles[0]!;
    expect(full).toMatchObject({
      url: 'https://example.com/full', finalUrl: 'https://example.com/full', canonicalUrl: 'https://example.com/full-canonical',
      starred: true, archived: true, progress: 1, tags: ['Food & Drink', 'garden'], note: 'A note, with "quotes"\nand a second line',
      createdAt: '2025-06-02T09:00:00.000Z', publishedAt: '2025-06-01T08:00:00.000Z', status: 'done', feedUrl: null,
    });
    expect(full.readAt).toEqual(expect.any(String));
    expect(doc.articles.find((a) => a.dir === 'rtl')).toMatchObject({ lang: 'ar', progress: 0.4, readAt: null });
    expect(doc.articles.find((a) => a.title === 'Feed item')!.feedUrl).toBe('https://feeds.example/rss');
    expect(doc.feeds[0]).toMatchObject({ title: 'Example Feed', customTitle: 'My name for it', fetchFull: false, keepDays: 30, keepItems: 200 });
  });

  it('exports a selection with its highlights and the feeds it came from', async () => {
    const { lib, dir, ids } = await fixtureLibrary();
    const path = join(dir, 'some.json');
    expect(await exportJson(lib, path, { ids: [ids.fromFeed, ids.full, 'unknown'] })).toEqual({ articles: 2, feeds: 1, highlights: 2 });
    const doc = await readJson(path);
    expect(doc.articles.map((a) => a.id)).toEqual([ids.full, ids.fromFeed]);
    expect(doc.highlights.every((h) => h.articleId === ids.full)).toBe(true);
    expect(await exportJson(lib, path, { ids: [ids.rtl] })).toEqual({ articles: 1, feeds: 0, highlights: 1 });
    expect(await exportJson(lib, path, { ids: [] })).toEqual({ articles: 0, feeds: 0, highlights: 0 });
    expect(await readJson(path)).toMatchObject({ articles: [], feeds: [], highlights: [] });
  });

  it('exports an article being fetched as waiting to be fetched', async () => {
    const { lib, dir } = emptyLibrary();
    const { article } = lib.addPending('https://example.com/now');
    lib.markFetching(article.id);
    await exportJson(lib, join(dir, 'e.json'));
    expect((await readJson(join(dir, 'e.json'))).articles[0]!.status).toBe('pending');
  });

  it('streams a large library page by page', async () => {
    const { lib, dir } = emptyLibrary();
    const items: BulkArticle[] = Array.from({ length: 3000 }, (_, i) =>
      ({ ...capture({ url: `https://example.com/${i}`, title: `Article ${i}`, text: `Body ${i} ${'words '.repeat(200)}` }), tags: [`t${i % 7}`] }));
    lib.bulkInsert(items);
    const path = join(dir, 'big.json');
    expect(await exportJson(lib, path)).toEqual({ articles: 3000, feeds: 0, highlights: 0 });
    const doc = await readJson(path);
    expect(doc.articles).toHaveLength(3000);
    expect(doc.articles.at(-1)).toMatchObject({ title: 'Article 2999', tags: ['t3'] });
  });

  it('round-trips any title, note and tags through restoreArticle', async () => {
    const source = emptyLibrary();
    const target = emptyLibrary();
    const path = join(source.dir, 'one.json');
    const text = fc.string({ unit: 'binary', maxLength: 80 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, text, fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), { maxLength: 5 }), async (title, note, tags) => {
        const url = `https://example.com/p/${n++}`;
        const { article } = source.lib.addPending(url);
        source.lib.completeCapture(article.id, capture({ url, title, text: `${title} ${note}`, html: '<p>body</p>' }));
        source.lib.setNote(article.id, note);
        source.lib.addTags(article.id, tags);
        await exportJson(source.lib, path, { ids: [article.id] });
        const [exported] = (await readJson(path)).articles;
        expect(target.lib.restoreArticle(exported!)).toBe('added');
        expect(target.lib.get(article.id)).toEqual(source.lib.get(article.id));
        expect([...target.lib.exportArticles()].at(-1)).toEqual([...source.lib.exportArticles()].at(-1));
      }),
      { numRuns: 60, examples: [['A "quoted", title\nover two lines', 'note\r\n"x" ,;', ['tag,with comma', 'tag|pipe', 'Été', '東京']]] },
    );
  });

  it('rejects records with the wrong types, naming the field', async () => {
    const { lib } = await fixtureLibrary();
    const target = emptyLibrary();
    const article = [...lib.exportArticles()][0]!;
    const broken = (change: object) => () => target.lib.restoreArticle({ ...article, ...change } as never);
    expect(broken({ starred: 'yes' })).toThrow(new RangeError(`article ${article.id}: "starred" must be true or false`));
    expect(broken({ tags: 'a,b' })).toThrow(/"tags" must be a list of names/);
    expect(broken({ createdAt: 'yesterday' })).toThrow(/"createdAt" must be a date/);
    expect(broken({ dir: 'up' })).toThrow(/"dir"/);
    expect(broken({ id: 'a b' })).toThrow(/"id"/);
    expect(() => target.lib.restoreArticle(null as never)).toThrow(RangeError);
    expect(() => target.lib.restoreFeed({ ...lib.exportFeeds()[0]!, url: 'file:///etc/passwd' })).toThrow(/"url" must be a web address/);
    expect([...target.lib.exportArticles()]).toEqual([]);
    expect(target.lib.listTags()).toEqual([]);
  });
});
