// Every export format read from its fixture: the links, feeds and problems (with their rows)
// are written out by hand from the fixture files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankLink, type ImportedFeed, type ImportedLink, type ImportEvent, type ImportFormat, type ImportProblem } from '../../../electron/import/imported-link.ts';
import { readImport } from '../../../electron/import/read-import.ts';

const FIXTURES = new URL('../../fixtures/imports/', import.meta.url);
const fixture = (name: string) => new URL(name, FIXTURES).pathname;

async function readAll(source: Parameters<typeof readImport>[0], format?: ImportFormat) {
  const links: ImportedLink[] = [];
  const feeds: ImportedFeed[] = [];
  const problems: ImportProblem[] = [];
  const events: ImportEvent[] = [];
  const generator = readImport(source, { format });
  for (;;) {
    const next = await generator.next();
    if (next.done) {
      // The format, when known, is the first event too.
      expect(events[0]?.kind === 'format' ? events[0].format : null).toBe(next.value);
      return { links, feeds, problems, events, format: next.value };
    }
    events.push(next.value);
    if (next.value.kind === 'link') links.push(next.value.link);
    if (next.value.kind === 'feed') feeds.push(next.value.feed);
    if (next.value.kind === 'problem') problems.push(next.value.problem);
  }
}

const link = (row: number, url: string, extra: Partial<ImportedLink> = {}): ImportedLink => ({ ...blankLink(row, url), ...extra });
const rows = (problems: ImportProblem[]) => problems.map((p) => p.row);

describe('Pocket', () => {
  it('reads the CSV: tags split on |, archive status, Unix times, quoted commas and newlines', async () => {
    const { links, problems, format } = await readAll({ path: fixture('pocket.csv') });
    expect(format).toBe('pocket');
    expect(links).toEqual([
      link(2, 'https://a.example/cities', { title: 'Why cities are hot', tags: ['climate', 'cities'], savedAt: '2020-09-13T12:26:40.000Z' }),
      link(3, 'https://b.example/comma', { title: 'Title, with comma', archived: true, savedAt: '2017-07-14T02:40:00.000Z' }),
      link(4, 'https://c.example/two-lines', { title: 'Two lines', tags: ['longread'], savedAt: '2022-04-15T05:20:00.000Z' }),
      link(6, 'https://d.example/bad-date', { title: 'Bad date' }),
      link(8, 'https://e.example/short', { title: 'Short row' }),
      link(11, 'https://g.example/future', { title: 'Future', archived: true }),
    ]);
    expect(rows(problems)).toEqual([7, 9, 10]);
    expect(problems[0]!.reason).toBe('no URL');
    expect(problems[1]!.reason).toMatch(/7 fields but the header has 5/);
    expect(problems[2]!.reason).toMatch(/not a web page/);
  });

  it('reads a CSV with a BOM and CRLF line ends, rows numbered by line', async () => {
    const { links, problems } = await readAll({ path: fixture('pocket-bom-crlf.csv') });
    expect(problems).toEqual([]);
    expect(links.map((l) => [l.row, l.url, l.title, l.tags, l.archived])).toEqual([
      [2, 'https://bom.example/one', 'First', ['a', 'b'], false],
      [4, 'https://bom.example/two', 'Multi line', [], true],
      [6, 'https://bom.example/three', 'Last', [], false],
    ]);
  });

  it('keeps the rows before an unclosed quote and says where it opened', async () => {
    const { links, problems } = await readAll({ path: fixture('pocket-unclosed-quote.csv') });
    expect(links.map((l) => l.url)).toEqual(['https://a.example/fine']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 3, file: null });
    expect(problems[0]!.reason).toMatch(/never closed/);
  });

  it('reads the old HTML export with its Unread and Read Archive sections', async () => {
    const { links, problems, format } = await readAll({ path: fixture('ril_export.html') });
    expect(format).toBe('pocket');
    expect(links).toEqual([
      link(1, 'https://a.example/one', { title: 'One', tags: ['climate', 'cities'], savedAt: '2020-09-13T12:26:40.000Z' }),
      link(3, 'https://a.example/three', { title: 'Three' }),
      link(4, 'https://b.example/two', { title: 'Two', archived: true, savedAt: '2017-07-14T02:40:00.000Z' }),
    ]);
    expect(problems).toEqual([{ row: 2, file: null, reason: 'link without an address' }]);
  });
});

