// The WebExtension end to end: the built extension (dist-extension/chromium, `npm run
// build:extension`) loaded unpacked in Debian's Chromium, paired through its options page with a
// REAL core whose connector listens on the real ports, saving a page that shows its article only
// to a logged-in browser. One browser for the whole file; the tests run in order on it.
import { test, expect, chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../../electron/core.ts';
import type { Article, ListPage, Result } from '../../electron/ipc/api.ts';
import { loopbackOnly, startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { RENDERER_DIR } from './harness.ts';
import { articleServer, ARTICLE_TEXT, LOGIN_PROMPT, type ArticleSite } from './extension-site.ts';

const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', 'dist-extension', 'chromium');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let profileDir: string;
let core: Core;
let site: FixtureServer;
let siteCounts: ArticleSite;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;
let browserSession: CDPSession;
let connectorPort: number;
const events: { event: string; payload: unknown }[] = [];

/** The part of the extension API the test reads in the service worker (no @types/chrome here). */
interface WorkerChrome {
  tabs: { query(query: object): Promise<{ id?: number }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string>; getTitle(details: { tabId: number }): Promise<string> };
  storage: { local: { get(keys: string[] | null): Promise<Record<string, unknown>> } };
}

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function articleAt(url: string): Promise<Article | null> {
  const page = unwrap<ListPage>(await core.invoke('listArticles', [{ view: 'all', limit: 100 }]));
  const found = page.items.find((item) => item.url === url);
  return found ? unwrap<Article>(await core.invoke('getArticle', [found.id])) : null;
}

/** The id of the tab showing `page`: the test brings it to the front (without the tabs permission, URLs are hidden). */
async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  const id = await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/** The badge text and title the extension set on a tab. */
function badgeOf(tabId: number): Promise<{ text: string; title: string }> {
  return worker.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
    return { text: await api.action.getBadgeText({ tabId: id }), title: await api.action.getTitle({ tabId: id }) };
  }, tabId);
}

/**
 * Clicks the toolbar button, as far as a test can: DevTools' Extensions.triggerAction runs the
 * action through the same path as a click (Chromium's InvocationSource::kCdp, granting activeTab
 * on that tab), so the shipped manifest, with no host permissions, is what is tested.
 */
async function clickToolbarButton(page: Page): Promise<void> {
  await page.bringToFront(); // activeTab goes to the active tab of the window only
  const { targetInfos } = await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((info) => info.url === page.url());
  if (!tab) throw new Error(`no tab target shows ${page.url()}`);
  await browserSession.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
}

test.beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first: npm run build:extension');
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-extension-'));
  profileDir = await mkdtemp(join(tmpdir(), 'lectern-extension-profile-'));
  site = await startFixtureServer();
  siteCounts = articleServer(site, await readFile(resolve(import.meta.dirname, '..', '..', 'build', 'icons', '48x48.png')));
  core = createCore({ dataDir, rendererDir: RENDERER_DIR, allowFetch: loopbackOnly, refreshFeeds: false, connector: { version: 'e2e' } });
  core.on((event, payload) => void events.push({ event, payload }));
  // The default ports, as in the app: the extension has to find it the way it finds the app.
  const port = await core.connectorPort();
  if (port === null) throw new Error('the connector did not start');
  connectorPort = port;

  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    // `--headless`, which in this Chromium is the new headless mode: extensions run in it.
    headless: true,
    // Playwright turns extensions off by default; this one must load.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      // Lets the DevTools protocol (Playwright's pipe) trigger the extension's action.
      '--enable-unsafe-extension-debugging',
    ],
  });
  worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
  const browser = context.browser();
  if (!browser) throw new Error('no browser behind the persistent context');
  browserSession = await browser.newBrowserCDPSession();
});

test.afterAll(async () => {
  await context?.close();
  await core?.close();
  await site?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(profileDir, { recursive: true, force: true });
});

test('the options page pairs the browser once the code is confirmed in the app', async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByText('Lectern e2e is running.')).toBeVisible();
  await expect(options.getByText('This browser is not paired yet.')).toBeVisible();

  await options.getByRole('button', { name: 'Pair with Lectern' }).click();
  await expect(options.getByText('Confirm this code in Lectern:')).toBeVisible();
  const shown = (await options.locator('#code').textContent()) ?? '';
  expect(shown).toMatch(/^\d{6}$/);
  // What the app shows the user: the same code, for the same request. The user allows it.
  await expect.poll(() => pairingRequest()?.code).toBe(shown);
  const request = pairingRequest();
  expect(request?.client).toBe('Chromium on Linux');
  expect(unwrap(await core.invoke('answerConnectorPairing', [request?.pairingId, true]))).toEqual({ answered: true });

  await expect(options.getByText('This browser is paired with Lectern.')).toBeVisible();
  await expect(options.getByRole('button', { name: 'Unpair' })).toBeVisible();
  const stored = await worker.evaluate(() => (globalThis as unknown as { chrome: WorkerChrome }).chrome.storage.local.get(null));
  expect(stored.connectorToken).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/));
  expect(stored.connectorPort).toBe(connectorPort);
  await options.close();
});

