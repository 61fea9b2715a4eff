import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { highlighterFor, highlightSnippet } from '../../../electron/library/highlight.ts';
import { openLibrary } from '../../../electron/library/library.ts';
import { freshLibrary, rawDb, saved, track } from './helpers.ts';

const ids = (r: { hits: { article: { id: string } }[] }) => r.hits.map((h) => h.article.id);

describe('full-text index follows the articles table', () => {
  it('indexes on capture, reindexes on update, drops on tombstone and hard delete', () => {
    const { lib, file } = freshLibrary();
    const { article } = lib.addPending('https://example.com/a');
    expect(lib.search('zucchini', 10).total).toBe(0);
    lib.completeCapture(article.id, { ...captureText('Growing zucchini in pots') });
    expect(ids(lib.search('zucchini', 10))).toEqual([article.id]);
    lib.completeCapture(article.id, { ...captureText('Growing pumpkins instead') });
    expect(lib.search('zucchini', 10).total).toBe(0);
    expect(ids(lib.search('pumpkins', 10))).toEqual([article.id]);
    // Flag changes do not touch indexed columns and must not disturb the index.
    lib.setStarred(article.id, true);
    expect(lib.search('pumpkins', 10).total).toBe(1);
    lib.delete(article.id);
    expect(lib.search('pumpkins', 10).total).toBe(0);

    const other = saved(lib, 'https://example.com/b', { text: 'beetroot soup' });
    rawDb(file).prepare('DELETE FROM articles WHERE id = ?').run(other.id);
    expect(lib.search('beetroot', 10).total).toBe(0);
    const check = rawDb(file).prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`);
    expect(() => check.run()).not.toThrow();
  });

  it('searches title, byline and site; folds case and diacritics', () => {
    const { lib } = freshLibrary();
    const a = saved(lib, 'https://example.com/1', { title: 'Crème brûlée at home', byline: 'Zoë Müller', siteName: 'Kitchen Notes' });
    expect(ids(lib.search('creme BRULEE', 10))).toEqual([a.id]);
    expect(ids(lib.search('zoe muller', 10))).toEqual([a.id]);
    expect(ids(lib.search('kitchen', 10))).toEqual([a.id]);
  });
});

describe('ranking', () => {
  it('ranks a title match above a body match, newer first on ties', () => {
    const { lib } = freshLibrary();
    const body = saved(lib, 'https://example.com/body', { title: 'Other', text: 'notes on compost and soil' });
    const older = saved(lib, 'https://example.com/t1', { title: 'Same words', text: 'lichen' });
    const newer = saved(lib, 'https://example.com/t2', { title: 'Same words', text: 'lichen' });
    const titled = saved(lib, 'https://example.com/title', { title: 'Compost', text: 'notes on soil and more soil' });
    expect(ids(lib.search('compost', 10))).toEqual([titled.id, body.id]);
    expect(ids(lib.search('lichen', 10))).toEqual([newer.id, older.id]);
    const limited = lib.search('lichen', 1);
    expect(limited.total).toBe(2);
    expect(limited.hits).toHaveLength(1);
  });
});

describe('snippets', () => {
  it('escapes article text and marks only the matches', () => {
    const { lib } = freshLibrary();
    saved(lib, 'https://example.com/x', {
      text: 'Before <script>alert("pwned")</script> & the keyword \uE000fake\uE001 follows <b>bold</b> keyword end',
    });
    const [hit] = lib.search('keyword', 10).hits;
    expect(hit!.snippet).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp;');
    expect(hit!.snippet).toContain('<mark>keyword</mark>');
    expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(hit!.snippet).not.toMatch(/[\uE000\uE001]/);
    expect(hit!.snippet!.match(/<mark>/g)).toHaveLength(2);
  });

  it('makes snippets for the first rows asked for; searchSnippets gives the rest, the same', () => {
    const { lib } = freshLibrary();
    const made = [1, 2, 3, 4, 5].map((n) => saved(lib, `https://example.com/s${n}`, { title: `Walk ${n}`, text: `Day ${n}: a long heron walk by the river ${n}` }));
    const all = lib.search('heron', 10);
    expect(all.hits.every((hit) => hit.snippet?.includes('<mark>heron</mark>'))).toBe(true);
    const first = lib.search('heron', 10, 2);
    expect(ids(first)).toEqual(ids(all));
    expect(first.hits.map((hit) => hit.snippet)).toEqual([...all.hits.slice(0, 2).map((hit) => hit.snippet), null, null, null]);
    const rest = first.hits.slice(2).map((hit) => hit.article.id);
    const later = lib.searchSnippets('heron', [...rest, '00000000-0000-4000-8000-000000000000']);
    expect(later).toEqual(Object.fromEntries(all.hits.slice(2).map((hit) => [hit.article.id, hit.snippet])));
    // A deleted article has no snippet to give.
    lib.delete(made[0]!.id);
    expect(lib.searchSnippets('heron', [made[0]!.id])).toEqual({});
  });
});

