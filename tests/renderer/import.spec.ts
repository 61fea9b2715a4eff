// Moving over from Pocket: the export file is picked in the app, its links arrive with their
// tags and states, a bad row is reported with its line, and the articles are then fetched.
import { join } from 'node:path';
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
  await expect(result).toContainText('2 articles added, 0 already saved, 1 row skipped');
  await expect(dialog.getByRole('list', { name: 'Skipped rows' })).toContainText('Row 2: link without an address');
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
  await expect(result).toContainText('0 articles added, 2 already saved, 1 row skipped');
  expect(app.pageErrors).toEqual([]);
});
