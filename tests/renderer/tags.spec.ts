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
