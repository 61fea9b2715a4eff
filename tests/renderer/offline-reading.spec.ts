// End to end through the real core: save a page, read it, read it again with the network
// gone; move it between views; search it; show failures; never run a page's script.
import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureServer } from '../support/fixture-server.ts';
import { CAPTURE_TIMEOUT, expect, test, type LecternApp } from './harness.ts';
import { HOSTILE_PATH, NEWS_PAGE, NEWS_PATH, NEWS_TITLE, startNewsServer } from './fixtures.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

let server: FixtureServer | null = null;
test.beforeEach(async () => {
  server = await startNewsServer();
});
test.afterEach(async () => {
  await server?.close();
  server = null;
});
const fixtureUrl = (path: string) => server!.url(path);

const addBox = (page: Page) => page.getByRole('textbox', { name: 'Save a link' });
const list = (page: Page) => page.getByRole('list').filter({ has: page.locator('.row') });
const rowFor = (page: Page, title: string | RegExp): Locator => page.locator('.row').filter({ has: page.getByRole('heading', { name: title }) });
const readerBody = (page: Page) => page.locator('.reader-body');

async function saveUrl(app: LecternApp, url: string): Promise<void> {
  await addBox(app.page).fill(url);
  await addBox(app.page).press('Enter');
}

async function saveAndWait(app: LecternApp, url: string, title: string): Promise<Locator> {
  await saveUrl(app, url);
  const row = rowFor(app.page, title);
  await expect(row).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await expect(row.getByText('Fetching…')).toHaveCount(0, { timeout: CAPTURE_TIMEOUT });
  return row;
}

/** Every image of the article has decoded (scrolling each into view: they load lazily). */
async function expectImagesLoaded(page: Page, count: number): Promise<void> {
  const images = readerBody(page).locator('img');
  await expect(images).toHaveCount(count);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(image).toHaveAttribute('src', /^\/assets\/[0-9a-f]{64}$/);
  }
}

/** The row shows the site's saved icon (an ICO), decoded, before the site's name. */
async function expectFaviconLoaded(row: Locator): Promise<void> {
  const icon = row.locator('.row-site img.row-favicon');
  await expect(icon).toHaveAttribute('src', /^\/assets\/[0-9a-f]{64}$/);
  await expect(icon).toBeVisible();
  await expect.poll(() => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

test('saves a page, reads it, and reads it again offline with its images', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByRole('heading', { name: 'Nothing to read yet' })).toBeVisible();

  const row = await saveAndWait(app, fixtureUrl(NEWS_PATH), NEWS_TITLE);
  await expect(row).toContainText('The Harbor Gazette');
  await expect(row).toContainText('min read');
  await expect(row).toContainText('After ten years');
  await expectFaviconLoaded(row);
  await expect(page.getByRole('heading', { name: 'Nothing to read yet' })).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'list.png') });

  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: NEWS_TITLE })).toBeVisible();
  await expect(page.locator('.reader-header')).toContainText('Maria Delgado');
  await expect(page.locator('.reader-header')).toContainText('March 14, 2026');
  await expect(readerBody(page)).toContainText('a jar of silt she said she had scraped from her kitchen floor');
  await expect(readerBody(page)).not.toContainText('LEAVE A REPLY');
  await expect(readerBody(page)).toHaveAttribute('lang', /^en/);
  await expectImagesLoaded(page, 2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, 'reader.png') });

  await page.getByRole('link', { name: 'Open original' }).click();
  await expect.poll(() => app.openedExternally.length).toBe(1);
  expect(app.openedExternally[0]).toContain(NEWS_PATH);

  // The network goes away; the article does not.
  await server!.close();
  server = null;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: NEWS_TITLE })).toBeVisible();
  await expect(readerBody(page)).toContainText('The river did not wait for any of them.');
  await expectImagesLoaded(page, 2);

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(rowFor(page, NEWS_TITLE)).toBeVisible();
  await expectFaviconLoaded(rowFor(page, NEWS_TITLE));

  expect(app.outsideRequests).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('star and archive move an article between views', async ({ app }) => {
  const { page } = app;
  await app.open();
  const row = await saveAndWait(app, fixtureUrl(NEWS_PATH), NEWS_TITLE);
  const tab = (name: string) => page.getByRole('navigation', { name: 'Reading list views' }).getByRole('link', { name });

  await tab('Starred').click();
  await expect(page.getByRole('heading', { name: 'No starred articles' })).toBeVisible();
  await tab('Unread').click();

  await row.getByRole('link').click();
  const star = page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: /Star/ });
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Back' }).click();

  await tab('Starred').click();
  await expect(page).toHaveURL(/#\/starred$/);
  await expect(rowFor(page, NEWS_TITLE)).toBeVisible();

  // Archive from the list row; it leaves Unread and shows in Archive (and stays starred).
  await tab('Unread').click();
  await rowFor(page, NEWS_TITLE).getByRole('button', { name: `Archive “${NEWS_TITLE}”` }).click();
  await expect(rowFor(page, NEWS_TITLE)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Nothing to read yet' })).toBeVisible();
  await tab('Archive').click();
  await expect(rowFor(page, NEWS_TITLE)).toBeVisible();
  await tab('Starred').click();
  await expect(rowFor(page, NEWS_TITLE)).toBeVisible();

  // Back to Unread from the reader's Archive toggle.
  await tab('Archive').click();
  await rowFor(page, NEWS_TITLE).getByRole('link').click();
  const archive = page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: /Archive/ });
  await expect(archive).toHaveAttribute('aria-pressed', 'true');
  await archive.click();
  await expect(archive).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { name: 'The archive is empty' })).toBeVisible();
  await tab('All').click();
  await expect(rowFor(page, NEWS_TITLE)).toBeVisible();
});

