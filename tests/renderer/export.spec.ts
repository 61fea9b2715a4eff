// Taking the library elsewhere: the core writes the export, the page saves it as a download.
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expect, test } from './harness.ts';
import { seedArticles } from './seed.ts';

async function exportAs(page: Page, label: string) {
  const dialog = page.getByRole('dialog', { name: 'Export the library' });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: label }).click()]);
  return { download, bytes: await readFile(await download.path()) };
}

test('the library is exported as Lectern JSON and as browser bookmarks', async ({ app }) => {
  seedArticles(app.dataDir, { count: 3, tags: (i) => (i === 1 ? ['Rivers'] : []) });
  const { page } = app;
  await app.open();
  await expect(page.getByText('3 articles')).toBeVisible();
  await page.getByRole('button', { name: 'Export the library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the library' });
  await expect(dialog).toBeVisible();

  const json = await exportAs(page, 'Lectern JSON');
  expect(json.download.suggestedFilename()).toMatch(/^lectern-json-\d{4}-\d{2}-\d{2}\.json$/);
  const library = JSON.parse(json.bytes.toString('utf8')) as { articles: Array<{ url: string; title: string; tags: string[] }> };
  expect(library.articles.map((a) => a.url).sort()).toEqual([0, 1, 2].map((i) => `https://example.com/archive/${i}`));
  expect(library.articles.find((a) => a.url.endsWith('/1'))?.tags).toEqual(['Rivers']);
  await expect(dialog.getByRole('status')).toHaveText(/^Saved lectern-json-.+\.json \(3 articles\)\.$/);

  const bookmarks = await exportAs(page, 'Browser bookmarks (.html)');
  expect(bookmarks.download.suggestedFilename()).toMatch(/^lectern-bookmarks-.+\.html$/);
  const html = bookmarks.bytes.toString('utf8');
  expect(html).toMatch(/^<!DOCTYPE NETSCAPE-Bookmark-file-1>/i);
  for (const i of [0, 1, 2]) expect(html).toContain(`HREF="https://example.com/archive/${i}"`);
  expect(html).toContain('Article number 1');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(app.pageErrors).toEqual([]);
});

test('the selected articles are exported as a Markdown zip', async ({ app }) => {
  seedArticles(app.dataDir, { count: 3 });
  const { page } = app;
  await app.open();
  await expect(page.locator('.row')).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Select “Article number 0”' }).check();
  await page.getByRole('checkbox', { name: 'Select “Article number 2”' }).check();
  const toolbar = page.getByRole('toolbar', { name: 'Selected articles' });
  await toolbar.getByRole('button', { name: 'Export' }).click();
  const menu = page.getByRole('group', { name: 'Export the selected articles as' });
  const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Markdown (.zip)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^lectern-markdown-.+\.zip$/);
  const zip = await readFile(await download.path());
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  // Stored, not compressed, or compressed: the titles are in the zip's directory as file names.
  const names = zip.toString('latin1');
  expect(names).toMatch(/article-number-0/i);
  expect(names).toMatch(/article-number-2/i);
  expect(names).not.toMatch(/article-number-1/i);
  await expect(page.locator('.toast')).toContainText('Exported 2 articles');
  expect(app.pageErrors).toEqual([]);
});
