// axe-core over every screen, in the light, dark and sepia themes: no serious or critical issues.
import type { FixtureServer } from '../support/fixture-server.ts';
import { CAPTURE_TIMEOUT, expect, test } from './harness.ts';
import { NEWS_PATH, NEWS_TITLE, startNewsServer } from './fixtures.ts';
import { expectNoSeriousViolations } from './axe.ts';

let server: FixtureServer;
test.beforeEach(async () => {
  server = await startNewsServer();
});
test.afterEach(async () => {
  await server.close();
});

for (const theme of ['light', 'dark', 'sepia'] as const) {
  test(`no serious accessibility violations (${theme})`, async ({ app }) => {
    const { page } = app;
    // Light and dark follow the system setting; sepia is only ever chosen in the app.
    await page.emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light', reducedMotion: 'reduce' });
    if (theme === 'sepia') await app.core.invoke('setPreferences', [{ theme }]);
    await app.open();
    await expectNoSeriousViolations(page, 'empty list');

    await page.getByRole('textbox', { name: 'Save a link' }).fill(server.url('/gone'));
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^Failed:/)).toBeVisible({ timeout: CAPTURE_TIMEOUT });
    await page.getByRole('textbox', { name: 'Save a link' }).fill(server.url(NEWS_PATH));
    await page.keyboard.press('Enter');
    const row = page.locator('.row').filter({ hasText: NEWS_TITLE });
    await expect(row.getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await expectNoSeriousViolations(page, 'list');

    // Selection toolbar and an undoable toast, both on screen.
    await page.keyboard.press('x');
    await page.getByRole('toolbar', { name: 'Selected articles' }).getByRole('button', { name: 'Star' }).click();
    await expect(page.locator('.toast')).toBeVisible();
    await page.keyboard.press('x');
    await expect(page.getByRole('toolbar', { name: 'Selected articles' })).toBeVisible();
    await expectNoSeriousViolations(page, 'selection and toast');
    await page.keyboard.press('Escape');

    const search = page.getByRole('searchbox', { name: 'Search articles' });
    await search.fill('barrier');
    await expect(row.locator('mark').first()).toBeVisible();
    await expectNoSeriousViolations(page, 'search');

    // Enter opens the best hit; the reader with a tag and a note.
    await search.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: NEWS_TITLE })).toBeVisible();
    await page.getByRole('combobox', { name: 'Add a tag' }).fill('Rivers');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Remove tag “Rivers”' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Note' }).fill('A note.');
    await expectNoSeriousViolations(page, 'reader');
    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Export' }).click();
    await expect(page.getByRole('group', { name: 'Export as' })).toBeVisible();
    await expectNoSeriousViolations(page, 'export menu');
    await page.keyboard.press('Escape');

    // Search filters and recent searches, in the empty box.
    await page.getByRole('button', { name: 'Back' }).click();
    await search.fill('');
    await expect(page.getByRole('list', { name: 'Recent searches' })).toBeVisible();
    await expectNoSeriousViolations(page, 'search suggestions');
    await page.keyboard.press('Escape');
    await row.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: NEWS_TITLE })).toBeVisible();

    await page.getByRole('button', { name: 'Display settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Display settings' })).toBeVisible();
    await expectNoSeriousViolations(page, 'display settings');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoSeriousViolations(page, 'shortcut help');
    await page.keyboard.press('Escape');

    // The import dialog, after an import with a skipped row.
    await page.getByRole('button', { name: 'Import a library' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import a library' });
    await importDialog.getByLabel('Choose a file…').setInputFiles({ name: 'links.txt', mimeType: 'text/plain', buffer: Buffer.from(`${server.url('/gone')}\nnot a link\n`) });
    await expect(importDialog.getByRole('region', { name: 'Rejected rows' })).toBeVisible();
    await expectNoSeriousViolations(page, 'import dialog');
    await importDialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Export the library' }).click();
    await expect(page.getByRole('dialog', { name: 'Export the library' })).toBeVisible();
    await expectNoSeriousViolations(page, 'export dialog');
    await page.keyboard.press('Escape');

    // The sidebar's feeds and the Add feed dialog, with the error a page without a feed gives.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Add feed' }).click();
    const addFeed = page.getByRole('dialog', { name: 'Add a feed' });
    await addFeed.getByRole('textbox', { name: 'Address of a feed or a site' }).fill(server.url('/gone'));
    await addFeed.getByRole('button', { name: 'Subscribe' }).click();
    await expect(addFeed.getByRole('alert')).toBeVisible();
    await expectNoSeriousViolations(page, 'add feed dialog');
  });
}
