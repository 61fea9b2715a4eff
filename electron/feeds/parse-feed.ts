// A fetched feed (RSS 0.9x/2.0, RSS 1.0 RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1) as the items the
// library saves. feedsmith parses (it won on our broken fixtures: scripts/compare-feed-parsers.ts);
// this file decodes the bytes for it and maps its per-format output onto one shape: absolute
// http(s) links, plain-text titles, ISO dates.
import { XMLParser } from 'fast-xml-parser';
import { parseFeed as feedsmithParse, type AnyFeed, type AtomFeed, type JsonFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import { FeedError } from './feed-error.ts';
import { closeTruncated, decodeFeedBytes, rootElementName, trimToDocument } from './feed-text.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import { chainBase, feedDate, htmlToText, nonEmpty, plainText, webUrl } from './feed-values.ts';

export interface ParsedFeedItem {
  /** The item's id/guid as given (trimmed), or null when it has none. */
  guid: string | null;
  /** Absolute http(s) link to the article, or null. */
  url: string | null;
  /** Plain text, markup and entities decoded, on one line. */
  title: string | null;
  author: string | null;
  /** ISO 8601; the updated date when there is no published one. */
  publishedAt: string | null;
  summaryHtml: string | null;
  contentHtml: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string | null;
  /** The site's home page (absolute http(s)). */
  siteUrl: string | null;
  items: ParsedFeedItem[];
}

export interface FeedSource {
  /** Where the feed was fetched from (after redirects): relative links resolve against it. */
  url: string;
  contentType?: string | null;
}

/** Below this many characters of text, content without pictures is a teaser, not the article. */
const FULL_CONTENT_MIN_TEXT = 300;
const MEDIA = /<(img|figure|picture|video|iframe|pre|table)\b/i;
// How feeds end an excerpt: "…", "[…]", "Read more", "Continue reading →", "(more…)".
const TEASER_END = /(…|\.\.\.|\[(…|\.\.\.)\]|\b(read|see|view) more|continue reading|keep reading|\bread the (full|rest)\b.*|\(more…?\))\W*$/i;

const wholeText = (markup: string): string => htmlToText(markup).replace(/\s+/g, ' ').trim();

export function carriesFullContent(item: ParsedFeedItem): boolean {
  if (!item.contentHtml) return false;
  const text = wholeText(item.contentHtml);
  if (!text && !MEDIA.test(item.contentHtml)) return false;
  if (TEASER_END.test(text.slice(-80))) return false;
  const summary = item.summaryHtml ? wholeText(item.summaryHtml) : null;
  // Some feeds copy the summary into content: that is still only a summary.
  if (summary !== null && text === summary) return false;
  // With no summary beside it, the content is all the feed has to say (a short post is whole).
  return summary === null || text.length >= FULL_CONTENT_MIN_TEXT || MEDIA.test(item.contentHtml);
}

/** The text a feed parser should see: decoded, and cut to the document (XML) or trimmed (JSON). */
export function feedText(body: Uint8Array, contentType?: string | null): { text: string; json: boolean } {
  const { text } = decodeFeedBytes(body, contentType);
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return { text: trimmed.trimEnd(), json: true };
  return { text: trimToDocument(trimmed), json: false };
}

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'rdf', 'channel']);

/** Why text that did not parse is not a feed, or null when it looked like one and broke. */
function notAFeedReason(text: string, json: boolean): string | null {
  if (!text.trim()) return 'The response was empty.';
  if (json) return null;
  const name = rootElementName(text);
  const root = name && /^[a-z_][\w.:-]*$/i.test(name) ? name.toLowerCase() : null;
  if (root === 'html' || (!root && /<html[\s>]/i.test(text.slice(0, 4096))) || /^<!doctype html/i.test(text)) return 'This address is a web page, not a feed.';
  if (!root) return 'The response is not a feed (it is not XML or JSON).';
  if (!FEED_ROOTS.has(root) && !FEED_ROOTS.has(root.replace(/^[^:]+:/, ''))) return `The response is an XML document (<${root}>), not an RSS, Atom or JSON feed.`;
  return null;
}

export function parseFeed(body: Uint8Array, options: FeedSource): ParsedFeed {
  const { text, json } = feedText(body, options.contentType);
  return parseFeedText(text, json, options.url);
}

