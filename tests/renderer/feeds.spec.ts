// Following a site: subscribed by the site's address (its page names its RSS feed), listed in the
// sidebar with its unread count, renamed and filed in a folder, refreshed when it has news, its
// failure shown with the next try, and unsubscribed keeping what the reader archived.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import type { Feed } from '../../electron/ipc/api.ts';
import { CAPTURE_TIMEOUT, expect, test, type LecternApp } from './harness.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

const paragraphs = (topic: string) =>
  Array.from({ length: 6 }, (_, n) => `<p>${topic}, paragraph ${n}: sentences enough to be read as the body of an article, and then a few more.</p>`).join('');

const POSTS = ['Sowing broad beans', 'Netting the brassicas', 'A late frost'];

function rss(server: FixtureServer, count: number): string {
  const items = POSTS.slice(0, count)
    .map(
      (title, i) => `<item><guid>post-${i + 1}</guid><title>${title}</title><link>${server.url(`/posts/${i + 1}`)}</link>
        <pubDate>${new Date(Date.UTC(2026, 2, 1 + i)).toUTCString()}</pubDate><description>A short teaser.</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Garden Notes</title><link>${server.url('/')}</link>${items}</channel></rss>`;
}

let server: FixtureServer;
test.beforeEach(async () => {
  server = await startFixtureServer();
  server.route('/', {
    body: `<!doctype html><html><head><title>Garden Notes</title>
      <link rel="alternate" type="application/rss+xml" title="Garden Notes" href="/garden/notes.rss"></head>
      <body><h1>Garden Notes</h1></body></html>`,
  });
  server.route('/garden/notes.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rss(server, 2) });
  POSTS.forEach((title, i) =>
    server.route(`/posts/${i + 1}`, { body: `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${paragraphs(title)}</article></body></html>` }),
  );
  server.route('/not-a-feed', { body: '<!doctype html><html><head><title>Nothing</title></head><body><p>No feed here.</p></body></html>' });
});
test.afterEach(async () => {
  await server.close();
});

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${screen}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

async function storedFeeds(app: LecternApp): Promise<Feed[]> {
  const result = await app.core.invoke('listFeeds', []);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Feed[];
}

const feedsNav = (page: Page) => page.getByRole('navigation', { name: 'Feeds' });
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function saveSettings(page: Page, change: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: 'Feed settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Feed settings' });
  await expect(dialog).toBeVisible();
  await change(dialog);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

test('a feed is followed from its site, organised, refreshed, shown failing, and unsubscribed', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(feedsNav(page)).toContainText('Follow a site');

  // An address with no feed behind it: the dialog says why and stays open.
  await feedsNav(page).getByRole('button', { name: 'Add feed' }).click();
  const add = page.getByRole('dialog', { name: 'Add a feed' });
  await expect(add.getByRole('textbox', { name: 'Address of a feed or a site' })).toBeFocused();
  await add.getByRole('textbox', { name: 'Address of a feed or a site' }).fill(server.url('/not-a-feed'));
  await add.getByRole('button', { name: 'Subscribe' }).click();
  await expect(add.getByRole('alert')).toContainText('No feed found');
  await expect(add).toBeVisible();

  // The site's address: its page names the feed.
  await add.getByRole('textbox', { name: 'Address of a feed or a site' }).fill(server.url('/'));
  await add.getByRole('button', { name: 'Subscribe' }).click();
  await expect(add).toBeHidden();
  await expect(heading(page)).toHaveText('Garden Notes');
  expect(page.url()).toMatch(/#\/feed\/[0-9a-f-]{36}$/);
  const link = feedsNav(page).getByRole('link', { name: /^Garden Notes/ });
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(link.locator('.nav-count')).toHaveText('2');
  const rows = page.locator('.row');
  await expect(rows).toHaveCount(2);
  // The teasers' pages are fetched, so they read offline in full.
  for (const title of POSTS.slice(0, 2)) await expect(rows.filter({ hasText: title }).getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await expect.poll(() => server.hits.get('/posts/1') ?? 0, { timeout: CAPTURE_TIMEOUT }).toBe(1);

  // Renamed, then filed in a folder: the sidebar follows.
  await saveSettings(page, (dialog) => dialog.getByRole('textbox', { name: 'Name' }).fill('My garden'));
  await expect(heading(page)).toHaveText('My garden');
  await expect(feedsNav(page).getByRole('link', { name: /^My garden/ })).toBeVisible();
  await saveSettings(page, (dialog) => dialog.getByRole('combobox', { name: 'Folder' }).fill('Hobbies'));
  const folder = feedsNav(page).getByRole('region', { name: 'Hobbies' });
  await expect(folder.getByRole('heading', { name: 'Hobbies', level: 3 })).toBeVisible();
  await expect(folder.getByRole('link', { name: /^My garden/ })).toBeVisible();
  // The settings were stored as given, and the dialog shows them next time.
  expect((await storedFeeds(app))[0]).toMatchObject({ title: 'My garden', folder: 'Hobbies', fetchFull: true, keepDays: null, keepItems: null });

  // Retention and full-article settings go through the same dialog.
  await saveSettings(page, async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Only the newest' }).check();
    await dialog.getByRole('spinbutton', { name: 'Items to keep' }).fill('50');
  });
  await expect.poll(async () => (await storedFeeds(app))[0]?.keepItems).toBe(50);

  // The feed has news: Refresh all brings the new item and the count goes up.
  server.route('/garden/notes.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rss(server, 3) });
  await feedsNav(page).getByRole('button', { name: 'Refresh all' }).click();
  await expect(feedsNav(page).getByRole('status')).toHaveText('Refreshed 1 feed: 1 new article.');
  await expect(rows.filter({ hasText: 'A late frost' })).toBeVisible();
  await expect(feedsNav(page).getByRole('link', { name: /^My garden/ }).locator('.nav-count')).toHaveText('3');
  await page.screenshot({ path: join(SCREENSHOTS, 'feeds.png') });

  // Archiving one lowers the unread count, and the Unread list of the feed lets it go.
  await page.getByRole('button', { name: 'Archive “Sowing broad beans”' }).click();
  await expect(feedsNav(page).getByRole('link', { name: /^My garden/ }).locator('.nav-count')).toHaveText('2');
  await expect(rows).toHaveCount(2);
  await page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: 'All' }).click();
  await expect(rows).toHaveCount(3);

  // The feed goes away: it says so, with when it will try again. (A 404, not a 5xx: a server
  // error is retried with backoff for several seconds before the refresh gives up.)
  server.route('/garden/notes.rss', { status: 404, body: 'gone' });
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.locator('.feed-status')).toHaveText('Refresh failed.', { timeout: CAPTURE_TIMEOUT });
  const failing = feedsNav(page).getByRole('link', { name: /^My garden/ });
  await expect(failing).toContainText(/Refresh failed: .+ Next try (at|on) /);
  await expect(failing.locator('.feed-warning')).toHaveAttribute('title', /Refresh failed: .+ Next try/);
  await expect(page.locator('.banner.is-error')).toContainText('Refresh failed:');
  await page.screenshot({ path: join(SCREENSHOTS, 'feed-failing.png') });
  await expectNoSeriousViolations(page, 'failing feed');

  // Unsubscribe, confirmed: the unread articles go, the archived one stays.
  await page.getByRole('button', { name: 'Feed settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Feed settings' });
  await settings.getByRole('button', { name: 'Unsubscribe…' }).click();
  await expect(settings).toContainText('Unsubscribe from “My garden”?');
  await expect(settings.getByRole('button', { name: 'Unsubscribe', exact: true })).toBeFocused();
  await expectNoSeriousViolations(page, 'feed settings');
  await settings.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
  await expect(settings).toBeHidden();
  await expect(page.locator('.toast')).toContainText('Unsubscribed from “My garden”: 2 unread articles removed, 1 kept.');
  await expect(heading(page)).toHaveText('Unread');
  await expect(feedsNav(page).getByRole('link')).toHaveCount(0);
  await page.keyboard.press('3');
  await expect(rows.filter({ hasText: 'Sowing broad beans' })).toBeVisible();
  expect(app.pageErrors).toEqual([]);
  expect(app.outsideRequests).toEqual([]);
});