describe('Instapaper', () => {
  it('reads folders as states or tags, the selection as the note, the JSON Tags column', async () => {
    const { links, problems, format } = await readAll({ path: fixture('instapaper.csv') });
    expect(format).toBe('instapaper');
    expect(links).toEqual([
      link(2, 'https://i.example/a', { title: 'Unread one', tags: ['news', 'long read'], savedAt: '2020-09-13T12:26:40.000Z' }),
      link(3, 'https://i.example/b', { title: 'Starred, with comma', starred: true, note: 'A passage I liked', savedAt: '2020-09-13T12:26:41.000Z' }),
      link(4, 'https://i.example/c', { title: 'Archived', archived: true, savedAt: '2020-09-13T12:26:42.000Z' }),
      link(5, 'https://i.example/d', { title: 'In a folder', tags: ['food', 'Recipes'], savedAt: '2020-09-13T12:26:43.000Z' }),
      link(7, 'https://i.example/e', { title: 'Bad tags', tags: ['oops'], savedAt: '2020-09-13T12:26:45.000Z' }),
    ]);
    expect(problems).toEqual([{ row: 6, file: null, reason: 'no URL' }]);
  });
  it('reads a UTF-16 file with CRLF line ends by its byte-order mark', async () => {
    const text = 'URL,Title,Selection,Folder,Timestamp\r\nhttps://a.example/x,"Two\r\nlines",,Unread,1600000000\r\n\r\nhttps://b.example/y,Déjà vu,,Archive,1600000001\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { links, problems } = await readAll({ bytes, name: 'instapaper-export.csv' });
    expect(problems).toEqual([]);
    expect(links.map((l) => [l.row, l.url, l.title, l.archived])).toEqual([
      [2, 'https://a.example/x', 'Two lines', false],
      [5, 'https://b.example/y', 'Déjà vu', true],
    ]);
  });
});

describe('wallabag', () => {
  it('reads entries with their content, tags (strings or labels) and annotations', async () => {
    const { links, problems, format } = await readAll({ path: fixture('wallabag.json') });
    expect(format).toBe('wallabag');
    expect(links).toEqual([
      link(1, 'https://w.example/mars', {
        title: 'Mars, again',
        tags: ['science', 'space'],
        archived: true,
        savedAt: '2019-03-01T09:00:00.000Z',
        highlights: [{ quote: 'Red planet.', note: 'Check this', color: null, prefix: null, suffix: null, createdAt: '2019-03-01T11:00:00.000Z' }],
        content: { html: '<p>Red planet.</p>', text: null, byline: 'Jo Doe', siteName: 'w.example', excerpt: null, publishedAt: '2019-02-28T08:00:00.000Z', lang: 'en', wordCount: null },
      }),
      // wallabag's "could not fetch" placeholder is not the article.
      link(2, 'https://w.example/failed', { title: 'Not fetched', starred: true }),
    ]);
    expect(rows(problems)).toEqual([3, 4, 5]);
    expect(problems[2]!.reason).toMatch(/ftp:\/\/w\.example\/file.*not a web page/);
  });
});