describe('hostile queries never throw', () => {
  const hostile = [
    '"unbalanced', 'un"balanced', '-', '--', '- -', '"', '""', ':', 'title:', 'title:foo', '^foo', 'foo^',
    '(', ')', '(foo', 'foo)', 'NEAR', 'NEAR(foo bar)', 'foo NEAR bar', 'AND', 'OR', 'NOT', 'foo OR', 'OR foo',
    'foo AND', 'NOT foo', '*', 'foo*bar', '**', '{title}: x', 'col:foo', '+foo', 'a:b:c', '\\', "'", '`',
    'é*', '\u0000', '\uE000', 'x'.repeat(5000), 'tag:', 'is:', 'is:nonsense', 'before:2024-13-45', 'site:',
    'after:yesterday', '-tag:', '-"', '"a" "b', '* OR *', 'a OR OR b', 'a - b', '🙂', '中文*', '"中文',
  ];
  it.each(hostile)('%j', (q) => {
    const { lib } = freshLibrary();
    saved(lib, 'https://example.com/1', { title: 'foo bar', text: 'near and not or title col' });
    expect(() => lib.search(q, 10)).not.toThrow();
  });

  it('reads syntax characters as plain words', () => {
    const { lib } = freshLibrary();
    const a = saved(lib, 'https://example.com/1', { text: 'the NEAR function and title: prefixes' });
    expect(ids(lib.search('NEAR(function', 10))).toEqual([a.id]);
    expect(ids(lib.search('title:', 10))).toEqual([a.id]);
    expect(ids(lib.search('^prefixes', 10))).toEqual([a.id]);
  });
});

function captureText(text: string) {
  return {
    url: 'https://example.com/a', canonicalUrl: null, title: 'Garden', byline: null, siteName: null,
    publishedAt: null, lang: 'en', dir: null, excerpt: null, html: `<p>${text}</p>`, text, leadImage: null, favicon: null,
    wordCount: 4, assetHashes: [],
  };
}

describe('broad queries', () => {
  it('above the rank-all limit, puts title/tag matches first, then newest, with an exact total', () => {
    const { dir } = freshLibrary();
    const lib = track(openLibrary(join(dir, 'broad.db'), { rankAllLimit: 3 }));
    const body = [1, 2, 3, 4].map((i) => saved(lib, `https://example.com/b${i}`, { title: `Other ${i}`, text: 'common word' }).id);
    const titled = saved(lib, 'https://example.com/t', { title: 'Common knowledge', text: 'nothing' }).id;
    const newest = saved(lib, 'https://example.com/n', { title: 'Newest', text: 'a common thing' }).id;
    const result = lib.search('common', 3);
    expect(result.total).toBe(6);
    expect(result.hits.map((h) => h.article.id)).toEqual([titled, newest, body[3]]);
    expect(result.hits[1]!.snippet).toBe('a <mark>common</mark> thing');
  });
});

