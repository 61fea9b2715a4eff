// Finding a feed behind a site's address: advertised links, usual paths, and the sniff that
// tells a feed from the HTML page a missing one returns.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonFeedUrls, discoverFeedLinks, looksLikeFeed } from '../../../electron/feeds/discover-feeds.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('discoverFeedLinks', () => {
  it('lists advertised feeds in page order, absolute and deduplicated', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed/">
      <link rel="alternate" type="application/atom+xml" title="Atom" href="https://blog.example.com/atom.xml">
      <link rel="alternate" type="application/rss+xml" title="Posts again" href="https://blog.example.com/feed/">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/feed+json" href="feed.json">
      <link rel="ALTERNATE" type="Application/RSS+XML; charset=utf-8" href="comments/feed/">
      <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/12">
      <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      </head><body><link rel="alternate" type="application/json" href="/feeds/all.json"></body></html>`;
    expect(discoverFeedLinks(html, 'https://blog.example.com/2024/05/post.html')).toEqual([
      'https://blog.example.com/feed/',
      'https://blog.example.com/atom.xml',
      'https://blog.example.com/2024/05/feed.json',
      'https://blog.example.com/2024/05/comments/feed/',
      'https://blog.example.com/feeds/all.json',
    ]);
  });

  it('resolves against <base href>, itself relative to the page', () => {
    const html = '<html><head><base href="/blog/"><link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>';
    expect(discoverFeedLinks(html, 'https://example.com/blog/post/1')).toEqual(['https://example.com/blog/atom.xml']);
  });

  it('finds nothing on a page that advertises nothing, or on garbage', () => {
    expect(discoverFeedLinks('<html><head><title>x</title></head></html>', 'https://example.com/')).toEqual([]);
    expect(discoverFeedLinks('', 'https://example.com/')).toEqual([]);
    expect(discoverFeedLinks('<<<>>><link rel=alternate type=application/rss+xml href=/rss', 'https://example.com/')).toEqual([]);
  });

  it('reads the fixture page', () => {
    expect(discoverFeedLinks(new TextDecoder().decode(fixture('not-a-feed.html')), 'https://example.com/about')).toEqual(['https://example.com/feed.xml']);
  });
});

describe('commonFeedUrls', () => {
  it('lists the usual paths on the page\'s origin, most common first', () => {
    const urls = commonFeedUrls('https://example.com/some/post?x=1#top');
    expect(urls.slice(0, 8)).toEqual([
      'https://example.com/feed',
      'https://example.com/rss',
      'https://example.com/feed.xml',
      'https://example.com/atom.xml',
      'https://example.com/rss.xml',
      'https://example.com/index.xml',
      'https://example.com/feed.json',
      'https://example.com/?feed=rss2',
    ]);
    expect(urls).toContain('https://example.com/some/feed');
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.every((url) => new URL(url).origin === 'https://example.com')).toBe(true);
  });

  it('gives nothing for an address that is not a web page', () => {
    expect(commonFeedUrls('not a url')).toEqual([]);
    expect(commonFeedUrls('ftp://example.com/')).toEqual([]);
  });
});

describe('looksLikeFeed', () => {
  it('trusts a feed content type', () => {
    expect(looksLikeFeed(bytes(''), 'application/rss+xml')).toBe(true);
    expect(looksLikeFeed(bytes('x'), 'application/atom+xml; charset=utf-8')).toBe(true);
  });

  it('sniffs feeds served under any type, BOM, UTF-16 and prolog included', () => {
    for (const name of ['wordpress-rss2.xml', 'blogger-atom.xml', 'slashdot-rdf.xml', 'bom-whitespace.xml', 'utf16le-bom.xml', 'shift-jis-declared.xml', 'microblog-json11.json', 'jsonfeed-10.json', 'rss091.xml']) {
      expect(looksLikeFeed(fixture(name), 'text/html'), name).toBe(true);
      expect(looksLikeFeed(fixture(name), null), name).toBe(true);
    }
    expect(looksLikeFeed(bytes('<?xml version="1.0"?>\n<!-- c -->\n<?xml-stylesheet href="s.xsl"?>\n<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>'), 'application/xml')).toBe(true);
  });

  it('says no to pages, other XML, other JSON and media', () => {
    expect(looksLikeFeed(fixture('not-a-feed.html'), 'text/html')).toBe(false);
    expect(looksLikeFeed(bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml')).toBe(false);
    expect(looksLikeFeed(bytes('<?xml version="1.0"?><opml version="2.0"/>'), 'text/xml')).toBe(false);
    expect(looksLikeFeed(bytes('{"items": []}'), 'application/json')).toBe(false);
    expect(looksLikeFeed(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toBe(false);
    expect(looksLikeFeed(bytes(''), null)).toBe(false);
  });
});
