// An image whose saved copy is gone shows a labelled placeholder, never a broken-image icon.
import { expect, test } from './harness.ts';
import { seedArticles } from './seed.ts';

const MISSING = `/assets/${'ab'.repeat(32)}`;

test('a missing saved image becomes a placeholder that names it', async ({ app }) => {
  const { page } = app;
  seedArticles(app.dataDir, {
    count: 1,
    html: () => `<p>Before the picture.</p><figure><img src="${MISSING}" alt="The harbour at dawn"><figcaption>Boats leaving at six.</figcaption></figure><p>After it.</p><p><img src="${MISSING}"></p>`,
  });
  await app.open();
  await page.locator('.row').filter({ hasText: 'Article number 0' }).getByRole('link').click();
  const body = page.locator('.reader-body');
  await expect(body).toContainText('After it.');
  await expect(body.getByRole('img', { name: 'Image not saved: The harbour at dawn' })).toBeVisible();
  await expect(body.getByRole('img', { name: 'Image not saved', exact: true })).toBeVisible();
  await expect(body.locator('img')).toHaveCount(0);
  await expect(body.locator('figcaption')).toHaveText('Boats leaving at six.');
});
