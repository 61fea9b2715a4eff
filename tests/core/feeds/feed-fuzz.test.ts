// Property tests: random bytes, random text, every fixture cut short and mangled. parseFeed
// returns a well-formed feed or throws a FeedError, nothing else, and quickly; parseOpml and
// discoverFeedLinks never throw at all.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoverFeedLinks, looksLikeFeed } from '../../../electron/feeds/discover-feeds.ts';
import { FeedError } from '../../../electron/feeds/feed-error.ts';
import { parseOpml } from '../../../electron/feeds/opml.ts';
import { carriesFullContent, parseFeed, type ParsedFeed } from '../../../electron/feeds/parse-feed.ts';

const DIR = new URL('../../fixtures/feeds/', import.meta.url);
const load = (dir: URL) => readdirSync(dir).filter((name) => /\.(xml|json|html|opml)$/.test(name)).map((name) => new Uint8Array(readFileSync(new URL(name, dir))));
const FEEDS = load(DIR);
const OPMLS = load(new URL('opml/', DIR));
const RUNS = { numRuns: 200 };
/** A parse of a few KB that takes this long is stuck, not slow. */
const MAX_MS = 2_000;

// Pieces that break XML and JSON in the ways servers do.
const NASTY = ['<', '>', '&', '&nbsp;', '&#x0;', '&#99999999;', ']]>', '<![CDATA[', '<!--', '-->', '"', "'", '</item>', '<item>', '</channel>', '<entry>', '<?xml version="1.0" encoding="shift_jis"?>', '<!DOCTYPE x [<!ENTITY a "&a;&a;">]>', '&a;', 'xml:base="javascript:x"', '{', '}', '[', ',', '"items":', '\u0000', '\uFEFF', '\ud800'].map((s) => new TextEncoder().encode(s));

// Positions come from fc.integer over each fixture's length: fc.double would mostly pick 0 and 1.
const edit = (length: number) => fc.tuple(fc.nat(4), fc.integer({ min: 0, max: length }), fc.nat(200), fc.constantFrom(...NASTY), fc.uint8Array({ maxLength: 8 }));

/** A fixture with up to five random edits: cut a span, insert junk, duplicate a span, flip a byte. */
const mutated = (sources: Uint8Array[]) =>
  fc.constantFrom(...sources).chain((source) => fc.array(edit(source.length), { maxLength: 5 }).map((edits) => {
    let bytes = source;
    for (const [kind, wanted, span, nasty, random] of edits) {
      const at = Math.min(wanted, bytes.length);
      const to = Math.min(bytes.length, at + span);
      const middle = kind === 1 ? nasty : kind === 2 ? random : kind === 3 ? bytes.subarray(at, to) : new Uint8Array();
      bytes = new Uint8Array(Buffer.concat([bytes.subarray(0, at), middle, bytes.subarray(kind === 0 ? to : at)]));
      if (kind === 4 && at < bytes.length) bytes[at] = bytes[at]! ^ 0x80;
    }
    return bytes;
  }));

const truncated = (sources: Uint8Array[]) => fc.constantFrom(...sources).chain((source) => fc.integer({ min: 0, max: source.length }).map((at) => source.subarray(0, at)));

const isHttp = (url: string | null) => url === null || /^https?:\/\/[^\s]+$/.test(url);
const isIso = (date: string | null) => date === null || new Date(date).toISOString() === date;
const textOrNull = (value: unknown) => value === null || (typeof value === 'string' && value.length > 0);

function wellFormed(feed: ParsedFeed): void {
  expect(['rss', 'rdf', 'atom', 'json']).toContain(feed.format);
  expect(textOrNull(feed.title) && isHttp(feed.siteUrl)).toBe(true);
  for (const item of feed.items) {
    expect(isHttp(item.url) && isIso(item.publishedAt)).toBe(true);
    for (const value of [item.guid, item.title, item.author, item.summaryHtml, item.contentHtml]) expect(textOrNull(value)).toBe(true);
    if (item.title !== null) expect(item.title).not.toMatch(/\s{2}|^\s|\s$/);
    expect(typeof carriesFullContent(item)).toBe('boolean');
  }
}

/** parseFeed's whole contract, for one body. */
function parsesOrRefuses(body: Uint8Array, contentType: string | null = null): void {
  const started = performance.now();
  try {
    wellFormed(parseFeed(body, { url: 'https://example.com/blog/feed.xml', contentType }));
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    expect(['not-a-feed', 'unreadable']).toContain(error.code);
    expect(error.message.length).toBeGreaterThan(10);
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS);
}

describe('parseFeed never fails any other way', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom(null, 'text/xml', 'application/json; charset=shift_jis', 'text/html; charset=bogus'), (body, type) => parsesOrRefuses(body, type)), RUNS);
  });

  it('on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => parsesOrRefuses(new TextEncoder().encode(text))), RUNS);
  });

  it('on random markup made of feed-shaped pieces', () => {
    const piece = fc.constantFrom('<rss version="2.0">', '<channel>', '<item>', '</item>', '<title>', '</title>', '<link>', '</link>', '<feed xmlns="http://www.w3.org/2005/Atom">', '<entry>', '</entry>', '<rdf:RDF>', '<guid>', '<pubDate>', 'Wed, 01 May 2024 14:30:00 EST', 'text', '&amp;', '&eacute;', '<![CDATA[', ']]>', '/x', 'https://a.example/', ' ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => parsesOrRefuses(new TextEncoder().encode(pieces.join('')))), RUNS);
  });

  it('on every fixture cut off at a random point', () => {
    fc.assert(fc.property(truncated(FEEDS), (body) => parsesOrRefuses(body)), RUNS);
  });

  it('on every fixture mangled', () => {
    fc.assert(fc.property(mutated(FEEDS), (body) => parsesOrRefuses(body)), RUNS);
  });
});

describe('parseOpml never throws', () => {
  const check = (text: string) => {
    const { feeds, problems } = parseOpml(text);
    for (const feed of feeds) expect(isHttp(feed.url) && feed.url !== null && isHttp(feed.siteUrl)).toBe(true);
    for (const problem of problems) expect(Number.isInteger(problem.row) && problem.row >= 0 && problem.reason.length > 0).toBe(true);
    expect(feeds.length + problems.length).toBeGreaterThan(0);
  };
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it('on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), check), RUNS);
  });

  it('on OPML cut off and mangled', () => {
    fc.assert(fc.property(truncated(OPMLS), (bytes) => check(decode(bytes))), RUNS);
    fc.assert(fc.property(mutated(OPMLS), (bytes) => check(decode(bytes))), RUNS);
  });

  it('on outlines nested far deeper than any reader would', () => {
    check(`<opml><body>${'<outline text="f">'.repeat(5_000)}<outline xmlUrl="https://a.example/"/>${'</outline>'.repeat(5_000)}</body></opml>`);
  });
});

describe('discoverFeedLinks and looksLikeFeed never throw', () => {
  it('on random and mangled pages', () => {
    const html = fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), mutated(FEEDS).map((b) => new TextDecoder().decode(b)));
    fc.assert(
      fc.property(html, fc.constantFrom('https://example.com/a/b', 'http://[::1]/', 'https://例え.jp/'), (page, url) => {
        for (const link of discoverFeedLinks(page, url)) expect(isHttp(link)).toBe(true);
      }),
      RUNS,
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1_000 }), fc.option(fc.string({ maxLength: 40 }), { nil: null }), (body, type) => {
      expect(typeof looksLikeFeed(body, type)).toBe('boolean');
    }), RUNS);
  });
});