describe('Readwise', () => {
  it('reads the Reader CSV: locations, Python-list and JSON tags, progress as fraction or percent', async () => {
    const { links, problems, format } = await readAll({ path: fixture('readwise-reader.csv') });
    expect(format).toBe('readwise');
    expect(links).toEqual([
      link(2, 'https://r.example/a', { title: 'A Reader doc', tags: ['ai', 'tools'], savedAt: '2024-01-05T10:11:12.000Z', progress: 0.5 }),
      link(3, 'https://r.example/b', { title: 'Shortlisted', tags: ['json', 'tags'], starred: true, savedAt: '2024-02-01T00:00:00.000Z', progress: 1 }),
      link(4, 'https://r.example/c', { title: 'Done reading', archived: true, savedAt: '2023-12-31T23:59:59.000Z', progress: 1 }),
    ]);
    expect(rows(problems)).toEqual([5, 6]);
    expect(problems[0]!.reason).toMatch(/feed/);
    expect(problems[1]!.reason).toBe('no URL');
  });

  it('groups the highlights CSV by document; a row without a URL is a problem', async () => {
    const { links, problems } = await readAll({ path: fixture('readwise-highlights.csv') });
    expect(problems).toEqual([
      { row: 4, file: null, reason: 'no URL' },
      { row: 6, file: null, reason: 'a highlight with no text' },
    ]);
    const h = (quote: string, extra: object = {}) => ({ quote, note: null, color: null, prefix: null, suffix: null, createdAt: null, ...extra });
    expect(links).toEqual([
      link(2, 'https://h.example/deep', {
        title: 'Deep Article',
        tags: ['reading'],
        highlights: [
          h('The first highlight, with a comma', { note: 'My note', color: 'yellow', createdAt: '2024-01-02T03:04:05.000Z' }),
          h('Second from the same', { color: 'blue', createdAt: '2024-01-02T03:05:00.000Z' }),
          h('Back to the first', { createdAt: '2024-01-04T00:00:00.000Z' }),
        ],
      }),
      link(5, 'https://h.example/other', { title: 'Other', highlights: [h('Another article')] }),
    ]);
  });
});

describe('browser bookmarks', () => {
  it('tags each bookmark with its folders (not the browser roots), reads ADD_DATE, TAGS and descriptions', async () => {
    const { links, problems, format } = await readAll({ path: fixture('bookmarks.html') });
    expect(format).toBe('bookmarks');
    expect(links).toEqual([
      link(1, 'https://bm.example/top', { title: 'On the bar', savedAt: '2020-09-13T12:26:41.000Z' }),
      link(2, 'https://bm.example/dev', { title: 'Dev link', tags: ['Dev', 'rust', 'tools'], note: 'A description of the dev link', savedAt: '2020-09-13T12:26:43.000Z' }),
      link(3, 'https://bm.example/deep', { title: 'Deep link', tags: ['Dev', 'Deep & nested'] }),
      link(5, 'https://bm.example/after-dev', { title: 'After Dev (ms)', savedAt: '2020-09-13T12:26:44.000Z' }),
      link(6, 'https://bm.example/other', { title: 'In other' }),
      link(9, 'https://bm.example/root', { title: 'At the root' }),
    ]);
    expect(rows(problems)).toEqual([4, 7, 8]);
    expect(problems[0]!.reason).toMatch(/javascript:/);
    expect(problems[2]!.reason).toMatch(/place:/);
  });
});

