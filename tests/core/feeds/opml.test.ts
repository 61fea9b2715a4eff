// OPML as feed readers export it (feedly, NetNewsWire), garbage, and our own output read back.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOpml, writeOpml, type OpmlFeed } from '../../../electron/feeds/opml.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/opml/${name}`, import.meta.url), 'utf8');

describe('parseOpml', () => {
  it('reads a feedly export: folders, entities, query strings', () => {
    expect(parseOpml(fixture('feedly.opml'))).toEqual({
      feeds: [
        { url: 'http://feeds.feedburner.com/alistapart/main', title: 'A List Apart: The Full Feed', siteUrl: 'https://alistapart.com/', folder: 'Design' },
        { url: 'https://www.smashingmagazine.com/feed/', title: 'Smashing Magazine', siteUrl: 'https://www.smashingmagazine.com/', folder: 'Design' },
        { url: 'https://www.lemonde.fr/rss/une.xml', title: 'Le Monde.fr - Actualités', siteUrl: 'https://www.lemonde.fr/', folder: 'News & Politics' },
        { url: 'https://news.example.com/rss/search?q=climate&hl=en-US&gl=US', title: 'Search "climate"', siteUrl: 'https://news.example.com/search?q=climate', folder: 'News & Politics' },
        { url: 'https://solo.example.org/index.xml', title: 'Uncategorized feed', siteUrl: 'https://solo.example.org/', folder: null },
      ],
      problems: [],
    });
  });

  it('reads NetNewsWire: nested folders joined with "/", odd attribute case, feed:// and bad rows', () => {
    const { feeds, problems } = parseOpml(fixture('netnewswire.opml'));
    expect(feeds).toEqual([
      { url: 'https://daringfireball.net/feeds/json', title: 'Daring Fireball', siteUrl: 'https://daringfireball.net/', folder: null },
      { url: 'https://blog.rust-lang.org/feed.xml', title: 'Rust Blog', siteUrl: 'https://blog.rust-lang.org/', folder: 'Tech/Languages' },
      { url: 'http://this-week-in-rust.org/rss.xml', title: 'This Week in Rust', siteUrl: null, folder: 'Tech/Languages' },
      { url: 'https://nihongo.example.jp/feed', title: '日本語のブログ', siteUrl: null, folder: 'Tech' },
    ]);
    // Rows count every outline, folders too, so a row points at the outline in the file.
    expect(problems.map((p) => p.row)).toEqual([6, 7]);
    expect(problems[0]!.reason).toMatch(/itpc:\/\/podcast\.example\.com\/feed.*not a feed address/);
    expect(problems[1]!.reason).toMatch(/empty xmlUrl/);
  });

  it.each([
    ['', /no <opml><body>/],
    ['not xml at all <<<', /XML is broken|no <opml><body>/],
    ['<html><body><p>hi</p></body></html>', /no <opml><body>/],
    ['<opml version="2.0"><head/><body></body></opml>', /no feeds/],
    ['<opml><body><outline text="Folder only"/></body></opml>', /no feeds/],
  ])('reports %j as one problem at row 0', (text, reason) => {
    const { feeds, problems } = parseOpml(text);
    expect(feeds).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.row).toBe(0);
    expect(problems[0]!.reason).toMatch(reason);
  });

  it('decodes HTML entities XML does not define, once', () => {
    const { feeds } = parseOpml('<opml><body><outline text="Caf&eacute; &amp;amp; bar &lt;3" xmlUrl="https://x.example/rss?a=1&b=2"/></body></opml>');
    expect(feeds).toEqual([{ url: 'https://x.example/rss?a=1&b=2', title: 'Café &amp; bar <3', siteUrl: null, folder: null }]);
  });
});

describe('writeOpml', () => {
  it('writes OPML 2.0 with folders as parent outlines and everything escaped', () => {
    const opml = writeOpml([
      { url: 'https://a.example/feed?x=1&y=2', title: 'Tom & "Jerry" <live>', siteUrl: 'https://a.example/', folder: 'Cartoons & more/Classics' },
      { url: 'https://b.example/rss', title: null, siteUrl: null, folder: null },
    ], 'Mine & yours');
    expect(opml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(opml).toContain('<title>Mine &amp; yours</title>');
    expect(opml).toContain('<outline text="Cartoons &amp; more" title="Cartoons &amp; more">');
    expect(opml).toContain('title="Tom &amp; &quot;Jerry&quot; &lt;live&gt;" xmlUrl="https://a.example/feed?x=1&amp;y=2" htmlUrl="https://a.example/"/>');
    expect(opml).toContain('<outline type="rss" text="https://b.example/rss" xmlUrl="https://b.example/rss"/>');
    expect(parseOpml(opml).problems).toEqual([]);
  });

  it('drops characters XML cannot carry rather than writing a broken file', () => {
    const opml = writeOpml([{ url: 'https://a.example/', title: 'bell\u0007 and \ud800 lone', siteUrl: null, folder: null }]);
    expect(parseOpml(opml).feeds[0]!.title).toBe('bell and lone');
  });
});

// Names as people write them: symbols XML must escape, quotes, accents, CJK, emoji.
const namePart = fc.constantFrom('a', 'Z', '&', '<', '>', '"', "'", 'é', 'ß', '日本', '😀', ';', '#', '=', '%', ' ', '&amp;', '\\');
const name = fc.array(namePart, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('').replace(/\s+/g, ' ').trim()).filter((n) => n.length > 0);
const folder = fc.option(fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')), { nil: null });
const feed: fc.Arbitrary<OpmlFeed> = fc.record({
  url: fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true }).map((url) => new URL(url).href),
  title: fc.option(name, { nil: null }),
  siteUrl: fc.option(fc.webUrl().map((url) => new URL(url).href), { nil: null }),
  folder,
});
const sorted = (feeds: OpmlFeed[]) => [...feeds].map((f) => JSON.stringify(f)).sort();

describe('OPML round trip', () => {
  it('parseOpml(writeOpml(feeds)) gives the same feeds back', () => {
    fc.assert(
      fc.property(fc.array(feed, { maxLength: 12 }), name, (feeds, title) => {
        const { feeds: back, problems } = parseOpml(writeOpml(feeds, title));
        expect(problems).toEqual(feeds.length ? [] : [{ row: 0, reason: expect.stringMatching(/no feeds/) }]);
        expect(sorted(back)).toEqual(sorted(feeds));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the order of feeds inside a folder', () => {
    const feeds = ['c', 'a', 'b'].map((n) => ({ url: `https://${n}.example/feed`, title: n, siteUrl: null, folder: 'F' }));
    expect(parseOpml(writeOpml(feeds)).feeds.map((f) => f.title)).toEqual(['c', 'a', 'b']);
  });
});
