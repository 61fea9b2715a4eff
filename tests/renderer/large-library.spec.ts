// A library of 100 000 articles: the list stays a screenful of DOM, pages in as you scroll,
// and the keyboard can walk it. Rows are written with the library's own bulk loader into the
// same SQLite file the running core uses.
import { expect, test } from './harness.ts';
import { seedArticles } from './seed.ts';

const COUNT = 100_000;

test('a 100k-article list renders only what is on screen and pages as it scrolls', async ({ app }) => {
  test.setTimeout(180_000);
  seedArticles(app.dataDir, { count: COUNT });
  const { page } = app;
  const rows = page.locator('.article-list > .row');

  const started = Date.now();
  await app.open();
  await expect(page.getByText('100,000 articles')).toBeVisible();
  await expect(rows.first()).toContainText(`Article number ${COUNT - 1}`);
  test.info().annotations.push({ type: 'first screen', description: `${Date.now() - started} ms` });
  expect(await rows.count()).toBeLessThan(60);
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));

  // Scroll down through several pages: the list keeps loading, the DOM stays small.
  for (let i = 0; i < 6; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(150);
  }
  await expect.poll(async () => Number(await rows.last().getAttribute('aria-posinset'))).toBeGreaterThan(400);
  expect(await rows.count()).toBeLessThan(60);
  const last = Number(await rows.last().getAttribute('aria-posinset'));
  await expect(rows.last()).toContainText(`Article number ${COUNT - last}`);

  // Back to the top; the keyboard walks rows that were not in the DOM a moment ago.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.list-heading').click();
  for (let i = 0; i < 25; i++) await page.keyboard.press('j');
  const focused = page.locator('.row-link:focus');
  await expect(focused).toContainText(`Article number ${COUNT - 25}`);
  await expect(focused).toBeInViewport();

  // A change to one row is applied in place, without reloading the list.
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: `Star “Article number ${COUNT - 25}”` })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('e');
  await expect(page.getByText('99,999 articles')).toBeVisible();
  await expect(page.getByRole('heading', { name: `Article number ${COUNT - 25}`, exact: true })).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});