describe('a list of URLs', () => {
  it('skips comments and blank lines, and reports lines that are not one web address', async () => {
    const { links, problems, format } = await readAll({ path: fixture('urls.txt') });
    expect(format).toBe('urls');
    expect(links).toEqual([link(2, 'https://u.example/one'), link(4, 'https://u.example/two?x=1'), link(8, 'https://u.example/indented')]);
    expect(problems.map((p) => [p.row, p.reason.replace(/ \(.*$/, '')])).toEqual([
      [5, 'not a single URL'],
      [6, 'not a single URL'],
      [7, '“ftp://u.example/file” is not a web page'],
    ]);
  });
});

describe('Lectern JSON', () => {
  it('brings articles back with their page, note, states and highlights, and feeds as subscriptions', async () => {
    const { links, feeds, problems, format } = await readAll({ path: fixture('lectern.json') });
    expect(format).toBe('json');
    expect(links).toEqual([
      link(1, 'https://l.example/kept', {
        title: 'Kept page',
        tags: ['kept', 'spaced'],
        archived: true,
        starred: true,
        savedAt: '2024-06-02T10:00:00.000Z',
        readAt: '2024-06-03T09:00:00.000Z',
        progress: 1,
        note: 'Great read',
        highlights: [{ quote: 'Hello', note: 'greeting', color: 'yellow', prefix: null, suffix: ' there', createdAt: '2024-06-02T11:00:00.000Z' }],
        content: { html: '<p>Hello <b>there</b>.</p>', text: 'Hello there.', byline: 'By Someone', siteName: 'L Example', excerpt: 'Short.', publishedAt: '2024-06-01T00:00:00.000Z', lang: 'en', wordCount: 2 },
      }),
      link(2, 'https://l.example/pending', { title: 'Pending', savedAt: '2024-07-01T00:00:00.000Z', progress: 0.25 }),
    ]);
    expect(feeds).toEqual([{ row: 1, url: 'https://l.example/feed.xml', title: 'L Feed', siteUrl: 'https://l.example/', folder: 'News' }]);
    // Articles 3 and 4, feed 2, highlights 2 and 3.
    expect(problems.map((p) => [p.row, p.reason])).toEqual([
      [3, 'no URL in this article'],
      [4, '“12345” is not a web address'],
      [2, '“not a url” is not a web address'],
      [2, 'highlight 2 belongs to no article in the file'],
      [3, 'highlight 3 has no quote'],
    ]);
  });

  it('reads a bare JSON array of links, and says what is wrong with broken JSON', async () => {
    const bytes = Buffer.from(JSON.stringify([{ url: 'https://x.example/', title: 'X', tags: ['a'], starred: true }, { title: 'none' }]));
    const { links, problems } = await readAll({ bytes, name: 'links.json' });
    expect(links).toEqual([link(1, 'https://x.example/', { title: 'X', tags: ['a'], starred: true })]);
    expect(rows(problems)).toEqual([2]);
    const broken = await readAll({ bytes: Buffer.from('{"articles": [{"url": '), name: 'export.json' });
    expect(broken.links).toEqual([]);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatchObject({ row: 0 });
    expect(broken.problems[0]!.reason).toMatch(/not valid JSON/);
  });
});

describe('OPML', () => {
  it('reads feeds with their folders, and reports bad addresses by outline', async () => {
    const { feeds, links, problems, format } = await readAll({ path: fixture('feeds.opml') });
    expect(format).toBe('opml');
    expect(links).toEqual([]);
    expect(feeds).toEqual([
      { row: 1, url: 'https://feeds.example/top.xml', title: 'Top feed', siteUrl: 'https://feeds.example/', folder: null },
      { row: 3, url: 'https://feeds.example/ars.xml', title: 'Ars & more', siteUrl: null, folder: 'Tech' },
      { row: 5, url: 'https://feeds.example/deep.xml', title: 'Deep feed', siteUrl: null, folder: 'Tech/Sub' },
    ]);
    // Rows count outlines, folders included: "Broken" is the 6th, the empty address the 7th.
    expect(rows(problems)).toEqual([6, 7]);
  });

  it('reports a file that is not OPML at all', async () => {
    const { feeds, problems } = await readAll({ bytes: Buffer.from('<?xml version="1.0"?><rss><channel></channel></rss>'), name: 'x.opml' }, 'opml');
    expect(feeds).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.row).toBe(0);
  });
});

describe('a file that is no export', () => {
  it('is one problem at row 0, never a throw', async () => {
    const garbage = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256);
    const { links, problems, format } = await readAll({ bytes: garbage, name: 'export.csv' });
    expect(format).toBeNull();
    expect(links).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.row).toBe(0);
  });

  it('is reported as a problem when the format is forced, too', async () => {
    const garbage = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256);
    for (const format of ['pocket', 'instapaper', 'readwise', 'json', 'wallabag', 'omnivore', 'opml', 'bookmarks', 'urls'] as const) {
      const { links, problems } = await readAll({ bytes: garbage, name: 'x' }, format);
      expect(links, format).toEqual([]);
      expect(problems.length, format).toBeGreaterThan(0);
    }
  });

  it('reports a missing file as a problem', async () => {
    const { problems } = await readAll({ path: fixture('no-such-file.csv') });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/could not be opened/);
  });

  it('reads the same bytes from memory as from disk', async () => {
    const fromDisk = await readAll({ path: fixture('pocket.csv') });
    const fromMemory = await readAll({ bytes: readFileSync(fixture('pocket.csv')), name: 'pocket.csv' });
    expect(fromMemory.links).toEqual(fromDisk.links);
    expect(fromMemory.problems).toEqual(fromDisk.problems);
  });
});