test('search finds the article and highlights the match', async ({ app }) => {
  const { page } = app;
  await app.open();
  await saveAndWait(app, fixtureUrl(NEWS_PATH), NEWS_TITLE);

  // Escape leaves the add box; then '/' is a shortcut, not a character.
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search articles' });
  await expect(search).toBeFocused();
  await search.fill('silt');
  const result = rowFor(page, NEWS_TITLE);
  await expect(result).toBeVisible();
  await expect(result.locator('mark').first()).toHaveText(/silt/i);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “silt”');
  await page.screenshot({ path: join(SCREENSHOTS, 'search.png') });

  await search.fill('zeppelin');
  await expect(page.getByRole('heading', { name: 'No matches' })).toBeVisible();
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(rowFor(page, NEWS_TITLE)).toBeVisible();
});

test('a page that cannot be fetched shows why, and can be retried', async ({ app }) => {
  const { page } = app;
  await app.open();

  await saveUrl(app, fixtureUrl('/gone'));
  const row = page.locator('.row').filter({ hasText: 'Failed:' });
  await expect(row).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await expect(row).toContainText(/Failed: .*404/);
  await page.screenshot({ path: join(SCREENSHOTS, 'failed.png') });

  // The server comes back with the page; Retry fetches it.
  server!.route('/gone', { body: NEWS_PAGE });
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(rowFor(page, NEWS_TITLE)).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await expect(page.getByText(/^Failed:/)).toHaveCount(0);

  // Something that is not a web address is refused at once, in words.
  await saveUrl(app, 'javascript:alert(1)');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not save' })).toBeVisible();
});

test("a page's scripts and event handlers never run", async ({ app }) => {
  const { page } = app;
  const fired: string[] = [];
  await page.exposeBinding('__lecternPwned', (_source, what: string) => void fired.push(what ?? 'unknown'));
  await app.open();

  const row = await saveAndWait(app, fixtureUrl(HOSTILE_PATH), 'Notes on a Quiet Harbour');
  await row.getByRole('link').click();
  await expect(readerBody(page)).toContainText('the old men were mending nets');
  const body = readerBody(page);
  await expect(body.locator('script, iframe, svg, style, [onerror], [onload], [onclick], [style]')).toHaveCount(0);
  await expect(body.locator('a[href^="javascript:"]')).toHaveCount(0);

  await body.getByText('Evening came slowly').click();
  await body.getByRole('link', { name: 'a link that should open in the browser' }).click();
  await expect.poll(() => app.openedExternally).toEqual(['https://example.com/harbour']);
  await page.waitForTimeout(300);

  expect(fired).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(app.outsideRequests).toEqual([]);
});

test('keyboard: Ctrl+L, j/k, Enter, s, u', async ({ app }) => {
  const { page } = app;
  await app.open();
  await saveAndWait(app, fixtureUrl(NEWS_PATH), NEWS_TITLE);
  await saveAndWait(app, fixtureUrl(HOSTILE_PATH), 'Notes on a Quiet Harbour');

  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Control+l');
  await expect(addBox(page)).toBeFocused();
  await page.keyboard.press('Escape');

  // Newest first: the harbour notes, then the council story.
  await page.keyboard.press('j');
  await expect(page.locator('.row-link').nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.locator('.row-link').nth(1)).toBeFocused();
  await expect(page.locator('.row-link').nth(1)).toContainText(NEWS_TITLE);
  await page.keyboard.press('s');
  await expect(rowFor(page, NEWS_TITLE).getByRole('button', { name: `Star “${NEWS_TITLE}”` })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: NEWS_TITLE })).toBeVisible();
  await page.keyboard.press('u');
  await expect(page.locator('.row-link').nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { level: 1, name: 'Notes on a Quiet Harbour' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list(page)).toBeVisible();
});

