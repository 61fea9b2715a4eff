// Subscribing and refreshing against a real loopback server: discovery, conditional requests,
// de-duplication, full content versus summaries, failures and their backoff.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchResource } from '../../../electron/capture/fetching/fetch-resource.ts';
import { backoffMs, refreshFeed, REFRESH_INTERVAL_MS, subscribe } from '../../../electron/feeds/refresh-feed.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { join } from 'node:path';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { extractArticle } from '../../../electron/capture/extraction/extract-article.ts';
import { AssetKeeper } from '../../../electron/jobs/asset-keeper.ts';
import { runCaptureJob } from '../../../electron/jobs/capture-job.ts';
import { freshLibrary } from '../library/helpers.ts';

const servers: FixtureServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

interface Item {
  guid?: string;
  link: string;
  title: string;
  summary?: string;
  content?: string;
  date?: string;
}

const rss = (items: Item[]) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Garden Notes</title><link>https://garden.example/</link><description>Notes</description>
${items
  .map(
    (i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}
<pubDate>${i.date ?? 'Mon, 01 Jun 2026 10:00:00 GMT'}</pubDate>
${i.summary ? `<description><![CDATA[${i.summary}]]></description>` : ''}
${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;

const longBody = (topic: string) =>
  Array.from({ length: 6 }, (_, n) => `<p>${topic} paragraph ${n}: a full article body with enough sentences to stand on its own as the article, and then some more words.</p>`).join('');

/** A feed server that honours If-None-Match, and records what it was asked. */
async function feedServer(initial: Item[]) {
  let items = initial;
  let version = 1;
  const conditional: Array<string | undefined> = [];
  const server = await startFixtureServer({
    '/': { body: `<!doctype html><html><head><title>Garden</title><link rel="alternate" type="application/rss+xml" title="Garden Notes" href="/feed.xml"></head><body><p>Home</p></body></html>` },
    '/feed.xml': (req: IncomingMessage, res: ServerResponse) => {
      conditional.push(req.headers['if-none-match']);
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(rss(items));
    },
  });
  servers.push(server);
  return {
    server,
    conditional,
    publish(next: Item[]) {
      items = next;
      version++;
    },
  };
}

type Lib = ReturnType<typeof freshLibrary>['lib'];
const deps = (lib: Lib, now = new Date('2026-06-02T00:00:00Z')) => ({ library: lib, fetcher: fetchResource, now: () => now });

describe('feeds', () => {
  it('subscribes by a site address through its <link rel="alternate">, and takes its items', async () => {
    const { server } = await feedServer([
      { guid: 'a', link: 'https://garden.example/a', title: 'First post', content: longBody('Seedlings') },
      { guid: 'b', link: 'https://garden.example/b', title: 'Second post', summary: '<p>Just a teaser.</p>' },
    ]);
    const { lib } = freshLibrary();
    const { feed, created, result } = await subscribe(server.url('/'), 'Hobbies', deps(lib));
    expect(created).toBe(true);
    expect(feed).toMatchObject({ url: server.url('/feed.xml'), title: 'Garden Notes', folder: 'Hobbies', unread: 2, error: null });
    expect(result).toMatchObject({ outcome: 'updated', added: 2, known: 0 });
    const items = lib.list({ view: 'all', feed: feed.id }).items;
    expect(items.map((a) => [a.title, a.status]).sort()).toEqual([['First post', 'pending'], ['Second post', 'pending']]);
    // A full-content item is saved from its own body; a teaser waits for its page to be fetched.
    const byTitle = new Map(items.map((a) => [a.title, a.id]));
    expect(lib.pendingContent(byTitle.get('First post')!)?.html).toContain('Seedlings paragraph 0');
    expect(lib.pendingContent(byTitle.get('Second post')!)).toBeNull();
    // Subscribing again answers the same feed.
    expect((await subscribe(server.url('/feed.xml'), null, deps(lib))).created).toBe(false);
  });

  it('asks conditionally, takes only new items, and de-duplicates by GUID and by address', async () => {
    const feed = await feedServer([{ guid: 'a', link: 'https://garden.example/a', title: 'First', content: longBody('One') }]);
    const { lib } = freshLibrary();
    const { feed: subscribed } = await subscribe(feed.server.url('/feed.xml'), null, deps(lib));

    const unchanged = await refreshFeed(subscribed.id, deps(lib));
    expect(unchanged).toMatchObject({ outcome: 'not-modified', added: 0 });
    expect(feed.conditional.at(-1)).toBe('"v1"');

    feed.publish([
      { guid: 'c', link: 'https://garden.example/c', title: 'Third', content: longBody('Three') },
      // Same GUID, another address: still the first item.
      { guid: 'a', link: 'https://garden.example/a-renamed', title: 'First (edited)', content: longBody('One') },
      // No GUID, an address already taken in this round.
      { link: 'https://garden.example/c', title: 'Third again' },
    ]);
    const updated = await refreshFeed(subscribed.id, deps(lib));
    expect(updated).toMatchObject({ outcome: 'updated', added: 1, known: 2 });
    expect(lib.list({ view: 'all', feed: subscribed.id }).items.map((a) => a.title).sort()).toEqual(['First', 'Third']);
  });

  it('a failing feed records why, backs off, and recovers', async () => {
    const feed = await feedServer([{ guid: 'a', link: 'https://garden.example/a', title: 'First', content: longBody('One') }]);
    const { lib } = freshLibrary();
    const now = new Date('2026-06-02T00:00:00Z');
    const { feed: subscribed } = await subscribe(feed.server.url('/feed.xml'), null, deps(lib, now));
    feed.server.route('/feed.xml', { status: 404, headers: { 'content-type': 'text/plain' }, body: 'gone' });
    const failed = await refreshFeed(subscribed.id, deps(lib, now));
    expect(failed.outcome).toBe('failed');
    expect(failed.error).toMatch(/not found.*404/);
    expect(lib.feeds.get(subscribed.id)).toMatchObject({ failures: 1, error: failed.error });
    await refreshFeed(subscribed.id, deps(lib, now));
    const afterTwo = lib.feeds.get(subscribed.id)!;
    expect(afterTwo.failures).toBe(2);
    expect(Date.parse(afterTwo.nextCheckAt) - now.getTime()).toBe(backoffMs(2));
    expect(backoffMs(2)).toBe(2 * REFRESH_INTERVAL_MS);
    // An HTML page where the feed was is a failure with its own reason.
    feed.server.route('/feed.xml', { body: '<html><body>Moved</body></html>' });
    expect((await refreshFeed(subscribed.id, deps(lib, now))).error).toBeTruthy();
    feed.server.route('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, body: rss([{ guid: 'z', link: 'https://garden.example/z', title: 'Back', content: longBody('Back') }]) });
    expect(await refreshFeed(subscribed.id, deps(lib, now))).toMatchObject({ outcome: 'updated', added: 1 });
    expect(lib.feeds.get(subscribed.id)).toMatchObject({ failures: 0, error: null });
  });

  it('a feed from the internet cannot send its items into the local network', async () => {
    const feed = await feedServer([]);
    const page = `<!doctype html><title>Router</title><article><h1>Router</h1>${longBody('Admin')}</article>`;
    feed.server.route('/admin', { body: page });
    feed.publish([{ guid: 'x', link: feed.server.url('/admin'), title: 'Looks harmless', summary: '<p>teaser</p>' }]);
    const { lib, dir } = freshLibrary();
    // The same loopback server, as if it had answered from the internet.
    const fromInternet: typeof fetchResource = async (url, options) => ({ ...(await fetchResource(url, options)), fromLocalNetwork: false });
    const { feed: subscribed } = await subscribe(feed.server.url('/feed.xml'), null, { library: lib, fetcher: fromInternet });
    const [item] = lib.list({ view: 'all', feed: subscribed.id }).items;
    expect(lib.feeds.articleFeedIsLocal(item!.id)).toBe(false);
    await runCaptureJob(item!.id, new AbortController().signal, {
      library: lib, keeper: new AssetKeeper(new AssetStore(join(dir, 'assets')), lib), fetcher: fetchResource,
      extract: async (html, url) => extractArticle(html, url), closing: () => false, online: () => true,
      onProgress: () => undefined, onChanged: () => undefined,
    });
    expect(lib.summary(item!.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/local network/) });
    expect(feed.server.hits.get('/admin')).toBeUndefined();
  });

  it('a site with no feed is a clear error, and nothing is subscribed', async () => {
    const server = await startFixtureServer({ '/': { body: '<!doctype html><html><head><title>No feed</title></head><body><p>Hi</p></body></html>' } });
    servers.push(server);
    const { lib } = freshLibrary();
    await expect(subscribe(server.url('/'), null, deps(lib))).rejects.toThrow(/No feed found/);
    expect(lib.feeds.list()).toEqual([]);
  });
});