test('the toolbar button saves the page as the logged-in browser sees it, with its images', async () => {
  const page = await context.newPage();
  await page.goto(site.url('/login'));
  await page.goto(site.url('/article'));
  await expect(page.getByText(ARTICLE_TEXT)).toBeVisible();
  // The control: without the browser's cookie (what the app alone would fetch) there is only the prompt.
  expect(await (await fetch(site.url('/article'))).text()).toContain(LOGIN_PROMPT);

  const tabId = await tabIdOf(page);
  await clickToolbarButton(page);

  await expect.poll(() => badgeOf(tabId), { timeout: 30_000 }).toEqual({ text: '✓', title: expect.stringContaining('Saved to Lectern') });
  await core.idle();
  const article = await articleAt(site.url('/article'));
  expect(article?.status).toBe('done');
  expect(article?.html).toContain(ARTICLE_TEXT);
  expect(article?.html).not.toContain(LOGIN_PROMPT);
  // The photo needs the login cookie: the app's own fetch was refused, the browser's was not.
  expect(siteCounts.photo.refused).toBeGreaterThan(0);
  expect(siteCounts.photo.served).toBeGreaterThan(0);
  expect(article?.html).not.toContain(site.url('/photo.png'));
  expect(article?.html).toMatch(/<img[^>]+src="[^"]*\/assets\/[0-9a-f]{64}"/);

  // Clicked again: the app knew the page (saved?url=), and the badge says so.
  await clickToolbarButton(page);
  await expect.poll(() => badgeOf(tabId)).toEqual({ text: '✓', title: expect.stringContaining('Already in Lectern') });
  await core.idle();
  await page.close();
});

test('"Save link" saves the link by its URL, and the app fetches it', async () => {
  const page = await context.newPage();
  await page.goto(site.url('/links'));
  const link = site.url('/public-story');
  // Chromium hands a menu click to the worker's contextMenus.onClicked listener; a test cannot
  // open the native menu, so it calls that listener with what Chromium would pass.
  const tabId = await tabIdOf(page);
  await worker.evaluate(
    async ([linkUrl, pageUrl, id]) => {
      const background = globalThis as unknown as { lecternBackground: { onMenuClicked(info: object, tab?: object): Promise<void> } };
      await background.lecternBackground.onMenuClicked({ menuItemId: 'lectern-save-link', linkUrl, pageUrl }, { id });
    },
    [link, page.url(), tabId] as const,
  );
  await expect.poll(() => badgeOf(tabId)).toEqual({ text: '✓', title: expect.stringContaining('Link saved to Lectern') });
  await core.idle();
  const article = await articleAt(link);
  expect(article?.status).toBe('done');
  expect(article?.html).toContain('fetched by the app itself');
  await page.close();
});

test('a web page cannot use the connector, even holding the token', async () => {
  const page = await context.newPage();
  await page.goto(site.url('/links'));
  const { connectorToken: token } = await worker.evaluate(() => (globalThis as unknown as { chrome: WorkerChrome }).chrome.storage.local.get(['connectorToken']));
  const target = site.url('/stolen');
  const answers = await page.evaluate(
    async ({ base, token, target }) => {
      const attempt = async (init: RequestInit, path: string) => {
        try {
          const response = await fetch(base + path, init);
          return `HTTP ${response.status}`;
        } catch {
          return 'refused';
        }
      };
      return [
        await attempt({}, '/v1/status'),
        await attempt(
          { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: target }) },
          '/v1/save-url',
        ),
        // A "simple" request needs no preflight: the connector itself must refuse it.
        await attempt({ method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ url: target }) }, '/v1/save-url'),
      ];
    },
    { base: `http://127.0.0.1:${connectorPort}`, token, target },
  );
  // The page reads nothing (no CORS grant for its origin): the browser refuses or the app answers 403.
  expect(answers[0]).toMatch(/^(refused|HTTP 403)$/);
  expect(answers[1]).toMatch(/^(refused|HTTP 403)$/);
  expect(answers[2]).toMatch(/^(refused|HTTP 0)$/);
  await core.idle();
  expect(await articleAt(target)).toBeNull();
  expect(site.hits.get('/stolen')).toBeUndefined();
  await page.close();
});

test('after Unpair, the button fails with a badge that says why, and opens the pairing page', async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Unpair' }).click();
  await expect(options.getByText('This browser is not paired yet.')).toBeVisible();
  await options.close();

  const page = await context.newPage();
  await page.goto(site.url('/links'));
  const reopened = context.waitForEvent('page', (opened) => opened.url().startsWith(`chrome-extension://${extensionId}/options.html`));
  const tabId = await tabIdOf(page);
  await clickToolbarButton(page);
  await expect.poll(() => badgeOf(tabId)).toEqual({ text: '!', title: expect.stringContaining('Not paired with Lectern') });
  await reopened;
  expect(await articleAt(site.url('/links'))).toBeNull();
});

function pairingRequest(): { pairingId: string; code: string; client: string } | undefined {
  const found = events.find((e) => e.event === 'connectorPairing');
  return found?.payload as { pairingId: string; code: string; client: string } | undefined;
}
