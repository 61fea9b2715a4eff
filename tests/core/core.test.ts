// The whole core as the renderer sees it: invoke() with validation, capture jobs against a
// real loopback server, a real SQLite file, cached images served by the app handler.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core.ts';
import type { ApiEventName, Article, ArticleSummary, ImportSummary, ListPage, ReaderPreferences, Result } from '../../electron/ipc/api.ts';
import { loopbackOnly, startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const page = readFileSync(join(fixtures, 'pages', 'wordpress-news', 'source.html'));
const photo1 = readFileSync(join(fixtures, 'images', 'photo-1.png'));
const photo2 = readFileSync(join(fixtures, 'images', 'photo-2.jpg'));

const open: Array<Core | FixtureServer> = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
});

async function setup(dataDir = mkdtempSync(join(tmpdir(), 'lectern-core-'))) {
  const core = createCore({ dataDir, rendererDir: join(dataDir, 'no-renderer'), allowFetch: loopbackOnly });
  open.push(core);
  return { core, dataDir };
}

async function serveNews() {
  const server = await startFixtureServer({
    '/2026/11/river-barrier': { body: page },
    '/images/photo-1.png': { headers: { 'content-type': 'image/png' }, body: photo1 },
    '/images/photo-2.jpg': { headers: { 'content-type': 'image/jpeg' }, body: photo2 },
    '/gone': { status: 404, body: 'nothing here' },
  });
  open.push(server);
  return server;
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('core', () => {
  it('refuses unknown operations and invalid arguments with typed errors', async () => {
    const { core } = await setup();
    expect(await core.invoke('dropDatabase', [])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await core.invoke('getArticle', [42])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await core.invoke('setStarred', ['not-a-uuid', true])).toMatchObject({ ok: false });
    expect(await core.invoke('listArticles', [{ view: 'unread', evil: 1 }])).toMatchObject({ ok: false });
    const bad = await core.invoke('saveUrl', ['javascript:alert(1)']);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(value<ListPage>(await core.invoke('listArticles', [{ view: 'all' }])).items).toHaveLength(0);
  });

  it('saves a page with its images, then reads it with the server gone', async () => {
    const server = await serveNews();
    const { core, dataDir } = await setup();
    const events: ApiEventName[] = [];
    core.on((event) => events.push(event));

    const saved = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/2026/11/river-barrier?utm_source=x')]));
    expect(saved.status).toBe('pending');
    await core.idle();
    const article = value<Article>(await core.invoke('getArticle', [saved.id]));
    expect(article.status).toBe('done');
    expect(article.url).not.toContain('utm_source');
    expect(article.html).not.toMatch(/Must Read|LEAVE A REPLY/i);
    const images = [...article.html.matchAll(/src="(\/assets\/[0-9a-f]{64})"/g)].map((m) => m[1]!);
    expect(new Set(images).size).toBe(2);
    expect(events).toContain('jobProgress');
    expect(events).toContain('articleChanged');

    // Same page again (tracking parameter aside) is found, not saved twice.
    const again = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/2026/11/river-barrier')]));
    expect(again.id).toBe(saved.id);

    await server.close();
    await core.close();
    open.splice(open.indexOf(core), 1);
    const { core: reopened } = await setup(dataDir);
    const offline = value<Article>(await reopened.invoke('getArticle', [saved.id]));
    expect(offline.html).toBe(article.html);
    const served = await Promise.all(images.map((src) => reopened.handleRequest(new Request(`http://lectern.test${src}`))));
    const bodies = await Promise.all(served.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(bodies.some((b) => b.equals(photo1))).toBe(true);
    expect(bodies.some((b) => b.equals(photo2))).toBe(true);
  });

  it('records a failed fetch with its reason, and retries it', async () => {
    const server = await serveNews();
    const { core } = await setup();
    const saved = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/gone')]));
    await core.idle();
    const failed = value<Article>(await core.invoke('getArticle', [saved.id]));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/404/);

    server.route('/gone', { body: page });
    value(await core.invoke('retryArticle', [saved.id]));
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [saved.id])).status).toBe('done');
  });

  it('stars, archives and deletes, freeing images nothing else uses', async () => {
    const server = await serveNews();
    const { core } = await setup();
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/2026/11/river-barrier')]));
    await core.idle();
    const src = /src="(\/assets\/[0-9a-f]{64})"/.exec(value<Article>(await core.invoke('getArticle', [id])).html)![1]!;

    expect(value<ArticleSummary>(await core.invoke('setStarred', [id, true])).starred).toBe(true);
    expect(value<ListPage>(await core.invoke('listArticles', [{ view: 'starred' }])).items.map((a) => a.id)).toEqual([id]);
    value(await core.invoke('setArchived', [id, true]));
    expect(value<ListPage>(await core.invoke('listArticles', [{ view: 'unread' }])).items).toHaveLength(0);
    expect(value<ListPage>(await core.invoke('listArticles', [{ view: 'archive' }])).items).toHaveLength(1);

    value(await core.invoke('deleteArticle', [id]));
    expect(await core.invoke('getArticle', [id])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await core.handleRequest(new Request(`http://lectern.test${src}`))).status).toBe(404);
  });

  it('never follows a redirect to a host the core may not contact', async () => {
    const server = await serveNews();
    server.route('/bounce', { status: 302, headers: { location: 'http://outside.invalid/story' }, body: '' });
    const { core } = await setup();
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/bounce')]));
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [id]))).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/outside\.invalid is not an allowed destination/),
    });
  });

  it('opens only web links externally', async () => {
    const { core } = await setup();
    expect(await core.invoke('openExternal', ['file:///etc/passwd'])).toMatchObject({ ok: false });
    expect(value<{ opened: boolean }>(await core.invoke('openExternal', ['https://example.com/']))).toEqual({ opened: false });
  });
});

