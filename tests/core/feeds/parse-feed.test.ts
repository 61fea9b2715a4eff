// Every fixture in tests/fixtures/feeds/ against what it holds (tests/fixtures/feeds/expected.ts,
// read off the fixtures by hand), then the rules the fixtures only sample: dates, charsets, refusals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../electron/feeds/feed-error.ts';
import { decodeFeedBytes, trimToDocument } from '../../../electron/feeds/feed-text.ts';
import { feedDate } from '../../../electron/feeds/feed-values.ts';
import { carriesFullContent, parseFeed, type ParsedFeed, type ParsedFeedItem } from '../../../electron/feeds/parse-feed.ts';
import { FEED_FIXTURES } from '../../fixtures/feeds/expected.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);
const parseText = (text: string, url = 'https://example.com/feed') => parseFeed(bytes(text), { url });

function thrown(run: () => unknown): FeedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error('expected a FeedError, nothing was thrown');
}

describe('parseFeed on the fixtures', () => {
  for (const expected of FEED_FIXTURES) {
    it(expected.file, () => {
      const parse = () => parseFeed(fixture(expected.file), { url: expected.url, contentType: expected.contentType ?? null });
      if (expected.throws) {
        expect(thrown(parse).code).toBe(expected.throws);
        return;
      }
      const feed: ParsedFeed = parse();
      if (expected.format !== undefined) expect(feed.format).toBe(expected.format);
      if (expected.title !== undefined) expect(feed.title).toBe(expected.title);
      if (expected.siteUrl !== undefined) expect(feed.siteUrl).toBe(expected.siteUrl);
      const items = expected.items ?? [];
      expect(feed.items.map((item) => item.title)).toHaveLength(items.length);
      items.forEach((want, index) => {
        const got = feed.items[index]!;
        const where = `${expected.file} item ${index + 1}`;
        for (const key of ['guid', 'url', 'title', 'author', 'publishedAt'] as const) {
          if (want[key] !== undefined) expect(got[key], `${where} ${key}`).toBe(want[key]);
        }
        for (const [key, field] of [['summary', 'summaryHtml'], ['content', 'contentHtml']] as const) {
          if (want[key] === null) expect(got[field], `${where} ${field}`).toBeNull();
          else if (want[key] !== undefined) expect(got[field], `${where} ${field}`).toContain(want[key]);
        }
      });
    });
  }

  it('has at least 25 feeds of every format among its fixtures', () => {
    const formats = new Set(FEED_FIXTURES.map((f) => f.format));
    expect(FEED_FIXTURES.filter((f) => !f.throws).length).toBeGreaterThanOrEqual(25);
    expect([...formats].sort()).toEqual(['atom', 'json', 'rdf', 'rss', undefined].sort());
  });

  it('only ever gives absolute http(s) links', () => {
    for (const expected of FEED_FIXTURES.filter((f) => !f.throws)) {
      const feed = parseFeed(fixture(expected.file), { url: expected.url, contentType: expected.contentType ?? null });
      for (const url of [feed.siteUrl, ...feed.items.map((item) => item.url)]) {
        if (url !== null) expect(new URL(url).protocol, `${expected.file}: ${url}`).toMatch(/^https?:$/);
      }
    }
  });
});

