// An image whose saved copy is gone shows a labelled placeholder, never a broken-image icon;
// an image that is there is left alone. A row's site icon that is gone is left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetStore } from '../../electron/capture/images/asset-store.ts';
import { expect, test } from './harness.ts';
import { seedArticles } from './seed.ts';

const MISSING = `/assets/${'ab'.repeat(32)}`;
const PHOTO = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'images', 'photo-1.png'));

test('a missing saved image becomes a placeholder that names it; a saved one still shows', async ({ app }) => {
  const { page } = app;
  const { hash } = await new AssetStore(join(app.dataDir, 'assets')).put(PHOTO);
  seedArticles(app.dataDir, {
    count: 1,
    assetHashes: () => [hash],
    html: () =>
      `<p>Before the picture.</p><figure><img src="${MISSING}" alt="The harbour at dawn" width="800" height="400"><figcaption>Boats leaving at six.</figcaption></figure>` +
      `<p>After it.</p><p><img src="${MISSING}"></p><p><img src="/assets/${hash}" alt="The pier"></p>`,
  });
  await app.open();
  await page.locator('.row').filter({ hasText: 'Article number 0' }).getByRole('link').click();
  const body = page.locator('.reader-body');
  await expect(body).toContainText('After it.');
  const placeholder = body.getByRole('img', { name: 'Image missing: The harbour at dawn' });
  await expect(placeholder).toBeVisible();
  await expect(body.getByRole('img', { name: 'Image missing', exact: true })).toBeVisible();
  await expect(body.locator('figcaption')).toHaveText('Boats leaving at six.');
  // It keeps the image's proportions, so the text after it does not jump.
  const box = await placeholder.boundingBox();
  expect(box && box.width / box.height).toBeCloseTo(2, 1);
  // The saved image is untouched and loaded.
  const saved = body.locator('img');
  await expect(saved).toHaveCount(1);
  await expect(saved).toHaveAttribute('alt', 'The pier');
  await expect.poll(() => saved.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test('a site icon that will not load is left out of its row; one that loads is shown', async ({ app }) => {
  const { page } = app;
  const { hash } = await new AssetStore(join(app.dataDir, 'assets')).put(PHOTO);
  seedArticles(app.dataDir, { count: 2, assetHashes: (i) => (i === 0 ? [hash] : []), favicon: (i) => (i === 0 ? `/assets/${hash}` : MISSING) });
  await app.open();
  const icon = (title: string) => page.locator('.row').filter({ hasText: title }).locator('img.row-favicon');
  await expect.poll(() => icon('Article number 0').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(icon('Article number 0')).toBeVisible();
  await expect(icon('Article number 1')).toHaveAttribute('src', MISSING);
  await expect(icon('Article number 1')).toBeHidden();
});
