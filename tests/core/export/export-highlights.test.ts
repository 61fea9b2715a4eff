// Highlights and notes exported on their own: Markdown files (one per article, or one file for
// one article) and a JSON file, from a real library on a temp SQLite file.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { exportLibrary } from '../../../electron/export/export-library.ts';
import { anchorTextOf } from '../../../electron/library/anchor-text.ts';
import type { Library } from '../../../electron/library/library.ts';
import { exportFileName } from '../../../electron/shared/export-file.ts';
import { quoteBlock, textFragmentUrl, type HighlightsJsonDocument } from '../../../electron/shared/highlight-export.ts';
import { capture } from '../library/helpers.ts';
import { emptyLibrary } from './export-fixtures.ts';

async function zipEntries(path: string): Promise<Map<string, string>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const files = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(parts).toString('utf8'));
  }
  zip.close();
  return files;
}

const GARDEN_HTML =
  '<p>Tomatoes need sun and a *lot* of water.</p>' +
  '<p>Basil likes warmth.</p>' +
  '<p># Not a heading, [not a link](x) and <b>bold</b> words.</p>' +
  '<p>Compost heaps feed the soil for years.</p>';

function save(lib: Library, url: string, title: string, html: string, savedAt: string): string {
  const { article } = lib.addPending(url, savedAt);
  lib.completeCapture(article.id, capture({ url, title, html, text: anchorTextOf(html), byline: 'Ada Writer', siteName: 'Example Gardens' }));
  return article.id;
}

