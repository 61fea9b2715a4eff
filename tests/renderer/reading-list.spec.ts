// The reading list's tools: sidebar with counts, sort menu, multi-select with bulk actions,
// the delete/tag shortcuts, adding by paste and by drop, and the capture queue indicator.
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { FixtureServer } from '../support/fixture-server.ts';
import { CAPTURE_TIMEOUT, expect, test } from './harness.ts';
import { NEWS_PATH, NEWS_TITLE, startNewsServer } from './fixtures.ts';
import { seedArticles } from './seed.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');
const COUNT = 30;

const rowFor = (page: Page, title: string) => page.locator('.row').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const titles = (page: Page) => page.locator('.row-title').allTextContents();
const views = (page: Page) => page.getByRole('navigation', { name: 'Reading list views' });

test('sidebar counts, sort menu, multi-select with bulk actions and undo', async ({ app }) => {
  const { page } = app;
  seedArticles(app.dataDir, { count: COUNT, tags: (i) => (i % 3 === 0 ? ['Rivers'] : []) });
  await app.open();
  await expect(views(page).getByRole('link', { name: 'Unread' })).toContainText(String(COUNT));
  await expect(page.getByRole('navigation', { name: 'Tags' }).getByRole('link', { name: 'Rivers' })).toContainText('10');
  const sites = page.getByRole('navigation', { name: 'Sites' });
  await expect(sites.getByRole('link', { name: 'example.com' })).toContainText(String(COUNT));

  // Sort: each choice is in the address, so it survives a reload.
  const sort = page.getByRole('combobox', { name: 'Sort' });
  await sort.selectOption('longest');
  await expect.poll(async () => (await titles(page))[0]).toBe(`Article number ${COUNT - 1}`);
  await sort.selectOption('title');
  await expect.poll(async () => (await titles(page)).slice(0, 3)).toEqual(['Article number 0', 'Article number 1', 'Article number 10']);
  await page.reload();
  await expect(sort).toHaveValue('title');
  await sort.selectOption('oldest');
  await expect.poll(async () => (await titles(page))[0]).toBe('Article number 0');
  await sort.selectOption('newest');
  await expect.poll(async () => (await titles(page))[0]).toBe(`Article number ${COUNT - 1}`);

  // Tag and site filters from the sidebar.
  await page.getByRole('navigation', { name: 'Tags' }).getByRole('link', { name: 'Rivers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All tagged “Rivers”');
  await expect(page.locator('.row')).toHaveCount(10);
  await sites.getByRole('link', { name: 'example.com' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All from example.com');
  await expect(page.getByText(`${COUNT} articles`)).toBeVisible();
  await views(page).getByRole('link', { name: 'Unread' }).click();

  // Select: Ctrl-click one row, Shift-click to extend, `x` to add the focused row.
  await rowFor(page, 'Article number 28').getByRole('link').click({ modifiers: ['Control'] });
  await rowFor(page, 'Article number 26').getByRole('link').click({ modifiers: ['Shift'] });
  const bulk = page.getByRole('toolbar', { name: 'Selected articles' });
  await expect(bulk).toContainText('3 selected');
  await expect(page).toHaveURL(/#\/unread$/);
  await rowFor(page, 'Article number 29').getByRole('link').focus();
  await page.keyboard.press('x');
  await expect(bulk).toContainText('4 selected');
  await expect(rowFor(page, 'Article number 29').getByRole('checkbox')).toBeChecked();
  await page.screenshot({ path: join(SCREENSHOTS, 'list-selection.png') });

  // Bulk star, with Undo.
  await bulk.getByRole('button', { name: 'Star' }).click();
  await expect(views(page).getByRole('link', { name: 'Starred' })).toContainText('4');
  await page.locator('.toast').filter({ hasText: 'Starred 4 articles' }).getByRole('button', { name: 'Undo' }).click();
  await expect(views(page).getByRole('link', { name: 'Starred' })).toContainText('0');

  // `t` tags the focused row (selecting it); the bulk tag box suggests existing tags.
  await page.keyboard.press('t');
  const bulkTag = page.getByRole('combobox', { name: 'Tag the selected articles' });
  await expect(bulkTag).toBeFocused();
  await bulkTag.fill('Evening');
  await bulkTag.press('Enter');
  await expect(rowFor(page, 'Article number 29')).toContainText('Evening');
  // Esc leaves the tag box, a second Esc clears the selection.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(bulk).toBeHidden();

  // Select three, archive them in one go.
  await rowFor(page, 'Article number 25').getByRole('checkbox').click();
  await rowFor(page, 'Article number 23').getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(bulk).toContainText('3 selected');
  await bulk.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText(`${COUNT - 3} articles`)).toBeVisible();
  await expect(views(page).getByRole('link', { name: 'Archive' })).toContainText('3');

  // Delete two with the selection, then one with `#`; Undo brings the two back.
  await rowFor(page, 'Article number 22').getByRole('checkbox').click();
  await rowFor(page, 'Article number 21').getByRole('checkbox').click();
  await bulk.getByRole('button', { name: 'Delete' }).click();
  const deleted = page.locator('.toast').filter({ hasText: 'Deleted 2 articles' });
  await expect(deleted).toBeVisible();
  await expect(rowFor(page, 'Article number 22')).toHaveCount(0);
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(rowFor(page, 'Article number 22')).toBeVisible();
  await rowFor(page, 'Article number 20').getByRole('link').focus();
  await page.keyboard.press('#');
  const one = page.locator('.toast').filter({ hasText: 'Deleted “Article number 20”' });
  await expect(one).toBeVisible();
  await expect(page.getByText(`${COUNT - 4} articles`)).toBeVisible();
  await one.getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(async () => ((await app.core.invoke('listArticles', [{ view: 'all', limit: 1 }])) as { ok: true; value: { total: number } }).value.total).toBe(COUNT - 1);
  expect(app.pageErrors).toEqual([]);
});

let server: FixtureServer | null = null;
test.afterEach(async () => {
  await server?.close();
  server = null;
});

test('links are saved by paste and by drop; the queue says what it is doing', async ({ app }) => {
  const { page } = app;
  server = await startNewsServer();
  await app.open();
  const queue = page.getByRole('status', { name: 'Capture queue' });

  // Offline, a pasted link waits: the indicator counts it.
  app.core.setOnline(false);
  await expect(page.getByText('You are offline')).toBeVisible();
  await page.locator('.list-heading').click();
  await page.evaluate((url) => {
    const data = new DataTransfer();
    data.setData('text/plain', url);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, server.url(NEWS_PATH));
  await expect(page.locator('.toast').filter({ hasText: 'Saving' })).toBeVisible();
  await expect(queue).toHaveText('1 waiting');
  await page.screenshot({ path: join(SCREENSHOTS, 'queue-waiting.png') });
  app.core.setOnline(true);
  await expect(page.locator('.row').filter({ hasText: NEWS_TITLE }).getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await expect(queue).toHaveText('');

  // Pasting into a text field is just typing.
  await page.getByRole('searchbox', { name: 'Search articles' }).focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'https://example.com/not-saved');
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.keyboard.press('Escape');

  // Drop a link from another app: a hint while dragging, then the link is saved.
  const dropped = server.url('/gone');
  await page.evaluate((url) => {
    const data = new DataTransfer();
    data.setData('text/uri-list', `# a comment line\r\n${url}`);
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }));
  }, dropped);
  await expect(page.getByText('Drop the link to save it')).toBeVisible();
  await page.evaluate((url) => {
    const data = new DataTransfer();
    data.setData('text/uri-list', `# a comment line\r\n${url}`);
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
    window.dispatchEvent(over);
    if (!over.defaultPrevented) throw new Error('dragover was not accepted');
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, dropped);
  await expect(page.getByText('Drop the link to save it')).toBeHidden();
  await expect(page.locator('.row').filter({ hasText: 'Failed:' })).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  const all = (await app.core.invoke('listArticles', [{ view: 'all' }])) as { ok: true; value: { items: { url: string }[] } };
  expect(all.value.items.map((a) => a.url).sort()).toEqual([server.url(NEWS_PATH), dropped].sort());
  expect(app.outsideRequests).toEqual([]);
});