describe('short-field index', () => {
  it('puts title/tag matches first with exclusions, filters, tag edits and CJK applied', () => {
    const { dir } = freshLibrary();
    const lib = track(openLibrary(join(dir, 'meta.db'), { rankAllLimit: 1 }));
    const body = saved(lib, 'https://example.com/b', { title: 'Other', text: 'garden roses' }).id;
    const titled = saved(lib, 'https://example.com/t', { title: 'Garden roses', text: 'nothing' }).id;
    const excluded = saved(lib, 'https://example.com/x', { title: 'Garden roses', text: 'weeds' }).id;
    const tagged = saved(lib, 'https://example.com/g', { title: 'Plain', text: 'garden roses' }).id;
    expect(ids(lib.search('"garden roses"', 10))).toEqual([excluded, titled, tagged, body]);
    expect(ids(lib.search('"garden roses" -weeds', 10))).toEqual([titled, tagged, body]);
    lib.addTags(tagged, ['Garden']);
    expect(ids(lib.search('gard* -weeds', 10))).toEqual([tagged, titled, body]);
    expect(ids(lib.search('garden -weeds tag:garden', 10))).toEqual([tagged]);
    expect(ids(lib.search('garden is:starred', 10))).toEqual([]);
    // CJK bigrams live only in the full index (cjk column): such queries take the newest.
    saved(lib, 'https://example.com/c', { title: '東京の庭', text: '庭 garden' });
    const cjk = saved(lib, 'https://example.com/c2', { title: 'Other', text: '東京の庭 garden' }).id;
    expect(lib.search('東京 garden', 1)).toMatchObject({ total: 2, hits: [{ article: { id: cjk } }] });
  });
});

describe('count limit', () => {
  it('stops counting at the limit, flags the total, and still puts title matches first', () => {
    const { dir } = freshLibrary();
    const lib = track(openLibrary(join(dir, 'capped.db'), { countLimit: 3 }));
    const body = [1, 2, 3, 4].map((i) => saved(lib, `https://example.com/b${i}`, { title: `Other ${i}`, text: 'common word' }).id);
    const titled = saved(lib, 'https://example.com/t', { title: 'Common knowledge', text: 'nothing' }).id;
    const capped = lib.search('common', 3);
    expect(capped).toMatchObject({ total: 3, totalCapped: true });
    expect(capped.hits.map((h) => h.article.id)).toEqual([titled, body[3], body[2]]);
    expect(lib.search('word', 3)).toMatchObject({ total: 3, totalCapped: true });
    expect(lib.search('word', 10).total).toBe(4); // the limit is never below the page size
    expect(lib.search('knowledge', 10)).toEqual(expect.not.objectContaining({ totalCapped: true }));
    expect(lib.search('knowledge', 10).total).toBe(1);
  });

  it('answers a broad query from titles and other short fields alone, exclusions and filters still applied', () => {
    const { dir } = freshLibrary();
    const lib = track(openLibrary(join(dir, 'broad.db'), { countLimit: 3 }));
    const titled = [1, 2, 3, 4, 5, 6].map((i) => saved(lib, `https://example.com/g${i}`, { title: `Gardening diary ${i}`, text: i === 5 ? 'weeds everywhere' : 'roses' }).id);
    const bodyOnly = saved(lib, 'https://example.com/b', { title: 'Other', text: 'gardening in the body only' }).id;
    // More short-field matches than the cap: capped, newest title matches, the excluded one gone.
    const broad = lib.search('gard* -weeds', 3);
    expect(broad).toMatchObject({ total: 3, totalCapped: true });
    expect(broad.hits.map((h) => h.article.id)).toEqual([titled[5], titled[3], titled[2]]);
    expect(lib.search('gard* -weeds', 10).hits.map((h) => h.article.id)).toEqual([titled[5], titled[3], titled[2], titled[1], titled[0], bodyOnly]);
    lib.setStarred(titled[0]!, true);
    expect(lib.search('gard* is:starred', 3).hits.map((h) => h.article.id)).toEqual([titled[0]]);
  });
});

describe('highlightSnippet', () => {
  it('marks words, prefixes and folded forms in the best window', () => {
    const h = highlighterFor([
      { kind: 'word', text: 'Cafe', prefix: false },
      { kind: 'word', text: 'tomat', prefix: true },
      { kind: 'phrase', text: '东京', prefix: false },
    ]);
    const text = `${'filler '.repeat(40)}the CAFÉ sells tomatoes & <b>东京塔</b> ${'tail '.repeat(40)}`;
    const html = highlightSnippet(text, h, 8);
    expect(html).toContain('<mark>CAFÉ</mark> sells <mark>tomatoes</mark> &amp; &lt;b&gt;<mark>东京</mark>塔');
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(highlightSnippet('', h)).toBe('');
  });
});
