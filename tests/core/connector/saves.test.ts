// The connector's saves against the real core and a loopback site whose article shows only to a
// logged-in browser: the page is saved from the HTML the browser sent, the app fetches the
// images it can, and the extension sends the rest.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article, ArticleSummary, ListPage } from '../../../electron/ipc/api.ts';
import { assetUrl } from '../../../electron/shared/captured-article.ts';
import { CONNECTOR_PATHS, type SaveImagesResponse, type SaveResponse, type SavedLookup } from '../../../electron/shared/connector-protocol.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { readFixtureImage } from '../capture/support/fixtures.ts';
import { removeDir, startConnectorCore, valueOf, type ConnectorCore } from './support.ts';

const SECRET = 'The members-only recipe calls for smoked paprika and a slow oven';
const paragraphs = (lead: string) =>
  Array.from({ length: 6 }, (_, i) => `<p>${lead}, paragraph ${i + 1}: a long sentence that reads like an article, with enough words in it for extraction to keep it as the body of the page.</p>`).join('');
const page = (body: string) => `<!doctype html><html><head><title>Members</title></head><body><nav>Home · About</nav><article><h1>Members</h1>${body}</article></body></html>`;
const loggedIn = (req: { headers: { cookie?: string } }) => (req.headers.cookie ?? '').includes('session=ok');

let server: FixtureServer;
let png: Buffer;
let jpg: Buffer;
beforeAll(async () => {
  png = await readFixtureImage('photo-1.png');
  jpg = await readFixtureImage('photo-2.jpg');
  server = await startFixtureServer({
    // Without the cookie the server shows a login wall: only the browser saw the article.
    '/members': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(loggedIn(req) ? paragraphs(SECRET) : paragraphs('Please log in to read this'))),
    '/open.png': { headers: { 'content-type': 'image/png' }, body: png },
    '/private.jpg': (req, res) => (loggedIn(req) ? res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpg) : res.writeHead(403).end('no')),
  });
  for (let i = 0; i < 10; i++) server.route(`/story/${i}`, { body: page(paragraphs(`Story ${i}`)) });
});
afterAll(() => server.close());

let app: ConnectorCore | null = null;
let token: string;
const start = async (dataDir?: string) => {
  app = await startConnectorCore({}, dataDir);
  token = await app.pair();
  return app;
};
afterEach(async () => {
  server.hits.clear();
  await app?.close();
  if (app) await removeDir(app.dataDir);
  app = null;
});

const post = async <T>(a: ConnectorCore, path: string, body: unknown): Promise<T> => {
  const answer = await a.send(path, { token, body });
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json as T;
};
const all = async (a: ConnectorCore) => {
  const listed = await a.core.invoke('listArticles', [{ view: 'all' }]);
  if (!listed.ok) throw new Error(listed.error.message);
  return (listed.value as ListPage).items as ArticleSummary[];
};
const article = async (a: ConnectorCore, id: string) => {
  const got = await a.core.invoke('getArticle', [id]);
  if (!got.ok) throw new Error(got.error.message);
  return got.value as Article;
};
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('save-url and saved', () => {
  it('saves a URL like the app does, and finds it by its normalised address', async () => {
    const a = await start();
    const url = server.url('/story/1');
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.saveUrl, { url });
    expect(saved.missingImages).toEqual([]);
    await a.core.idle();
    expect((await article(a, saved.article.id)).html).toContain('Story 1');
    const lookup = await a.send(`${CONNECTOR_PATHS.saved}?url=${encodeURIComponent(`${url}#comments`)}`, { token });
    expect(lookup.json).toEqual({ saved: true, article: { id: saved.article.id, url, title: 'Members', status: 'done' } } satisfies SavedLookup);
    const other = await a.send(`${CONNECTOR_PATHS.saved}?url=${encodeURIComponent(server.url('/story/2'))}`, { token });
    expect(other.json).toEqual({ saved: false });
    // The same page saved in the app is the same article.
    const inApp = valueOf<ArticleSummary>(await a.core.invoke('saveUrl', [url]));
    expect(inApp.id).toBe(saved.article.id);
  });

  it('makes one article of ten parallel saves of one URL, and ten of ten URLs', async () => {
    const a = await start();
    const same = await Promise.all(Array.from({ length: 10 }, () => post<SaveResponse>(a, CONNECTOR_PATHS.saveUrl, { url: server.url('/story/0') })));
    expect(new Set(same.map((s) => s.article.id)).size).toBe(1);
    const different = await Promise.all(Array.from({ length: 10 }, (_, i) => post<SaveResponse>(a, CONNECTOR_PATHS.saveUrl, { url: server.url(`/story/${i}`) })));
    expect(new Set(different.map((s) => s.article.id)).size).toBe(10);
    await a.core.idle();
    expect(await all(a)).toHaveLength(10);
  });
});