/** The parse after the bytes → text step (exported for scripts/compare-feed-parsers.ts). */
export function parseFeedText(text: string, json: boolean, url: string): ParsedFeed {
  const refusal = notAFeedReason(text, json);
  if (refusal) throw new FeedError('not-a-feed', refusal);
  const parsed = json ? parseJsonFeed(text) : parseXmlFeed(text);
  const feed = parsed.format === 'rss' ? fromRss(parsed.feed, url, channelBase(text))
    : parsed.format === 'rdf' ? fromRdf(parsed.feed, url, channelBase(text))
    : parsed.format === 'atom' ? fromAtom(parsed.feed, url)
    : fromJson(parsed.feed, url);
  return { ...feed, items: withoutRepeats(feed.items) };
}

function parseJsonFeed(text: string): AnyFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedError('unreadable', 'The feed’s JSON is broken and cannot be read.', { cause: error });
  }
  try {
    return feedsmithParse(value);
  } catch (error) {
    throw new FeedError('not-a-feed', 'The response is JSON, but not a JSON Feed.', { cause: error });
  }
}

function parseXmlFeed(text: string): AnyFeed {
  try {
    return feedsmithParse(text);
  } catch (error) {
    // fast-xml-parser (under feedsmith) gives up on a document that ends mid-tag or mid-CDATA.
    const closed = closeTruncated(text);
    if (closed) {
      try {
        return feedsmithParse(closed);
      } catch {
        // Reported as the original failure below.
      }
    }
    throw new FeedError('unreadable', 'The feed is too damaged to read: its XML breaks off or is malformed before any item in it.', { cause: error });
  }
}

// feedsmith keeps the xml:base of <rss> and of each item, not the one on <channel> between them.
const channelReader = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: ['*.item', '*.entry'],
  transformTagName: (name) => name.toLowerCase(),
});

function channelBase(text: string): string | null {
  if (!text.includes('xml:base')) return null;
  try {
    const doc = channelReader.parse(text) as Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
    const root = doc.rss ?? doc['rdf:rdf'];
    const channel = root && typeof root === 'object' ? root.channel : undefined;
    const base = channel && typeof channel === 'object' && !Array.isArray(channel) ? channel['@xml:base'] : undefined;
    return typeof base === 'string' ? base : null;
  } catch {
    return null;
  }
}

/** A feed that lists an item twice (same GUID, or same link when it has no GUID) lists it once. */
export function withoutRepeats(items: ParsedFeedItem[]): ParsedFeedItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.guid ? `guid:${item.guid}` : item.url ? `url:${item.url}` : null;
    if (!key) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const first = <T>(list: readonly T[] | undefined): T | undefined => (Array.isArray(list) ? list[0] : undefined);
const html = (raw: unknown): string | null => (typeof raw === 'string' && raw.trim() ? raw : null);

// --- RSS 0.9x/2.0 and RSS 1.0 ------------------------------------------------------------------

type RssItem = RssFeed.Item<string>;

/** RSS <author> is "email (Name)"; a bare email is a name of last resort. */
function rssPerson(person: RssFeed.Person | undefined): string | null {
  return plainText(person?.name, true) ?? plainText(person?.email, true);
}

function rssItem(item: RssItem, feedBase: string | null): ParsedFeedItem {
  const base = chainBase(item.xml?.base, feedBase);
  const guid = nonEmpty(item.guid?.value);
  const alternate = item.atom?.links?.find((link) => !link.rel || link.rel === 'alternate')?.href;
  // A GUID is a permalink unless it says otherwise (RSS 2.0): an absolute one stands in for a missing link.
  const permalink = guid && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? webUrl(guid, null) : null;
  return {
    guid,
    url: webUrl(item.link, base) ?? webUrl(alternate, base) ?? permalink,
    title: plainText(item.title, true),
    author: plainText(first(item.dc?.creators), true) ?? rssPerson(first(item.authors)) ?? plainText(item.itunes?.author, true),
    publishedAt: feedDate(item.pubDate) ?? feedDate(first(item.dc?.dates)) ?? feedDate(item.atom?.published) ?? feedDate(item.atom?.updated) ?? feedDate(item.dcterms?.modified),
    summaryHtml: html(item.description) ?? html(item.itunes?.summary),
    contentHtml: html(item.content?.encoded),
  };
}

function fromRss(feed: RssFeed.Feed<string>, url: string, channel: string | null): ParsedFeed {
  const base = chainBase(channel, chainBase(feed.xml?.base, url));
  const alternate = feed.atom?.links?.find((link) => link.rel === 'alternate')?.href;
  return {
    format: 'rss',
    title: plainText(feed.title, true),
    siteUrl: webUrl(feed.link, base) ?? webUrl(alternate, base),
    items: (feed.items ?? []).map((item) => rssItem(item, base)),
  };
}

