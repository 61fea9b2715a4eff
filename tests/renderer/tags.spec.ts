// Tags show on rows and in the reader; a tag in the reader filters the list to it.
import { expect, test } from './harness.ts';
import { seedArticles } from './seed.ts';

test('tags are shown in place and filter the list', async ({ app }) => {
  seedArticles(app.dataDir, { count: 6, tags: (i) => (i % 2 === 0 ? ['Rivers', 'city hall'] : ['Recipes']) });
  const { page } = app;
  await app.open();
  await expect(page.getByText('6 articles')).toBeVisible();
  const row = page.locator('.row').filter({ hasText: 'Article number 4' });
  await expect(row.locator('.tag')).toHaveCount(2);
  await expect(row).toContainText('Rivers');
  await expect(row).toContainText('city hall');

  await row.getByRole('link').click();
  const tags = page.getByRole('list', { name: 'Tags' });
  await expect(tags).toContainText('Rivers');
  await tags.getByRole('link', { name: 'Rivers' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All tagged “Rivers”');
  await expect(page.getByText('3 articles')).toBeVisible();
  await expect(page.locator('.row')).toHaveCount(3);
  await expect(page.locator('.row').filter({ hasText: 'Recipes' })).toHaveCount(0);

  // Survives a reload (it is in the address), and clears with one click.
  await page.reload();
  await expect(page.locator('.row')).toHaveCount(3);
  await page.getByRole('link', { name: 'Clear tag “Rivers”' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All');
  await expect(page.locator('.row')).toHaveCount(6);
});

test('a tag is renamed from its list, and renaming onto another tag merges them', async ({ app }) => {
  seedArticles(app.dataDir, { count: 6, tags: (i) => (i % 3 === 0 ? ['Rivers'] : i % 3 === 1 ? ['rivers-and-lakes'] : ['Recipes']) });
  const { page } = app;
  await app.open('/#/all?tag=Rivers&sort=title');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All tagged “Rivers”');
  await expect(page.locator('.row')).toHaveCount(2);

  await page.getByRole('button', { name: 'Rename tag' }).click();
  const name = page.getByRole('textbox', { name: 'New name for “Rivers”' });
  await expect(name).toBeFocused();
  await name.fill('Waterways');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All tagged “Waterways”');
  await expect(page.locator('.row')).toHaveCount(2);
  // The list keeps its sort, focus is back on the button, and the rename was announced.
  expect(page.url()).toMatch(/sort=title/);
  await expect(page.getByRole('button', { name: 'Rename tag' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Renamed “Rivers” to “Waterways”.' })).toHaveCount(1);
  const sidebarTags = page.getByRole('navigation', { name: 'Tags' });
  await expect(sidebarTags.getByRole('link', { name: /^Waterways/ })).toBeVisible();
  await expect(sidebarTags.getByRole('link', { name: /^Rivers/ })).toHaveCount(0);

  // Onto an existing tag: the two become one, with every article of both.
  await page.getByRole('button', { name: 'Rename tag' }).click();
  await page.getByRole('textbox', { name: 'New name for “Waterways”' }).fill('rivers-and-lakes');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All tagged “rivers-and-lakes”');
  await expect(page.locator('.row')).toHaveCount(4);
  await expect(sidebarTags.getByRole('link', { name: /^Waterways/ })).toHaveCount(0);

  // Esc leaves the name as it was; what was typed went into the box, not to the shortcuts.
  await page.getByRole('button', { name: 'Rename tag' }).click();
  await page.keyboard.type('xs#');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Rename tag' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All tagged “rivers-and-lakes”');
  await expect(page.getByRole('toolbar', { name: 'Selected articles' })).toHaveCount(0);
  await expect(page.locator('.row')).toHaveCount(4);

  // A name longer than tags may be is kept to 64 characters, and the list follows it.
  await page.getByRole('button', { name: 'Rename tag' }).click();
  await page.getByRole('textbox', { name: 'New name for “rivers-and-lakes”' }).fill('w'.repeat(80));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`All tagged “${'w'.repeat(64)}”`);
  await expect(page.locator('.row')).toHaveCount(4);
});
