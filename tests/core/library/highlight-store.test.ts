import { describe, expect, it } from 'vitest';
import { selectorFor } from '../../../electron/shared/anchoring/text-quote.ts';
import { anchorTextOf } from '../../../electron/library/anchor-text.ts';
import type { Library } from '../../../electron/library/library.ts';
import { capture, freshLibrary, saved } from './helpers.ts';

const BODY = '<p>The river barrier closed at dawn as the tide rose.</p><ul><li>Engineers had warned for years.</li></ul><p>Residents watched from the embankment.</p>';

/** A reader's highlight of `quote` in the article's current text. */
function highlight(lib: Library, articleId: string, quote: string, extra: { color?: 'yellow' | 'green' | 'blue' | 'pink'; note?: string } = {}) {
  const text = anchorTextOf(lib.get(articleId)!.html);
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return lib.highlights.add(articleId, { ...selectorFor(text, { start, end: start + quote.length }), ...extra })!;
}

function article(lib: Library, url: string, html = BODY, title = 'River barrier') {
  return saved(lib, url, { html, text: anchorTextOf(html), title });
}

describe('highlights of an article', () => {
  it('are listed in reading order; colour and note change; delete and undo', () => {
    const { lib } = freshLibrary();
    const a = article(lib, 'https://news.example/river');
    const late = highlight(lib, a.id, 'Residents watched', { color: 'pink' });
    const early = highlight(lib, a.id, 'tide rose', { note: 'first' });
    expect(lib.highlights.forArticle(a.id).map((h) => h.quote)).toEqual(['tide rose', 'Residents watched']);
    expect(early).toMatchObject({ color: 'yellow', note: 'first', orphaned: false });

    expect(lib.highlights.update(early.id, { color: 'green', note: '  changed  ' })).toMatchObject({ color: 'green', note: 'changed' });
    expect(lib.highlights.update(early.id, { note: '' })).toMatchObject({ color: 'green', note: '' });
    expect(lib.highlights.remove(late.id)).toBe(a.id);
    expect(lib.highlights.remove(late.id)).toBeNull();
    expect(lib.highlights.forArticle(a.id).map((h) => h.id)).toEqual([early.id]);
    expect(lib.highlights.restore(late.id)).toMatchObject({ id: late.id, color: 'pink' });
    expect(lib.highlights.forArticle(a.id)).toHaveLength(2);
  });

  it('the same words at two places are two highlights; the same one again (an import run twice) is one', () => {
    const { lib } = freshLibrary();
    const html = '<p>The tide rose at dawn.</p><p>By noon the tide rose again.</p>';
    const a = article(lib, 'https://news.example/tides', html);
    const text = anchorTextOf(html);
    const first = text.indexOf('tide rose');
    const second = text.indexOf('tide rose', first + 1);
    const one = lib.highlights.add(a.id, selectorFor(text, { start: first, end: first + 9 }))!;
    const two = lib.highlights.add(a.id, selectorFor(text, { start: second, end: second + 9 }))!;
    expect(two.id).not.toBe(one.id);
    expect(lib.highlights.add(a.id, selectorFor(text, { start: second, end: second + 9 }))!.id).toBe(two.id);
    expect(lib.highlights.add(a.id, { quote: 'tide rose' })!.id).toBe(one.id);
    expect(lib.highlights.forArticle(a.id).map((h) => h.start)).toEqual([first, second]);
  });

  it('go with their article, and cannot be restored onto a deleted one', () => {
    const { lib } = freshLibrary();
    const a = article(lib, 'https://news.example/river');
    const h = highlight(lib, a.id, 'tide rose', { note: 'barrier' });
    lib.highlights.remove(h.id);
    lib.delete(a.id);
    expect(lib.highlights.restore(h.id)).toBeNull();
    expect(lib.browseHighlights({}).total).toBe(0);
    expect(lib.search('in:highlights barrier', 10).highlights).toEqual([]);
  });
});

