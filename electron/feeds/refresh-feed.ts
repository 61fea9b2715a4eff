// Subscribing and refreshing: one fetch of a feed (conditional, through the same limits and
// local-network guard as page captures), its new items turned into articles, retention applied.
import { createHash } from 'node:crypto';
import { CaptureError } from '../capture/capture-error.ts';
import type { FetchedResource, FetchLimits, fetchResource } from '../capture/fetching/fetch-resource.ts';
import { normalizeUrl, tryNormalizeUrl } from '../capture/normalize-url.ts';
import type { Library } from '../library/library.ts';
import type { Feed, FeedRefreshResult } from '../shared/feed.ts';
import { commonFeedUrls, discoverFeedLinks, looksLikeFeed } from './discover-feeds.ts';
import { FeedError } from './feed-error.ts';
import { carriesFullContent, parseFeed, type ParsedFeed, type ParsedFeedItem } from './parse-feed.ts';

export interface FeedDeps {
  library: Library;
  fetcher: typeof fetchResource;
  now?: () => Date;
  signal?: AbortSignal;
}

/** Feeds are small; a 5 MB one is already a decade of posts. */
export const FEED_LIMITS: Partial<FetchLimits> = { maxBytes: 5 * 1024 * 1024, maxDecodedBytes: 20 * 1024 * 1024, totalTimeoutMs: 30_000 };
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.3';
/** A healthy feed is checked this often. */
export const REFRESH_INTERVAL_MS = 60 * 60 * 1000;
/** A failing one waits twice as long after each failure, up to a day. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;
/** New items taken from one fetch: a first fetch of a feed with years of history takes the newest. */
export const MAX_NEW_ITEMS = 200;
/** Common paths tried when a site's page names no feed, and feeds tried of those it names. */
const MAX_GUESSES = 6;
const MAX_ADVERTISED = 5;

export const backoffMs = (failures: number): number => Math.min(REFRESH_INTERVAL_MS * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);

const later = (now: Date, ms: number): string => new Date(now.getTime() + ms).toISOString();