describe('capture queue', () => {
  it('waits while offline and resumes when the network returns', async () => {
    const server = await serveNews();
    const { core } = await setup();
    const changes: boolean[] = [];
    core.on((event, payload) => {
      if (event === 'networkChanged') changes.push((payload as { online: boolean }).online);
    });
    core.setOnline(false);
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/2026/11/river-barrier')]));
    await new Promise((r) => setTimeout(r, 100));
    expect(server.hits.get('/2026/11/river-barrier')).toBeUndefined();
    expect(value(await core.invoke('queueStatus', []))).toEqual({ online: false, waiting: 1, fetching: 0 });

    core.setOnline(true);
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [id])).status).toBe('done');
    expect(changes).toEqual([false, true]);
  });

  it('cancels a capture that hangs, and a retry then succeeds', async () => {
    const server = await serveNews();
    let answer = false;
    server.route('/slow', (_req, res) => {
      if (answer) res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      // otherwise never answer
    });
    const { core } = await setup();
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/slow')]));
    await new Promise((r) => setTimeout(r, 200));
    expect(value(await core.invoke('queueStatus', []))).toMatchObject({ fetching: 1 });
    value(await core.invoke('cancelCapture', [id]));
    await core.idle();
    const cancelled = value<Article>(await core.invoke('getArticle', [id]));
    expect(cancelled).toMatchObject({ status: 'failed', error: 'Cancelled.' });

    answer = true;
    value(await core.invoke('retryArticle', [id]));
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [id])).status).toBe('done');
  });

  it('keeps nothing of an article deleted while it was being fetched', async () => {
    const server = await serveNews();
    const { core } = await setup();
    server.route('/slow', () => undefined);
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/slow')]));
    await new Promise((r) => setTimeout(r, 100));
    value(await core.invoke('deleteArticle', [id]));
    await core.idle();
    expect(await core.invoke('getArticle', [id])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(value<ListPage>(await core.invoke('listArticles', [{ view: 'all' }])).items).toHaveLength(0);
  });

  it('puts a capture cut off by a lost network back in the queue instead of failing it', async () => {
    const server = await serveNews();
    let cut = true;
    let requested!: () => void;
    const seen = new Promise<void>((resolve) => (requested = resolve));
    server.route('/flaky', (req, res) => {
      if (!cut) return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      requested();
      // Hold the request until the test has gone offline, then drop the connection.
      setTimeout(() => req.socket.destroy(), 150);
    });
    const { core } = await setup();
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/flaky')]));
    await seen;
    core.setOnline(false);
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [id])).status).toBe('pending');

    cut = false;
    core.setOnline(true);
    await new Promise((r) => setTimeout(r, 20));
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [id])).status).toBe('done');
  });

  it('resumes a capture interrupted by a quit', async () => {
    const server = await serveNews();
    let hang = true;
    server.route('/interrupted', (_req, res) => {
      if (!hang) res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    const { core, dataDir } = await setup();
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/interrupted')]));
    await new Promise((r) => setTimeout(r, 100));
    await core.close();
    open.splice(open.indexOf(core), 1);

    hang = false;
    const { core: restarted } = await setup(dataDir);
    await new Promise((r) => setTimeout(r, 50));
    await restarted.idle();
    expect(value<Article>(await restarted.invoke('getArticle', [id])).status).toBe('done');
  });

  it('with deferStart, fetches nothing until start(): the app shows its window first', async () => {
    const server = await serveNews();
    const { core, dataDir } = await setup();
    core.setOnline(false);
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/2026/11/river-barrier')]));
    await core.close();
    open.splice(open.indexOf(core), 1);

    const deferred = createCore({ dataDir, rendererDir: join(dataDir, 'no-renderer'), allowFetch: loopbackOnly, deferStart: true });
    open.push(deferred);
    // The network coming back before the window shows does not start the queue either.
    deferred.setOnline(false);
    deferred.setOnline(true);
    await new Promise((r) => setTimeout(r, 300));
    await deferred.idle();
    expect(server.hits.get('/2026/11/river-barrier') ?? 0).toBe(0);
    expect(value<Article>(await deferred.invoke('getArticle', [id])).status).toBe('pending');
    deferred.start();
    deferred.start();
    await new Promise((r) => setTimeout(r, 50));
    await deferred.idle();
    expect(value<Article>(await deferred.invoke('getArticle', [id])).status).toBe('done');
    expect(server.hits.get('/2026/11/river-barrier')).toBe(1);
  });
});