describe('save-page', () => {
  it('saves the logged-in page the browser sent, not what the server shows the app', async () => {
    const a = await start();
    const url = server.url('/members');
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url, html: page(paragraphs(SECRET)), title: 'Members' });
    expect(saved.article.status).toBe('done');
    const stored = await article(a, saved.article.id);
    expect(stored.html).toContain(SECRET);
    expect(stored.html).not.toContain('Please log in');
    expect(stored.html).not.toContain('<nav');
    expect(server.hits.get('/members') ?? 0).toBe(0);
    expect(await readdir(join(a.dataDir, 'inbox'))).toEqual([]);
  });

  it('sanitises the sent HTML like a fetched page', async () => {
    const a = await start();
    const hostile = page(`${paragraphs(SECRET)}<script>alert(1)</script><p onclick="steal()">Click <a href="javascript:alert(2)">here</a></p><iframe src="https://evil.example/"></iframe>`);
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url: server.url('/members'), html: hostile });
    const { html } = await article(a, saved.article.id);
    for (const bad of ['<script', 'onclick', 'javascript:', '<iframe']) expect(html).not.toContain(bad);
  });

  it('saves the selection as the article when one is sent', async () => {
    const a = await start();
    const selectionHtml = '<p>Only this chosen passage about smoked paprika, which the reader selected on the page before saving it.</p>';
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url: server.url('/members'), html: page(paragraphs(SECRET)), selectionHtml });
    const stored = await article(a, saved.article.id);
    expect(stored.html).toContain('Only this chosen passage');
    expect(stored.html).not.toContain('paragraph 3');
  });

  it('makes one article of ten parallel save-page calls for one URL', async () => {
    const a = await start();
    const url = server.url('/members');
    const saves = await Promise.all(Array.from({ length: 10 }, (_, i) => post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url, html: page(paragraphs(`${SECRET} (copy ${i})`)) })));
    expect(new Set(saves.map((s) => s.article.id)).size).toBe(1);
    await a.core.idle();
    expect(await all(a)).toHaveLength(1);
    expect((await article(a, saves[0]!.article.id)).html).toContain(SECRET);
    expect(server.hits.get('/members') ?? 0).toBe(0);
  });

  it('replaces an article fetched behind the login wall with the page the browser sent', async () => {
    const a = await start();
    const url = server.url('/members');
    const { id } = valueOf<ArticleSummary>(await a.core.invoke('saveUrl', [url]));
    await a.core.idle();
    expect((await article(a, id)).html).toContain('Please log in');
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url, html: page(paragraphs(SECRET)) });
    expect(saved.article.id).toBe(id);
    expect((await article(a, id)).html).toContain(SECRET);
  });

  it('lists the images the app could not fetch; save-images puts them in the article for offline reading', async () => {
    const a = await start();
    const open = server.url('/open.png');
    const privateImage = server.url('/private.jpg');
    const html = page(`${paragraphs(SECRET)}<figure><img src="${open}" alt="open"></figure><figure><img src="/private.jpg" alt="private"></figure>`);
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url: server.url('/members'), html });
    expect(saved.missingImages).toEqual([privateImage]);
    // The app asked as itself: the page as referrer, no cookie, so the private image was refused.
    expect(server.hits.get('/private.jpg')).toBeGreaterThan(0);
    const before = await article(a, saved.article.id);
    expect(before.html).toContain(assetUrl(sha(png)));
    expect(before.html).not.toContain(assetUrl(sha(jpg)));

    const sent = await post<SaveImagesResponse>(a, CONNECTOR_PATHS.saveImages, {
      articleId: saved.article.id,
      images: [
        // Not an image, whatever it claims: skipped. Not one the article is missing: skipped.
        { url: privateImage, mime: 'image/jpeg', base64: Buffer.from('GIF-ish? no: plain text pretending').toString('base64') },
        { url: server.url('/elsewhere.png'), mime: 'image/png', base64: png.toString('base64') },
        { url: privateImage, mime: 'image/png', base64: jpg.toString('base64') },
      ],
    });
    expect(sent).toEqual({ stored: 1 });
    const after = await article(a, saved.article.id);
    expect(after.html).toContain(assetUrl(sha(jpg)));
    expect(after.html).toContain(assetUrl(sha(png)));
    expect(after.html).toContain(SECRET);
    const served = await a.core.handleRequest(new Request(`http://lectern.test${assetUrl(sha(jpg))}`));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(jpg)).toBe(true);
    // Nothing waits for images any more.
    expect((await a.send(CONNECTOR_PATHS.saveImages, { token, body: { articleId: saved.article.id, images: [] } })).status).toBe(404);
  });

  it('keeps a sent page through a quit before it was saved, and saves it at the next start', async () => {
    const a = await start();
    // Offline, nothing is captured: the page waits in the inbox, and the answer comes at once.
    a.core.setOnline(false);
    const url = server.url('/members');
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url, html: page(paragraphs(SECRET)) });
    expect(saved.article.status).toBe('pending');
    const spooled = join(a.dataDir, 'inbox', `${saved.article.id}.page.json`);
    expect(existsSync(spooled)).toBe(true);
    const dir = a.dataDir;
    await a.close();

    app = await startConnectorCore({}, dir);
    await app.core.idle();
    const stored = await article(app, saved.article.id);
    expect(stored.status).toBe('done');
    expect(stored.html).toContain(SECRET);
    expect(server.hits.get('/members') ?? 0).toBe(0);
    expect(existsSync(spooled)).toBe(false);
  });

  it('lets the page of an article deleted before it was saved go at the next start', async () => {
    const a = await start();
    a.core.setOnline(false);
    const saved = await post<SaveResponse>(a, CONNECTOR_PATHS.savePage, { url: server.url('/members'), html: page(paragraphs(SECRET)) });
    const spooled = join(a.dataDir, 'inbox', `${saved.article.id}.page.json`);
    expect(existsSync(spooled)).toBe(true);
    valueOf(await a.core.invoke('deleteArticle', [saved.article.id]));
    const dir = a.dataDir;
    await a.close();
    app = await startConnectorCore({}, dir);
    await expect.poll(() => existsSync(spooled)).toBe(false);
  });
});