async function fetchFeed(
  url: string,
  deps: FeedDeps,
  validators: { etag: string | null; lastModified: string | null } = { etag: null, lastModified: null },
  publicOnly = false,
): Promise<FetchedResource> {
  return deps.fetcher(url, {
    publicOnly,
    limits: FEED_LIMITS,
    accept: FEED_ACCEPT,
    ifNoneMatch: validators.etag,
    ifModifiedSince: validators.lastModified,
    // A failing feed is tried again on its own schedule (backing off): no quick retries here,
    // so a refresh the reader asked for answers within one attempt.
    retry: false,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
}

function parsed(response: FetchedResource): ParsedFeed {
  return parseFeed(response.body, { url: response.url, contentType: response.headers['content-type'] ?? null });
}

/**
 * Finds the feed behind an address: the address itself if it is a feed, else the feeds its page
 * advertises, else the usual paths on its site. Throws a FeedError saying what was tried.
 */
export async function discoverFeed(address: string, deps: FeedDeps): Promise<{ url: string; response: FetchedResource; feed: ParsedFeed }> {
  const url = normalizeUrl(address);
  const response = await fetchFeed(url, deps);
  if (looksLikeFeed(response.body, response.mimeType)) return { url: response.url, response, feed: parsed(response) };
  const html = new TextDecoder(response.charset ?? 'utf-8', { fatal: false }).decode(response.body);
  const advertised = discoverFeedLinks(html, response.url).slice(0, MAX_ADVERTISED);
  for (const candidate of [...advertised, ...commonFeedUrls(response.url).slice(0, MAX_GUESSES)]) {
    try {
      // What a page on the internet names is held to the internet too.
      const found = await fetchFeed(candidate, deps, undefined, !response.fromLocalNetwork);
      if (looksLikeFeed(found.body, found.mimeType)) return { url: found.url, response: found, feed: parsed(found) };
    } catch (error: unknown) {
      if (deps.signal?.aborted) throw error;
      // An advertised feed that fails is worth saying; a guessed path that 404s is not.
      if (advertised.includes(candidate) && advertised.length === 1) throw error;
    }
  }
  throw new FeedError('not-a-feed', `No feed found at ${new URL(url).host}: the page names none, and none of the usual feed addresses answered.`);
}

/** Subscribes (by a feed's address or a site's) and takes its items right away. */
export async function subscribe(address: string, folder: string | null, deps: FeedDeps): Promise<{ feed: Feed; created: boolean; result: FeedRefreshResult | null }> {
  const { library } = deps;
  const direct = tryNormalizeUrl(address);
  const existing = direct ? library.feeds.list().find((feed) => feed.url === direct) : undefined;
  if (existing) return { feed: existing, created: false, result: null };
  const found = await discoverFeed(address, deps);
  const { feed, created } = library.feeds.add({ url: found.url, title: found.feed.title, siteUrl: found.feed.siteUrl, folder });
  if (!created) return { feed, created, result: null };
  const result = takeItems(feed.id, found.response, found.feed, deps);
  return { feed: library.feeds.get(feed.id) ?? feed, created, result };
}

/** One refresh of a subscribed feed. Never throws for the feed's own failures: they are recorded. */
export async function refreshFeed(feedId: string, deps: FeedDeps): Promise<FeedRefreshResult> {
  const { library } = deps;
  const now = deps.now?.() ?? new Date();
  const feed = library.feeds.get(feedId);
  if (!feed) return { feedId, outcome: 'failed', added: 0, known: 0, removed: 0, error: 'This feed is no longer subscribed.' };
  try {
    const response = await fetchFeed(feed.url, deps, library.feeds.validators(feedId));
    if (response.status === 304) {
      library.feeds.recordSuccess(feedId, { nextCheckAt: later(now, REFRESH_INTERVAL_MS) }, now.toISOString());
      const removed = applyRetention(feedId, deps, now);
      return { feedId, outcome: 'not-modified', added: 0, known: 0, removed, error: null };
    }
    return takeItems(feedId, response, parsed(response), deps);
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    const reason = feedErrorMessage(error);
    library.feeds.recordFailure(feedId, reason, (failures) => later(now, backoffMs(failures)), now.toISOString());
    return { feedId, outcome: 'failed', added: 0, known: 0, removed: 0, error: reason };
  }
}

export function feedErrorMessage(error: unknown): string {
  if (error instanceof FeedError) return error.message;
  if (error instanceof CaptureError) return error.message.replace(/^Could not save(?: this page)?:?\s*/i, 'Could not fetch the feed: ').replace(/so it could not be saved/, 'so the feed could not be fetched');
  console.error('feed refresh failed', error);
  return 'Could not refresh this feed (unexpected error).';
}

/** The key an item is remembered by: its GUID, else its address, else what it says. */
function itemKey(item: ParsedFeedItem, url: string | null): string {
  if (item.guid) return `guid:${item.guid.slice(0, 1000)}`;
  if (url) return `url:${url}`;
  return `hash:${createHash('sha256').update(`${item.title ?? ''}\n${item.publishedAt ?? ''}\n${item.summaryHtml ?? ''}`).digest('hex')}`;
}

function takeItems(feedId: string, response: FetchedResource, feed: ParsedFeed, deps: FeedDeps): FeedRefreshResult {
  const { library } = deps;
  const now = deps.now?.() ?? new Date();
  const settings = library.feeds.get(feedId);
  let added = 0;
  let known = 0;
  // Unsubscribed while this fetch was under way: its items have nowhere to go.
  if (!settings) return { feedId, outcome: 'failed', added: 0, known: 0, removed: 0, error: 'This feed is no longer subscribed.' };
  library.batch(() => {
    // Oldest first, so the library's insertion order follows the feed's.
    const fresh: Array<{ item: ParsedFeedItem; url: string; key: string }> = [];
    for (const item of feed.items) {
      const url = item.url ? tryNormalizeUrl(item.url) : null;
      const key = itemKey(item, url);
      if (!url || library.feeds.seen(feedId, key, url) || fresh.some((f) => f.key === key || f.url === url)) {
        known++;
        continue;
      }
      fresh.push({ item, url, key });
    }
    // Newest first, whatever order the feed lists them in; beyond the newest MAX_NEW_ITEMS, items
    // are remembered as seen, so an old archive does not trickle in on later refreshes.
    fresh.sort((a, b) => (b.item.publishedAt ?? '').localeCompare(a.item.publishedAt ?? ''));
    for (const { url, key } of fresh.slice(MAX_NEW_ITEMS)) library.feeds.remember(feedId, key, url, null, now.toISOString());
    for (const { item, url, key } of fresh.slice(0, MAX_NEW_ITEMS).reverse()) {
      const published = item.publishedAt && item.publishedAt <= now.toISOString() ? item.publishedAt : null;
      const { article, created } = library.addPending(url, published, { title: item.title, feedId });
      library.feeds.remember(feedId, key, url, article.id, now.toISOString());
      if (!created) {
        known++;
        continue;
      }
      added++;
      // The feed's own body is the article when it is the whole of it, or when the reader
      // asked not to fetch pages; otherwise the page is fetched, as a saved link would be.
      const body = carriesFullContent(item) ? item.contentHtml : settings?.fetchFull === false ? (item.contentHtml ?? item.summaryHtml) : null;
      if (body) {
        library.setPendingContent(article.id, {
          html: body, text: null, byline: item.author, siteName: feed.title, excerpt: null, publishedAt: published, lang: null, wordCount: null,
        });
      }
    }
    const validators = { etag: response.headers.etag ?? null, lastModified: response.headers['last-modified'] ?? null };
    library.feeds.recordSuccess(
      feedId,
      { ...validators, title: feed.title, siteUrl: feed.siteUrl, local: response.fromLocalNetwork, nextCheckAt: later(now, REFRESH_INTERVAL_MS) },
      now.toISOString(),
    );
  });
  const removed = applyRetention(feedId, deps, now);
  return { feedId, outcome: 'updated', added, known, removed, error: null };
}

function applyRetention(feedId: string, deps: FeedDeps, now: Date): number {
  const feed = deps.library.feeds.get(feedId);
  if (!feed) return 0;
  return deps.library.batch(() => deps.library.removeExpiredFeedArticles(feedId, { keepDays: feed.keepDays, keepItems: feed.keepItems }, now));
}