describe('reader preferences', () => {
  it('start from defaults, change in part, persist across restarts and tell every view', async () => {
    const { core, dataDir } = await setup();
    const seen: unknown[] = [];
    core.on((event, payload) => event === 'preferencesChanged' && seen.push(payload));
    const defaults = value<ReaderPreferences>(await core.invoke('getPreferences', []));
    expect(defaults.theme).toBe('system');

    const changed = value<ReaderPreferences>(await core.invoke('setPreferences', [{ theme: 'dark', fontSize: 22, speechRate: 1.5, speechVoice: 'urn:voice:gb' }]));
    expect(changed).toEqual({ ...defaults, theme: 'dark', fontSize: 22, speechRate: 1.5, speechVoice: 'urn:voice:gb' });
    expect(seen).toEqual([changed]);
    expect(await core.invoke('setPreferences', [{ fontSize: 5 }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await core.invoke('setPreferences', [{ colour: 'red' }])).toMatchObject({ ok: false });
    expect(await core.invoke('setPreferences', [{ speechRate: 10 }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });

    await core.close();
    open.splice(open.indexOf(core), 1);
    const { core: restarted } = await setup(dataDir);
    expect(value<ReaderPreferences>(await restarted.invoke('getPreferences', []))).toEqual(changed);
  });

  it('fall back to the default for a stored value that is bad', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lectern-prefs-'));
    writeFileSync(join(dataDir, 'preferences.json'), '{"reader": {"theme": "neon", "fontSize": 20, "constructor": 1, "__proto__": {"x": 1}}}');
    const { core } = await setup(dataDir);
    const prefs = value<ReaderPreferences>(await core.invoke('getPreferences', []));
    expect(prefs.theme).toBe('system');
    expect(prefs.fontSize).toBe(20);
  });
});

describe('backups', () => {
  it('backs the library up once a day, at start, once the library is checked', async () => {
    const { core, dataDir } = await setup();
    await core.checked();
    await core.close();
    open.splice(open.indexOf(core), 1);
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(1);
    const { core: sameDay } = await setup(dataDir);
    await sameDay.checked();
    await sameDay.close();
    open.splice(open.indexOf(sameDay), 1);
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(1);
  });
});

describe('tags and notes', () => {
  it('tags, renames with a merge, lists tags and sites, and keeps a note', async () => {
    const server = await serveNews();
    const { core } = await setup();
    const { id } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/2026/11/river-barrier')]));
    await core.idle();
    expect(value<ArticleSummary>(await core.invoke('addTags', [id, ['Climate', 'cities']])).tags.sort()).toEqual(['Climate', 'cities']);
    expect(await core.invoke('addTags', [id, []])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    // Merged into the existing tag: the answer names the tag as it is stored.
    expect(value(await core.invoke('renameTag', ['cities', 'climate']))).toEqual({ renamed: true, name: 'Climate' });
    expect(value(await core.invoke('listTags', []))).toEqual([{ name: 'Climate', count: 1 }]);
    expect(value(await core.invoke('renameTag', ['no such tag', 'x']))).toEqual({ renamed: false, name: null });
    const long = `${'w'.repeat(70)}  and more`;
    expect(value(await core.invoke('renameTag', ['Climate', long]))).toEqual({ renamed: true, name: 'w'.repeat(64) });
    expect(value(await core.invoke('renameTag', ['w'.repeat(64), 'Climate']))).toEqual({ renamed: true, name: 'Climate' });
    expect(value<ListPage>(await core.invoke('listArticles', [{ view: 'all', tag: 'Climate' }])).items).toHaveLength(1);
    expect(value<{ site: string }[]>(await core.invoke('listSites', [])).map((s) => s.site)).toEqual(['127.0.0.1']);

    value(await core.invoke('setNote', [id, 'Ask the council about the east bank']));
    expect(value<Article>(await core.invoke('getArticle', [id])).note).toBe('Ask the council about the east bank');
    expect(value<ArticleSummary>(await core.invoke('removeTag', [id, 'Climate'])).tags).toEqual([]);
  });
});

describe('import', () => {
  it('imports an export: good rows queued with tags and state, bad rows reported, nothing lost', async () => {
    const server = await serveNews();
    const { core } = await setup();
    const { id: existing } = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/2026/11/river-barrier')]));
    await core.idle();
    value(await core.invoke('setStarred', [existing, true]));

    const csv = [
      'URL,Title,Selection,Folder,Timestamp',
      `${server.url('/2026/11/river-barrier')},Already here,,Archive,1`,
      `${server.url('/gone')},Broken page,,Reading,2`,
      'javascript:alert(1),Evil,,Unread,3',
      '"unterminated,Garbage,,Unread,4',
    ].join('\n');
    const summary = value<ImportSummary>(await core.invoke('importLinks', [csv]));
    expect(summary).toMatchObject({ format: 'instapaper', added: 1, alreadySaved: 1, problemCount: 2 });
    expect(summary.problems).toEqual([
      { row: 4, reason: expect.stringMatching(/javascript:alert\(1\).* is not a web page/) },
      { row: 5, reason: expect.stringMatching(/never closed/) },
    ]);
    await core.idle();

    const all = value<ListPage>(await core.invoke('listArticles', [{ view: 'all' }])).items;
    expect(all).toHaveLength(2);
    // Already saved: it changes only where the row says so (archived), and keeps the rest (its
    // star, its saved page).
    const kept = value<Article>(await core.invoke('getArticle', [existing]));
    expect(kept).toMatchObject({ status: 'done', starred: true, archived: true });
    const imported = all.find((a) => a.id !== existing)!;
    expect(imported).toMatchObject({ status: 'failed', tags: ['Reading'] });
  });

  it('keeps the saved dates an export carries, so the list reads in the order things were saved', async () => {
    const { core } = await setup();
    // Pocket writes the newest first; the oldest link has no date at all.
    const html = `<ul>
      <li><a href="https://news.example/2024" time_added="1710000000">Newest</a></li>
      <li><a href="https://news.example/2019" time_added="1550000000">Middle</a></li>
      <li><a href="https://news.example/undated">Undated</a></li>
      <li><a href="https://news.example/2012" time_added="1330000000">Oldest</a></li></ul>`;
    core.setOnline(false); // the links stay pending: this is about their dates, not their pages
    expect(value<ImportSummary>(await core.invoke('importLinks', [html]))).toMatchObject({ added: 4 });
    const items = value<ListPage>(await core.invoke('listArticles', [{ view: 'all', sort: 'newest' }])).items;
    const undated = items.find((a) => a.url.endsWith('/undated'))!;
    expect(items.filter((a) => a !== undated).map((a) => [a.url.split('/').pop(), a.createdAt])).toEqual([
      ['2024', '2024-03-09T16:00:00.000Z'],
      ['2019', '2019-02-12T19:33:20.000Z'],
      ['2012', '2012-02-23T12:26:40.000Z'],
    ]);
    expect(Date.now() - Date.parse(undated.createdAt)).toBeLessThan(60_000); // no date: saved now
    // A broad search orders the same way (it goes by insertion order): newest saved first.
    const hits = value<{ hits: { article: ArticleSummary }[] }>(await core.invoke('search', ['news.example'])).hits.map((h) => h.article.url.split('/').pop());
    expect(hits.filter((name) => name !== 'undated')).toEqual(['2024', '2019', '2012']);
  });
});

describe('image cache', () => {
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const paragraph = 'The river rose through the night while engineers checked the new barrier, section by section, ' +
    'and residents of the low streets watched the gauges climb toward the mark that flooded them before. ';
  const articlePage = (title: string, images: string[]) =>
    `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
    images.map((src, i) => `<p>${paragraph.repeat(3)}</p><figure><img src="${src}" alt="figure ${i}"></figure>`).join('') +
    `<p>${paragraph.repeat(3)}</p></article></body></html>`;
  const served = async (core: Core, hash: string) => (await core.handleRequest(new Request(`http://lectern.test/assets/${hash}`))).status;

  it('keeps an image a running capture holds when another article using it is deleted', async () => {
    const server = await serveNews();
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    server.route('/a', { body: articlePage('First story', ['/images/photo-1.png']) });
    server.route('/b', { body: articlePage('Second story', ['/images/photo-1.png', '/images/slow.jpg']) });
    server.route('/images/slow.jpg', (_req, res) => {
      void slowGate.then(() => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo2));
    });
    const { core } = await setup();
    const a = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/a')]));
    await core.idle();
    const b = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/b')]));
    while (!server.hits.get('/images/slow.jpg')) await new Promise((r) => setTimeout(r, 20));

    value(await core.invoke('deleteArticle', [a.id]));
    releaseSlow();
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [b.id])).status).toBe('done');
    expect(await served(core, sha256(photo1))).toBe(200);
  });

  it('leaves no image behind when a capture is cancelled', async () => {
    const server = await serveNews();
    const photo3 = readFileSync(join(fixtures, 'images', 'photo-3.png'));
    server.route('/images/photo-3.png', { headers: { 'content-type': 'image/png' }, body: photo3 });
    server.route('/c', { body: articlePage('Third story', ['/images/photo-3.png', '/images/never.jpg']) });
    server.route('/images/never.jpg', () => undefined);
    const { core } = await setup();
    const c = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/c')]));
    while (!server.hits.get('/images/never.jpg')) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));

    value(await core.invoke('cancelCapture', [c.id]));
    await core.idle();
    expect(value<Article>(await core.invoke('getArticle', [c.id])).status).toBe('failed');
    expect(await served(core, sha256(photo3))).toBe(404);
  });
});
