// Feeds through the app's core, as the renderer drives them: subscribe, items saved for offline
// reading (a full-content item from its body with its images, a teaser from its fetched page),
// rename, folders, unread counts, unsubscribe.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core.ts';
import type { Article, Feed, ListPage, Result } from '../../../electron/ipc/api.ts';
import { loopbackOnly, startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';

const PNG = readFileSync(join(import.meta.dirname, '../../fixtures/images/photo-1.png'));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function setup(): Promise<{ core: Core; server: FixtureServer }> {
  const server = await startFixtureServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-feeds-'));
  const core = createCore({ dataDir, rendererDir: join(dataDir, 'none'), allowFetch: loopbackOnly, refreshFeeds: false });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => server.close(), () => core.close());
  return { core, server };
}

const paragraphs = (topic: string) =>
  Array.from({ length: 6 }, (_, n) => `<p>${topic} paragraph ${n} has sentences enough to be read as the body of an article, and a few more.</p>`).join('');

describe('feeds in the app', () => {
  it('saves full-content items with their images and fetches the pages of teasers', async () => {
    const { core, server } = await setup();
    server.route('/img/tomato.png', { headers: { 'content-type': 'image/png' }, body: PNG });
    server.route('/posts/teaser', { body: `<!doctype html><html><head><title>Teaser post</title></head><body><article><h1>Teaser post</h1>${paragraphs('Fetched page')}</article></body></html>` });
    server.route('/feed.json', {
      headers: { 'content-type': 'application/feed+json' },
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Kitchen Garden',
        home_page_url: server.url('/'),
        items: [
          { id: '1', url: server.url('/posts/full'), title: 'Full post', content_html: `<p><img src="${server.url('/img/tomato.png')}" alt="A tomato"></p>${paragraphs('Feed body')}`, date_published: '2026-05-01T08:00:00Z' },
          { id: '2', url: server.url('/posts/teaser'), title: 'Teaser post', summary: 'Read on the site.', date_published: '2026-05-02T08:00:00Z' },
        ],
      }),
    });
    const feed = value<Feed>(await core.invoke('addFeed', [server.url('/feed.json'), null]));
    expect(feed).toMatchObject({ title: 'Kitchen Garden', unread: 2 });
    await core.idle();

    const page = value<ListPage>(await core.invoke('listArticles', [{ view: 'all', feed: feed.id }]));
    expect(page.items.map((a) => [a.title, a.status])).toEqual([['Teaser post', 'done'], ['Full post', 'done']]);
    const full = value<Article>(await core.invoke('getArticle', [page.items[1]!.id]));
    expect(full.html).toContain('Feed body paragraph 0');
    expect(full.html).toMatch(/<img[^>]+src="\/assets\/[0-9a-f]{64}"/);
    expect(full.publishedAt).toBe('2026-05-01T08:00:00.000Z');
    const teaser = value<Article>(await core.invoke('getArticle', [page.items[0]!.id]));
    expect(teaser.html).toContain('Fetched page paragraph 0');
    // The page itself was fetched for the teaser only.
    expect(server.hits.get('/posts/teaser')).toBe(1);
    expect(server.hits.get('/posts/full')).toBeUndefined();
  });

  it('renames, files into folders, counts unread, and unsubscribes keeping what the reader kept', async () => {
    const { core, server } = await setup();
    const items = [1, 2, 3].map((n) => `<item><guid>${n}</guid><title>Post ${n}</title><link>${server.url(`/p/${n}`)}</link><description>${'Words of the post. '.repeat(40)}</description></item>`);
    server.route('/rss', { headers: { 'content-type': 'application/rss+xml' }, body: `<rss version="2.0"><channel><title>Notes</title>${items.join('')}</channel></rss>` });
    for (const n of [1, 2, 3]) server.route(`/p/${n}`, { body: `<!doctype html><title>Post ${n}</title><article><h1>Post ${n}</h1>${paragraphs(`Post ${n}`)}</article>` });
    const feed = value<Feed>(await core.invoke('addFeed', [server.url('/rss'), null]));
    await core.idle();
    const renamed = value<Feed>(await core.invoke('updateFeed', [feed.id, { title: 'My notes', folder: 'Reading' }]));
    expect(renamed).toMatchObject({ title: 'My notes', folder: 'Reading', unread: 3 });

    const list = value<ListPage>(await core.invoke('listArticles', [{ view: 'all', feed: feed.id }]));
    const [first, second] = list.items;
    value(await core.invoke('setArchived', [first!.id, true]));
    value(await core.invoke('setStarred', [second!.id, true]));
    expect(value<Feed[]>(await core.invoke('listFeeds', []))[0]).toMatchObject({ unread: 2 });

    expect(value(await core.invoke('removeFeed', [feed.id]))).toEqual({ removed: 1, kept: 2 });
    expect(value<Feed[]>(await core.invoke('listFeeds', []))).toEqual([]);
    const left = value<ListPage>(await core.invoke('listArticles', [{ view: 'all' }]));
    expect(left.items.map((a) => a.id).sort()).toEqual([first!.id, second!.id].sort());
  });

  it('refuses a feed on the local network when captures may not go there, with a reason', async () => {
    const { core } = await setup();
    const result = await core.invoke('addFeed', ['http://10.0.0.1/feed.xml', null]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/not an allowed destination/);
  });
});