describe('re-anchoring when the text changes', () => {
  it('moves highlights to their quote in a re-fetched page and orphans the one that is gone', () => {
    const { lib } = freshLibrary();
    const a = article(lib, 'https://news.example/river');
    const kept = highlight(lib, a.id, 'Engineers had warned for years');
    const gone = highlight(lib, a.id, 'Residents watched from the embankment');
    const changedHtml = '<p>Update: the agency has spoken.</p><p>The river barrier closed at dawn as the tide rose.</p><ul><li>Engineers had warned for many years.</li></ul>';
    lib.requeue(a.id);
    lib.completeCapture(a.id, capture({ url: 'https://news.example/river', html: changedHtml, text: anchorTextOf(changedHtml) }));

    const text = anchorTextOf(changedHtml);
    const moved = lib.highlights.get(kept.id)!;
    expect(moved.orphaned).toBe(false);
    expect(text.slice(moved.start!, moved.end!)).toBe('Engineers had warned for many years');
    const orphan = lib.highlights.get(gone.id)!;
    expect(orphan).toMatchObject({ orphaned: true, quote: 'Residents watched from the embankment' });
    // Orphans are kept, listed after the placed ones.
    expect(lib.highlights.forArticle(a.id).map((h) => h.id)).toEqual([kept.id, gone.id]);

    // The text comes back: the orphan is placed again.
    lib.completeCapture(a.id, capture({ url: 'https://news.example/river', html: BODY, text: anchorTextOf(BODY) }));
    expect(lib.highlights.get(gone.id)).toMatchObject({ orphaned: false, start: anchorTextOf(BODY).indexOf('Residents') });
  });

  it('places highlights an import brought once the article is captured, or at once when it is saved already', () => {
    const { lib } = freshLibrary();
    const { article: pending } = lib.addPending('https://news.example/imported');
    lib.highlights.add(pending.id, { quote: '  tide rose ', note: 'from Omnivore' });
    expect(lib.highlights.forArticle(pending.id)[0]).toMatchObject({ quote: 'tide rose', start: null, orphaned: false });
    lib.completeCapture(pending.id, capture({ url: 'https://news.example/imported', html: BODY, text: anchorTextOf(BODY) }));
    const text = anchorTextOf(BODY);
    expect(lib.highlights.forArticle(pending.id)[0]).toMatchObject({ start: text.indexOf('tide rose'), end: text.indexOf('tide rose') + 9 });

    const done = article(lib, 'https://news.example/done');
    lib.highlights.add(done.id, { quote: 'Residents watched' });
    lib.highlights.add(done.id, { quote: 'Not in this article at all' });
    expect(lib.anchorHighlights(done.id)).toBe(2);
    expect(lib.highlights.forArticle(done.id).map((h) => [h.quote, h.start, h.orphaned])).toEqual([
      ['Residents watched', text.indexOf('Residents watched'), false],
      ['Not in this article at all', null, true],
    ]);
  });
});

