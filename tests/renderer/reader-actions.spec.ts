// The reader's header actions, end to end through the real core: tags and a note edited in
// place, copy link, export as Markdown and HTML, re-fetch, and delete with Undo.
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixtureServer } from '../support/fixture-server.ts';
import { CAPTURE_TIMEOUT, expect, test } from './harness.ts';
import { NEWS_PATH, NEWS_TITLE, startNewsServer } from './fixtures.ts';
import { seedArticles } from './seed.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: FixtureServer;
test.beforeEach(async () => {
  server = await startNewsServer();
});
test.afterEach(async () => {
  await server.close();
});

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Article' });

test('reader actions: tags, note, copy link, export, re-fetch, delete with undo', async ({ app }) => {
  const { page } = app;
  // Another article brings a tag to suggest.
  seedArticles(app.dataDir, { count: 1, tags: () => ['Rivers'] });
  await app.open();
  await page.getByRole('textbox', { name: 'Save a link' }).fill(server.url(NEWS_PATH));
  await page.keyboard.press('Enter');
  const row = page.locator('.row').filter({ hasText: NEWS_TITLE });
  await expect(row.getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await row.getByRole('link').click();
  await expect(page.locator('.reader-body')).toContainText('jar of silt');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/read/', ''));
  const stored = async () => ((await app.core.invoke('getArticle', [id])) as { ok: true; value: { tags: string[]; note: string | null } }).value;

  // Tags: suggestions come from the library; add two at once, remove one.
  const tagBox = page.getByRole('combobox', { name: 'Add a tag' });
  await expect(page.locator('#reader-tag-suggestions option[value="Rivers"]')).toHaveCount(1);
  await tagBox.fill('Rivers, flood defence');
  await tagBox.press('Enter');
  const tags = page.getByRole('list', { name: 'Tags' });
  await expect(tags.getByRole('link')).toHaveText(['flood defence', 'Rivers']);
  await page.getByRole('button', { name: 'Remove tag “flood defence”' }).click();
  await expect(tags.getByRole('link')).toHaveText(['Rivers']);
  await expect.poll(async () => (await stored()).tags).toEqual(['Rivers']);
  // `t` puts the cursor in the tag box.
  await page.locator('.reader-body').click();
  await page.keyboard.press('t');
  await expect(tagBox).toBeFocused();
  await page.keyboard.press('Escape');

  // The note saves when the field is left.
  const note = page.getByRole('textbox', { name: 'Note' });
  await note.fill('Ask the council about the east bank.');
  await page.locator('.reader-body').click();
  await expect(page.locator('.note-status')).toHaveText('Saved');
  expect((await stored()).note).toBe('Ask the council about the east bank.');
  await page.screenshot({ path: join(SCREENSHOTS, 'reader-actions.png') });

  // Export: a real download, converted by the renderer.
  await toolbar(page).getByRole('button', { name: 'Export' }).click();
  const menu = page.getByRole('group', { name: 'Export as' });
  await expect(menu).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'reader-export-menu.png') });
  const [markdownDownload] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Markdown (.md)' }).click()]);
  expect(markdownDownload.suggestedFilename()).toBe('city-council-approves-riverside-flood-barrier-after-decade-of-debate.md');
  const markdown = await readFile(await markdownDownload.path(), 'utf8');
  expect(markdown).toMatch(/^# City Council Approves Riverside Flood Barrier/);
  expect(markdown).toContain(`Source: <${server.url(NEWS_PATH)}>`);
  expect(markdown).toContain('jar of silt');
  expect(markdown).toMatch(/!\[[^\]]*\]\(\/assets\/[0-9a-f]{64}\)/);
  expect(markdown).not.toMatch(/<\/?(p|div|a|img)\b/);
  await toolbar(page).getByRole('button', { name: 'Export' }).click();
  const [htmlDownload] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'HTML (.html)' }).click()]);
  const html = await readFile(await htmlDownload.path(), 'utf8');
  expect(htmlDownload.suggestedFilename()).toMatch(/\.html$/);
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('<title>City Council Approves');
  expect(html).not.toMatch(/<script/i);

  // Copy link, then paste it outside any text field: the app saves links from the clipboard,
  // and this one it already has.
  await toolbar(page).getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('.toast')).toContainText('Link copied');
  await page.locator('.reader-body').click();
  await page.keyboard.press('Control+v');
  await expect(page.locator('.toast').filter({ hasText: 'Already saved' })).toBeVisible();
  await expect(page).toHaveURL(/#\/read\//);

  // Re-fetch: the capture runs again and the article comes back.
  const fetchesBefore = server.hits.get(NEWS_PATH) ?? 0;
  await toolbar(page).getByRole('button', { name: 'Re-fetch' }).click();
  await expect.poll(() => server.hits.get(NEWS_PATH) ?? 0, { timeout: CAPTURE_TIMEOUT }).toBeGreaterThan(fetchesBefore);
  await expect(page.locator('.reader-body')).toContainText('jar of silt', { timeout: CAPTURE_TIMEOUT });

  // Delete: gone at once, deleted only when the toast goes; Undo brings it back.
  await toolbar(page).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unread');
  const undoToast = page.locator('.toast').filter({ hasText: `Deleted “${NEWS_TITLE}”` });
  await expect(undoToast).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'delete-undo-toast.png') });
  expect((await app.core.invoke('getArticle', [id])).ok).toBe(true);
  await undoToast.getByRole('button', { name: 'Undo' }).click();
  await expect(row).toBeVisible();

  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: NEWS_TITLE })).toBeVisible();
  await page.keyboard.press('#');
  await expect(undoToast).toBeVisible();
  await undoToast.getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(async () => (await app.core.invoke('getArticle', [id])).ok).toBe(false);
  await expect(row).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
  expect(app.outsideRequests).toEqual([]);
});