function fromRdf(feed: RdfFeed.Feed<string>, url: string, channel: string | null): ParsedFeed {
  const base = chainBase(channel, chainBase(feed.xml?.base, url));
  return {
    format: 'rdf',
    title: plainText(feed.title, true),
    siteUrl: webUrl(feed.link, base),
    items: (feed.items ?? []).map((item) => {
      const itemBase = chainBase(item.xml?.base, base);
      return {
        guid: null,
        url: webUrl(item.link, itemBase) ?? webUrl(item.rdf?.about, itemBase),
        title: plainText(item.title, true),
        author: plainText(first(item.dc?.creators), true),
        publishedAt: feedDate(first(item.dc?.dates)) ?? feedDate(item.dcterms?.modified),
        summaryHtml: html(item.description),
        contentHtml: html(item.content?.encoded),
      };
    }),
  };
}

// --- Atom 0.3/1.0 ------------------------------------------------------------------------------

/** Atom text constructs: "text" (the default) is literal, "html" and "xhtml" are markup. */
const isMarkup = (type: string | undefined): boolean => !!type && /html/i.test(type);

function atomTitle(text: AtomFeed.Text | undefined): string | null {
  return plainText(text?.value, isMarkup(text?.type));
}

function atomHtml(text: AtomFeed.Text | AtomFeed.Content | undefined): string | null {
  const value = html(text?.value);
  if (!value) return null;
  if (isMarkup(text?.type)) return value;
  // Plain text, or no type at all (Atom's default is text); other media types are not articles.
  return !text?.type || /^text(\/plain)?$/i.test(text.type) ? `<p>${escapeHtml(value)}</p>` : null;
}

/** The entry's page: rel="alternate" (or no rel), HTML first. */
function atomLink(links: AtomFeed.Link<string>[] | undefined, base: string | null): string | null {
  const alternates = (links ?? []).filter((link) => !link.rel || link.rel === 'alternate');
  const page = alternates.find((link) => !link.type || /html/i.test(link.type)) ?? alternates[0];
  return webUrl(page?.href, base);
}

function fromAtom(feed: AtomFeed.Feed<string>, url: string): ParsedFeed {
  const base = chainBase(feed.xml?.base, url);
  const feedAuthor = plainText(first(feed.authors)?.name, false);
  return {
    format: 'atom',
    title: atomTitle(feed.title),
    siteUrl: atomLink(feed.links, base),
    items: (feed.entries ?? []).map((entry) => {
      const entryBase = chainBase(entry.xml?.base, base);
      return {
        guid: nonEmpty(entry.id),
        url: atomLink(entry.links, entryBase),
        title: atomTitle(entry.title),
        // An entry without an author has the feed's (RFC 4287 4.2.1).
        author: plainText(first(entry.authors)?.name, false) ?? plainText(first(entry.dc?.creators), true) ?? feedAuthor,
        publishedAt: feedDate(entry.published) ?? feedDate(entry.updated) ?? feedDate(first(entry.dc?.dates)),
        summaryHtml: atomHtml(entry.summary),
        contentHtml: atomHtml(entry.content),
      };
    }),
  };
}

// --- JSON Feed 1.0/1.1 -------------------------------------------------------------------------

const jsonAuthors = (authors: JsonFeed.Author[] | undefined): string | null =>
  plainText((authors ?? []).map((author) => plainText(author?.name, false)).filter(Boolean).join(', '), false);

function fromJson(feed: JsonFeed.Feed<string>, base: string): ParsedFeed {
  const feedAuthor = jsonAuthors(feed.authors);
  const items = (Array.isArray(feed.items) ? feed.items : []).filter((item): item is JsonFeed.Item<string> => !!item && typeof item === 'object');
  return {
    format: 'json',
    title: plainText(feed.title, true),
    siteUrl: webUrl(feed.home_page_url, base),
    items: items.map((item) => ({
      guid: nonEmpty(item.id),
      url: webUrl(item.url, base) ?? webUrl(item.external_url, base),
      title: plainText(item.title, true),
      author: jsonAuthors(item.authors) ?? feedAuthor,
      publishedAt: feedDate(item.date_published) ?? feedDate(item.date_modified),
      summaryHtml: typeof item.summary === 'string' && item.summary.trim() ? `<p>${escapeHtml(item.summary)}</p>` : null,
      contentHtml: html(item.content_html) ?? (typeof item.content_text === 'string' && item.content_text.trim() ? `<p>${escapeHtml(item.content_text)}</p>` : null),
    })),
  };
}
