// Moving over from Pocket: the export file is picked in the app, its links arrive with their
// tags and states, a bad row is reported with its line (and saved as a CSV report), the
// articles are then fetched, and a long import can be cancelled part-way.
import type { Locator } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ListPage } from '../../electron/ipc/api.ts';
import type { FixtureServer } from '../support/fixture-server.ts';
import { CAPTURE_TIMEOUT, expect, test } from './harness.ts';
import { NEWS_PATH, NEWS_TITLE, startNewsServer } from './fixtures.ts';

let server: FixtureServer;
test.beforeEach(async () => {
  server = await startNewsServer();
});
test.afterEach(async () => {
  await server.close();
});

const pocketExport = (newsUrl: string, goneUrl: string) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Pocket Export</title></head><body>
<h1>Unread</h1>
<ul>
<li><a href="${newsUrl}?utm_source=pocket" time_added="1700000000" tags="rivers,council">Flood barrier</a></li>
<li><a time_added="1700000001">A row without an address</a></li>
</ul>
<h1>Read Archive</h1>
<ul>
<li><a href="${goneUrl}" time_added="1600000000" tags="">Gone page</a></li>
</ul>
</body></html>`;

test('a Pocket export is imported from the file picker, with tags, states and skipped rows', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Import a library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a library' });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Choose a file…').setInputFiles({
    name: 'ril_export.html',
    mimeType: 'text/html',
    buffer: Buffer.from(pocketExport(server.url(NEWS_PATH), server.url('/gone'))),
  });
  const result = dialog.getByRole('status');
  await expect(result).toContainText('ril_export.html (Pocket export): 2 articles imported, 0 already in your library, 1 row rejected.');
  await expect(count(dialog, 'Imported')).toHaveText('2');
  await expect(dialog.getByRole('region', { name: 'Rejected rows' }).getByRole('row')).toHaveText(['RowFileReason', '2link without an address']);
  await page.screenshot({ path: join(import.meta.dirname, '..', 'screenshots', 'import.png') });
  // Focus lands on Done, and the list behind the dialog takes no shortcuts meanwhile.
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByRole('toolbar', { name: 'Selected articles' })).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The unread one is fetched in the background and arrives tagged.
  const row = page.locator('.row').filter({ hasText: NEWS_TITLE });
  await expect(row.getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await expect(row).toContainText('rivers');
  await expect(page.getByRole('navigation', { name: 'Tags' })).toContainText('council');
  // The archived one went to the archive (and failed there, with its reason).
  await page.keyboard.press('3');
  await expect(page.locator('.row').filter({ hasText: 'not found' })).toBeVisible({ timeout: CAPTURE_TIMEOUT });

  // Importing the same file again adds nothing.
  await page.getByRole('button', { name: 'Import a library' }).click();
  await dialog.getByLabel('Choose a file…').setInputFiles({
    name: 'ril_export.html',
    mimeType: 'text/html',
    buffer: Buffer.from(pocketExport(server.url(NEWS_PATH), server.url('/gone'))),
  });
  await expect(result).toContainText('0 articles imported, 2 already in your library, 1 row rejected');
  await expect(count(dialog, 'Already in your library')).toHaveText('2');
  expect(app.pageErrors).toEqual([]);
});

/** A count in the report, by its label. */
const count = (dialog: Locator, label: string) =>
  dialog
    .locator('.import-counts > div')
    .filter({ has: dialog.page().getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
    .getByRole('definition');

test('a Pocket CSV with a bad row: the report lists it by line, and Save report downloads it', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Import a library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a library' });
  // Chosen rather than detected; the file name says nothing.
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'Pocket' });
  const csv = [
    'title,url,time_added,tags,status',
    `Flood barrier,${server.url(NEWS_PATH)},1700000000,rivers|council,unread`,
    'Broken,"not a url, at all",1700000000,,unread',
    `"Gone, sadly",${server.url('/gone')},1600000000,,archive`,
  ].join('\n');
  await dialog.getByLabel('Choose a file…').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByRole('status')).toContainText('export.csv (Pocket export): 2 articles imported, 0 already in your library, 1 row rejected.');
  for (const [label, n] of [['Imported', '2'], ['Already in your library', '0'], ['Rejected', '1'], ['Highlights', '0'], ['Feeds subscribed', '0'], ['Cancelled', 'No']] as const) {
    await expect(count(dialog, label)).toHaveText(n);
  }
  const rejected = dialog.getByRole('region', { name: 'Rejected rows' });
  await expect(rejected.getByRole('row')).toHaveCount(2);
  await expect(rejected.getByRole('row').nth(1).getByRole('cell')).toHaveText(['3', '', /not a url, at all/]);
  await page.screenshot({ path: join(import.meta.dirname, '..', 'screenshots', 'import-report.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save report' }).click()]);
  expect(download.suggestedFilename()).toBe('export-import-report.csv');
  const report = (await readFile(await download.path(), 'utf8')).split('\r\n');
  expect(report[0]).toBe('row,file,reason');
  expect(report[1]).toMatch(/^3,,"?.*not a url, at all.*"?$/);
  expect(report.filter(Boolean)).toHaveLength(2);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.row').filter({ hasText: NEWS_TITLE }).getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  expect(app.pageErrors).toEqual([]);
});

test('a long import shows its progress and stops when cancelled, keeping the rows already in', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Import a library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a library' });
  const rows = 30_000;
  // Loopback addresses nobody serves: the captures that follow fail at once, offline.
  const csv = ['title,url,time_added,tags,status', ...Array.from({ length: rows }, (_, i) => `Article ${i},http://127.0.0.1:9/big/${i},1700000000,,archive`)].join('\n');
  await dialog.getByLabel('Choose a file…').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  // Some rows are in before Cancel is pressed, so it lands mid-import.
  await expect(dialog.locator('.import-rows')).not.toHaveText('0 rows read');
  await dialog.getByRole('button', { name: 'Cancel import' }).click();
  await expect(dialog.getByRole('status')).toContainText('Import of big.csv cancelled');
  await expect(count(dialog, 'Cancelled')).toHaveText('Yes');
  const imported = Number((await count(dialog, 'Imported').textContent())?.replace(/,/g, ''));
  expect(imported).toBeGreaterThan(0);
  expect(imported).toBeLessThan(rows);
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  // What was read before the cancel is in the library.
  const all = await app.core.invoke('listArticles', [{ view: 'all', limit: 1 }]);
  expect(all.ok && (all.value as ListPage).total).toBe(imported);
  expect(app.pageErrors).toEqual([]);
});