/** Adds a highlight where its quote is in the article's text, as the reader does. */
function highlight(lib: Library, articleId: string, quote: string, note = '', color = 'yellow') {
  const text = anchorTextOf(lib.get(articleId)!.html);
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the article`);
  return lib.highlights.add(articleId, { quote, start, end: start + quote.length, prefix: text.slice(Math.max(0, start - 20), start), suffix: text.slice(start + quote.length, start + quote.length + 20), note, color })!;
}

function gardenLibrary() {
  const { lib, dir, assets } = emptyLibrary();
  const garden = save(lib, 'https://example.com/garden?x=1', 'Growing tomatoes, "properly"', GARDEN_HTML, '2025-06-02T09:00:00.000Z');
  lib.addTags(garden, ['garden', 'Food & Drink']);
  // Made out of reading order: the export puts them back in it.
  const compost = highlight(lib, garden, 'Compost heaps feed the soil', 'Start one in spring.\nNear the shed.', 'green');
  const specials = highlight(lib, garden, '# Not a heading, [not a link](x) and bold');
  const tomatoes = highlight(lib, garden, 'Tomatoes need sun and a *lot* of water.', 'Important, "really"');
  const basil = highlight(lib, garden, 'Basil likes warmth.');
  // A re-fetch that lost the basil paragraph: its highlight is kept, orphaned.
  const refetched = GARDEN_HTML.replace('<p>Basil likes warmth.</p>', '');
  lib.completeCapture(garden, capture({ url: 'https://example.com/garden?x=1', title: 'Growing tomatoes, "properly"', html: refetched, text: anchorTextOf(refetched), byline: 'Ada Writer', siteName: 'Example Gardens' }));

  const second = save(lib, 'https://example.org/rivers', 'Rivers', '<p>Rivers flood in spring.</p>', '2025-01-01T00:00:00.000Z');
  const flood = highlight(lib, second, 'Rivers flood');
  save(lib, 'https://example.org/plain', 'Nothing highlighted', '<p>Plain text.</p>', '2025-03-01T00:00:00.000Z');
  return { lib, dir, assets, garden, second, h: { compost, specials, tomatoes, basil, flood } };
}

describe('highlights as Markdown', () => {
  it('writes one article’s highlights in reading order: quotes, notes, links back, orphans last', async () => {
    const { lib, dir, assets, garden, h } = gardenLibrary();
    expect(lib.highlights.get(h.basil.id)?.orphaned).toBe(true);
    const target = join(dir, 'garden.md');
    expect(await exportLibrary('highlights-markdown', { library: lib, assets }, target, { ids: [garden] })).toEqual({ count: 1, path: target });
    const md = await readFile(target, 'utf8');

    const [, front, body] = md.split(/^---$/m);
    expect(front!.trim().split('\n')).toEqual([
      'title: "Growing tomatoes, \\"properly\\""',
      'author: "Ada Writer"',
      'site: "Example Gardens"',
      'url: "https://example.com/garden?x=1"',
      'saved: 2025-06-02T09:00:00.000Z',
      'tags: ["Food & Drink","garden"]',
    ]);
    expect(body).toContain('# Growing tomatoes, "properly"');

    // Reading order, whatever order they were made in; the orphan comes last, under its heading.
    const order = ['Tomatoes need sun', 'Not a heading', 'Compost heaps', '## Orphaned highlights', 'Basil likes warmth'].map((s) => md.indexOf(s));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // Markdown in a quote stays text; the note follows its quote; the link finds the quote.
    expect(md).toContain('> Tomatoes need sun and a \\*lot\\* of water.\n\n**Note:** Important, "really"\n\n[View Highlight](<https://example.com/garden?x=1#:~:text=Tomatoes%20need%20sun%20and%20a%20*lot*%20of%20water.>)');
    expect(md).toContain('> \\# Not a heading, \\[not a link\\](x) and bold\n');
    expect(md).toContain('**Note:** Start one in spring.\nNear the shed.');
    expect(md).toContain('[View Highlight](<https://example.com/garden?x=1#:~:text=Compost%20heaps%20feed%20the%20soil>)');
    // An orphan links to the article: its quote is no longer there to find.
    expect(md.slice(md.indexOf('## Orphaned highlights'))).toContain('> Basil likes warmth.\n\n[Source](<https://example.com/garden?x=1>)');
  });

  it('keeps `>` on every line of a quote across paragraphs', async () => {
    const { lib, dir, assets } = emptyLibrary();
    const html = '<p>First paragraph ends here.</p><p>Second one starts.</p>';
    const id = save(lib, 'https://example.com/two', 'Two paragraphs', html, '2025-01-01T00:00:00.000Z');
    lib.highlights.add(id, { quote: 'ends here.\n\nSecond one\n> starts', start: 16, end: 40 });
    const target = join(dir, 'two.md');
    await exportLibrary('highlights-markdown', { library: lib, assets }, target, { ids: [id] });
    expect(await readFile(target, 'utf8')).toContain('\n\n> ends here.\n>\n> Second one\n> \\> starts\n\n[View Highlight]');
  });

  it('zips one file per highlighted article, oldest saved first, with unique names', async () => {
    const { lib, dir, assets, garden, second } = gardenLibrary();
    const same = save(lib, 'https://example.net/rivers', 'Rivers', '<p>Rivers run.</p>', '2025-07-01T00:00:00.000Z');
    highlight(lib, same, 'Rivers run');
    const target = join(dir, exportFileName('highlights-markdown'));
    expect(target).toMatch(/lectern-highlights-\d{4}-\d{2}-\d{2}\.zip$/);
    expect((await exportLibrary('highlights-markdown', { library: lib, assets }, target, { ids: null })).count).toBe(3);
    const files = await zipEntries(target);
    // "Nothing highlighted" has no file.
    expect([...files.keys()]).toEqual(['rivers.md', 'growing-tomatoes-properly.md', 'rivers-2.md']);
    expect(files.get('rivers.md')).toContain('url: "https://example.org/rivers"');
    expect(files.get('rivers-2.md')).toContain('> Rivers run');
    expect(files.get('growing-tomatoes-properly.md')).toContain('**Note:** Important');

    // A selection, in the order given; an article without highlights or unknown is skipped.
    const picked = join(dir, 'picked.zip');
    expect((await exportLibrary('highlights-markdown', { library: lib, assets }, picked, { ids: [garden, 'nope', second] })).count).toBe(2);
    expect([...(await zipEntries(picked)).keys()]).toEqual(['growing-tomatoes-properly.md', 'rivers.md']);
    // A folder works as well.
    const folder = join(dir, 'out');
    await exportLibrary('highlights-markdown', { library: lib, assets }, folder, { ids: [second] });
    expect(await readdir(folder)).toEqual(['rivers.md']);
    // One .md file holds one article.
    await expect(exportLibrary('highlights-markdown', { library: lib, assets }, join(dir, 'x.md'), { ids: null })).rejects.toThrow(/one article/);
  });

  it('leaves a deleted article’s highlights out', async () => {
    const { lib, dir, assets, second } = gardenLibrary();
    lib.delete(second);
    const target = join(dir, 'all.zip');
    expect((await exportLibrary('highlights-markdown', { library: lib, assets }, target, { ids: null })).count).toBe(1);
    expect([...(await zipEntries(target)).keys()]).toEqual(['growing-tomatoes-properly.md']);
  });
});

describe('a quote in Markdown', () => {
  it('reads as its text: markup, HTML, entities and block starts escaped on every line', () => {
    expect(quoteBlock('<script>alert(1)</script> &amp; ~~gone~~ `code` _under_\n- not a list\n1. not a number\n  > not nested')).toBe(
      [
        '> \\<script>alert(1)\\</script> \\&amp; \\~\\~gone\\~\\~ \\`code\\` \\_under\\_',
        '> \\- not a list',
        '> 1\\. not a number',
        '> \\> not nested',
      ].join('\n'),
    );
  });

  it('links to the quote with a text fragment whose syntax characters are encoded', () => {
    expect(textFragmentUrl('https://example.com/a', 'well-known, & loved')).toBe('https://example.com/a#:~:text=well%2Dknown%2C%20%26%20loved');
    // A page address with a fragment already keeps it.
    expect(textFragmentUrl('https://example.com/a#part', 'one two')).toBe('https://example.com/a#part:~:text=one%20two');
    expect(textFragmentUrl('https://example.com/a', 'one two three four five six seven eight nine')).toBe(
      'https://example.com/a#:~:text=one%20two%20three%20four,six%20seven%20eight%20nine',
    );
  });
});

describe('highlights as JSON', () => {
  it('holds every highlight with its article, article by article in reading order', async () => {
    const { lib, dir, assets, garden, second, h } = gardenLibrary();
    const target = join(dir, exportFileName('highlights-json'));
    expect(target).toMatch(/lectern-highlights-.+\.json$/);
    expect((await exportLibrary('highlights-json', { library: lib, assets }, target, { ids: null })).count).toBe(2);
    const doc = JSON.parse(await readFile(target, 'utf8')) as HighlightsJsonDocument;
    expect(Object.keys(doc)).toEqual(['lectern', 'highlights']);
    expect(doc.lectern).toMatchObject({ format: 'highlights-json', version: 1 });
    expect(doc.highlights.map((x) => x.id)).toEqual([h.flood.id, h.tomatoes.id, h.specials.id, h.compost.id, h.basil.id]);
    const compost = lib.highlights.get(h.compost.id)!;
    expect(doc.highlights[3]).toEqual({
      id: compost.id, quote: compost.quote, note: 'Start one in spring.\nNear the shed.', color: 'green',
      prefix: compost.prefix, suffix: compost.suffix, start: compost.start, end: compost.end, orphaned: false,
      createdAt: compost.createdAt, updatedAt: compost.updatedAt,
      article: { id: garden, url: 'https://example.com/garden?x=1', title: 'Growing tomatoes, "properly"' },
    });
    expect(doc.highlights[4]).toMatchObject({ quote: 'Basil likes warmth.', orphaned: true });
    expect(doc.highlights[0]!.article).toEqual({ id: second, url: 'https://example.org/rivers', title: 'Rivers' });

    // A selection; none picked is an empty, valid document.
    await exportLibrary('highlights-json', { library: lib, assets }, target, { ids: [second] });
    expect((JSON.parse(await readFile(target, 'utf8')) as HighlightsJsonDocument).highlights.map((x) => x.id)).toEqual([h.flood.id]);
    expect((await exportLibrary('highlights-json', { library: lib, assets }, target, { ids: [] })).count).toBe(0);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ highlights: [] });
  });
});