test('dark theme screenshots', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  const row = await saveAndWait(app, fixtureUrl(NEWS_PATH), NEWS_TITLE);
  await page.screenshot({ path: join(SCREENSHOTS, 'list-dark.png') });
  await row.getByRole('link').click();
  await expectImagesLoaded(page, 2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, 'reader-dark.png') });
});

test('reading position is remembered and shown in the list', async ({ app }) => {
  const { page } = app;
  await app.open();
  const row = await saveAndWait(app, fixtureUrl(NEWS_PATH), NEWS_TITLE);
  await row.getByRole('link').click();
  await expect(readerBody(page)).toContainText('jar of silt');

  const half = await page.evaluate(() => {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, max / 2);
    return max / 2;
  });
  expect(half).toBeGreaterThan(200);
  await expect(row).toHaveCount(0);
  await page.waitForTimeout(1_200);
  // Half-way through a 3-minute article: the header says what is left.
  await expect(page.locator('.reader-meta')).toContainText(/[12] min left/);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(rowFor(page, NEWS_TITLE)).toContainText(/(4\d|5\d)% read/);

  await rowFor(page, NEWS_TITLE).getByRole('link').click();
  await expect(readerBody(page)).toContainText('jar of silt');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(half * 0.8);
});

test('offline: the app says so, links wait, and fetch when the network is back', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByText('You are offline')).toHaveCount(0);

  app.core.setOnline(false);
  await expect(page.getByText('You are offline')).toBeVisible();
  await saveUrl(app, fixtureUrl(NEWS_PATH));
  await expect(page.locator('.row').getByText('Waiting for a connection…')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'offline.png') });

  app.core.setOnline(true);
  await expect(page.getByText('You are offline')).toHaveCount(0);
  await expect(rowFor(page, NEWS_TITLE).getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
});

test('a waiting capture can be cancelled, stays cancelled, and can be retried', async ({ app }) => {
  const { page } = app;
  await app.open();
  app.core.setOnline(false);
  await saveUrl(app, fixtureUrl(NEWS_PATH));
  const row = page.locator('.row').filter({ hasText: 'Waiting for a connection…' });
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.row').getByText('Failed: Cancelled.')).toBeVisible();

  // Back online, the cancelled link is not fetched behind the user's back…
  app.core.setOnline(true);
  await expect(page.getByText('You are offline')).toHaveCount(0);
  await app.core.idle();
  await expect(page.locator('.row').getByText('Failed: Cancelled.')).toBeVisible();
  expect(server!.hits.get(NEWS_PATH)).toBeUndefined();
  // …until Retry.
  await page.locator('.row').getByRole('button', { name: 'Retry' }).click();
  await expect(rowFor(page, NEWS_TITLE).getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
});

test('a capture that is fetching can be cancelled, and the page is not saved', async ({ app }) => {
  const { page } = app;
  // A server that takes the request and never answers, until the test lets it go.
  const hanging: Array<() => void> = [];
  server!.route('/slow-story', (_req, res) => void hanging.push(() => res.destroy()));
  await app.open();
  await saveUrl(app, fixtureUrl('/slow-story'));
  const row = page.locator('.row').filter({ hasText: 'Fetching…' });
  await expect(row).toBeVisible();
  await expect.poll(() => hanging.length).toBe(1);
  await row.getByRole('button', { name: /^Cancel saving/ }).click();
  await expect(page.locator('.row').getByText('Failed: Cancelled.')).toBeVisible();
  await app.core.idle();
  expect(await app.core.invoke('queueStatus', [])).toMatchObject({ value: { fetching: 0, waiting: 0 } });
  for (const release of hanging) release();
});

test('archive on finish: reaching the end archives the article, when chosen', async ({ app }) => {
  const { page } = app;
  await app.core.invoke('setPreferences', [{ archiveOnFinish: true }]);
  await app.open();
  const row = await saveAndWait(app, fixtureUrl(NEWS_PATH), NEWS_TITLE);
  await row.getByRole('link').click();
  await expect(readerBody(page)).toContainText('jar of silt');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const archive = page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Archive' });
  await expect(archive).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing to read yet' })).toBeVisible();
});