describe('the Highlights view', () => {
  function library() {
    const { lib } = freshLibrary();
    const river = article(lib, 'https://news.example/river');
    const garden = article(lib, 'https://blog.example/garden', '<p>Tomatoes need sun. Water them daily. Basil likes company.</p>', 'Garden');
    lib.addTags(garden.id, ['Gardening']);
    const made = [
      highlight(lib, river.id, 'tide rose', { color: 'blue' }),
      highlight(lib, garden.id, 'Tomatoes need sun'),
      highlight(lib, garden.id, 'Water them daily', { color: 'blue', note: 'every morning' }),
      highlight(lib, river.id, 'Residents watched'),
      highlight(lib, garden.id, 'Basil likes company', { color: 'pink' }),
    ];
    return { lib, river, garden, made };
  }

  it('lists newest first, a page at a time, each with its article', () => {
    const { lib, made, garden } = library();
    const first = lib.browseHighlights({ limit: 2 });
    expect(first.total).toBe(5);
    const second = lib.browseHighlights({ limit: 2, cursor: first.nextCursor });
    const third = lib.browseHighlights({ limit: 2, cursor: second.nextCursor });
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.highlight.id);
    // Created within one millisecond of each other: newest first means the reverse of making.
    expect(ids).toEqual(made.map((h) => h.id).reverse());
    expect(first.items[0]!.article).toMatchObject({ id: garden.id, title: 'Garden', tags: ['Gardening'] });
    expect(() => lib.browseHighlights({ cursor: 'nonsense' })).toThrow(RangeError);
  });

  it('filters by colour and by the article’s tag', () => {
    const { lib } = library();
    expect(lib.browseHighlights({ color: 'blue' }).items.map((i) => i.highlight.quote)).toEqual(['Water them daily', 'tide rose']);
    const tagged = lib.browseHighlights({ tag: 'gardening' });
    expect(tagged.total).toBe(3);
    expect(tagged.items.map((i) => i.highlight.quote)).toEqual(['Basil likes company', 'Water them daily', 'Tomatoes need sun']);
    expect(lib.browseHighlights({ tag: 'Gardening', color: 'pink' }).items.map((i) => i.highlight.quote)).toEqual(['Basil likes company']);
    expect(lib.browseHighlights({ tag: 'nothing-tagged' }).total).toBe(0);
  });

  it('are found by search: in:highlights alone, and beside articles with their own snippets', () => {
    const { lib, garden } = library();
    const only = lib.search('in:highlights morning', 10);
    expect(only.hits).toEqual([]);
    expect(only.highlights!.map((h) => h.highlight.quote)).toEqual(['Water them daily']);
    expect(only.highlights![0]!.noteSnippet).toBe('every <mark>morning</mark>');
    expect(only.highlights![0]!.article.id).toBe(garden.id);

    const mixed = lib.search('tomatoes', 10);
    expect(mixed.hits.map((h) => h.article.id)).toEqual([garden.id]);
    expect(mixed.highlights!.map((h) => h.snippet)).toEqual(['<mark>Tomatoes</mark> need sun']);
    expect(mixed.highlights![0]!.noteSnippet).toBeNull();

    // Article filters apply to the highlight's article; words to quote or note.
    expect(lib.search('in:highlights tag:gardening', 10)).toMatchObject({ total: 3, highlights: { length: 3 } });
    // A page smaller than the matches: the total still counts them all.
    const page = lib.search('in:highlights tag:gardening', 2);
    expect(page.highlights).toHaveLength(2);
    expect(page.total).toBe(3);
    expect(page.totalCapped).toBeUndefined();
    expect(lib.search('in:highlights site:news.example', 10).highlights!.map((h) => h.highlight.quote).sort()).toEqual(['Residents watched', 'tide rose']);
    expect(lib.search('in:highlights water -morning', 10).highlights).toEqual([]);
    // A note's words find nothing in articles, but do find the highlight.
    const byNote = lib.search('morning', 10);
    expect(byNote.hits).toEqual([]);
    expect(byNote.highlights!.map((h) => h.highlight.quote)).toEqual(['Water them daily']);
  });

  it('keeps the search index in step with notes changed and highlights deleted', () => {
    const { lib, made } = library();
    const basil = made[4]!;
    lib.highlights.update(basil.id, { note: 'companion planting' });
    expect(lib.search('in:highlights companion', 10).highlights!.map((h) => h.highlight.id)).toEqual([basil.id]);
    lib.highlights.update(basil.id, { note: '' });
    expect(lib.search('in:highlights planting', 10).highlights).toEqual([]);
    lib.highlights.remove(made[1]!.id);
    expect(lib.search('in:highlights tomatoes', 10).highlights).toEqual([]);
    lib.highlights.restore(made[1]!.id);
    expect(lib.search('in:highlights tomatoes', 10).highlights).toHaveLength(1);
    lib.highlights.add(made[1]!.articleId, { quote: '東京の桜は満開になった' });
    expect(lib.search('in:highlights 桜', 10).highlights).toHaveLength(1);
  });
});