describe('feedDate', () => {
  it.each([
    ['Wed, 01 May 2024 14:30:00 GMT', '2024-05-01T14:30:00.000Z'],
    ['Wed, 01 May 2024 14:30:00 EDT', '2024-05-01T18:30:00.000Z'],
    ['Wed, 01 May 2024 14:30:00 CST', '2024-05-01T20:30:00.000Z'],
    ['Wed, 01 May 2024 14:30:00 +0530', '2024-05-01T09:00:00.000Z'],
    ['1 May 99 00:00 GMT', '1999-05-01T00:00:00.000Z'],
    ['1 Sept 2024 10:00:00 GMT', '2024-09-01T10:00:00.000Z'],
    ['Wed, 01 May 2024', '2024-05-01T00:00:00.000Z'],
    ['Wed May  1 14:30:00 2024', '2024-05-01T14:30:00.000Z'],
    ['Wed, May 01 2024 14:30:00 GMT', '2024-05-01T14:30:00.000Z'],
    ['2024-05', '2024-05-01T00:00:00.000Z'],
    ['2024-05-01T14:30Z', '2024-05-01T14:30:00.000Z'],
    ['2024-05-01T14:30:00-04', '2024-05-01T18:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %j', (raw, iso) => {
    expect(feedDate(raw)).toBe(iso);
  });

  it.each(['', '   ', 'tomorrow', '2023-02-29', '2024-13-01', '2024-05-01T25:00:00Z', 'Wed, 32 May 2024 10:00 GMT', '0000-00-00', '12345', 'Wed, 01 Foo 2024 10:00 GMT'])('refuses %j', (raw) => {
    expect(feedDate(raw)).toBeNull();
  });

  it('is null for what is not a string', () => {
    expect(feedDate(undefined)).toBeNull();
    expect(feedDate(1714573800)).toBeNull();
    expect(feedDate(new Date(Number.NaN))).toBeNull();
  });
});

describe('reading the bytes', () => {
  it('takes the HTTP charset over the declaration, unless the bytes say otherwise', () => {
    const latin1 = new Uint8Array([...bytes('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Caf'), 0xe9, ...bytes('</title></channel></rss>')]);
    expect(decodeFeedBytes(latin1, 'text/xml; charset=iso-8859-1').text).toContain('Café');
    expect(decodeFeedBytes(latin1, null).text).toContain('Café');
    const utf8 = bytes('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Café</title></channel></rss>');
    expect(decodeFeedBytes(utf8, 'text/xml; charset=iso-8859-1').text).toContain('Café');
  });

  it('reads UTF-16 without a byte-order mark', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Wide ✓</title></channel></rss>';
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    expect(parseFeed(le, { url: 'https://example.com/' }).title).toBe('Wide ✓');
    expect(parseFeed(be, { url: 'https://example.com/' }).title).toBe('Wide ✓');
  });

  it('cuts the junk around the document but keeps a truncated one whole', () => {
    expect(trimToDocument('\uFEFF\n\n<?xml version="1.0"?>\n<rss><channel/></rss>\n<b>Warning</b>')).toBe('<?xml version="1.0"?>\n<rss><channel/></rss>');
    expect(trimToDocument('<!DOCTYPE rss [<!ENTITY x "<y>">]><rss>a</rss> tail')).toBe('<!DOCTYPE rss [<!ENTITY x "<y>">]><rss>a</rss>');
    expect(trimToDocument('<rss><channel><title>cut off')).toBe('<rss><channel><title>cut off');
  });
});

describe('refusals', () => {
  it.each([
    ['', 'not-a-feed', /empty/],
    ['   \n ', 'not-a-feed', /empty/],
    ['<!DOCTYPE html><html><body>hi</body></html>', 'not-a-feed', /web page/],
    ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'not-a-feed', /<svg>/],
    ['just some words', 'not-a-feed', /not XML or JSON/],
    ['{"hello": "world"}', 'not-a-feed', /JSON, but not a JSON Feed/],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [', 'unreadable', /JSON is broken/],
  ] as const)('refuses %j as %s', (text, code, message) => {
    const error = thrown(() => parseText(text));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('reads what it can from a feed cut off mid-item', () => {
    const text = new TextDecoder().decode(fixture('wordpress-rss2.xml'));
    const cut = text.slice(0, text.indexOf('<title>Seed swap'));
    const feed = parseText(cut, 'https://gardening.example.org/feed/');
    expect(feed.title).toBe('Gardening Notes');
    expect(feed.items.slice(0, 2).map((item) => item.title)).toEqual(['Why I don’t till anymore', 'Tomatoes & the late blight']);
  });

  it('keeps the whole items before a break inside a tag or a CDATA section', () => {
    const rss = new TextDecoder().decode(fixture('wordpress-rss2.xml'));
    const midCdata = parseText(rss.slice(0, rss.indexOf('the one variety') + 5), 'https://gardening.example.org/feed/');
    expect(midCdata.items.map((item) => item.title)).toEqual(['Why I don’t till anymore']);
    const atom = new TextDecoder().decode(fixture('github-releases-atom.xml'));
    const midTag = parseText(atom.slice(0, atom.indexOf('<link rel="alternate" type="text/html" href="/lectern') + 20), 'https://github.com/lectern-app/lectern/releases.atom');
    expect(midTag.items.map((item) => item.title)).toEqual(['v1.2.0']);
    expect(thrown(() => parseText(rss.slice(0, rss.indexOf('<item>') + 30))).code).toBe('unreadable');
  });
});

describe('carriesFullContent', () => {
  const item = (fields: Partial<ParsedFeedItem>): ParsedFeedItem => ({ guid: null, url: null, title: null, author: null, publishedAt: null, summaryHtml: null, contentHtml: null, ...fields });
  const long = `<p>${'Words that go on. '.repeat(30)}</p>`;

  it('is true for a whole article beside its summary', () => {
    const [first] = parseFeed(fixture('wordpress-rss2.xml'), { url: 'https://gardening.example.org/feed/' }).items;
    expect(carriesFullContent(first!)).toBe(true);
    expect(carriesFullContent(item({ summaryHtml: '<p>Short.</p>', contentHtml: long }))).toBe(true);
    expect(carriesFullContent(item({ summaryHtml: '<p>Short.</p>', contentHtml: `${long}<p>And then there were a few more.</p>` }))).toBe(true);
  });

  it('is true for a short post that is all the feed says', () => {
    const [coffee] = parseFeed(fixture('microblog-json11.json'), { url: 'https://notes.example.blog/feed.json' }).items;
    expect(carriesFullContent(coffee!)).toBe(true);
  });

  it('is false for summaries, copies of them and teasers', () => {
    const items = parseFeed(fixture('wordpress-rss2.xml'), { url: 'https://gardening.example.org/feed/' }).items;
    expect(carriesFullContent(items[2]!)).toBe(false);
    expect(carriesFullContent(item({ summaryHtml: long, contentHtml: long }))).toBe(false);
    expect(carriesFullContent(item({ summaryHtml: '<p>x</p>', contentHtml: `${long}<p><a href="/x">Continue reading →</a></p>` }))).toBe(false);
    expect(carriesFullContent(item({ summaryHtml: '<p>x</p>', contentHtml: '<p>The first lines of the post [&hellip;]</p>' }))).toBe(false);
    expect(carriesFullContent(item({ contentHtml: `${long}<p><a href="/x">Read the full story at Example News</a></p>` }))).toBe(false);
    expect(carriesFullContent(item({ contentHtml: `${long}<a href="/x">(more…)</a>` }))).toBe(false);
    expect(carriesFullContent(item({ summaryHtml: '<p>Intro</p>', contentHtml: '<p>A little more than the intro.</p>' }))).toBe(false);
    expect(carriesFullContent(item({ contentHtml: '   ' }))).toBe(false);
  });
});
