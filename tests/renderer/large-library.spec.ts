// A library of 100 000 articles: the list stays a screenful of DOM, pages in as you scroll,
// and the keyboard can walk it; with 200 000 highlights, so does the Highlights view. Rows are
// written with the library's own bulk loader (highlights with plain INSERTs) into the same
// SQLite file the running core uses.
import { expect, test } from './harness.ts';
import { seedArticles, seededArticleIds, seedHighlights } from './seed.ts';

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

test('200k highlights over 100k articles: the Highlights view shows the newest and pages as it scrolls', async ({ app }) => {
  test.setTimeout(180_000);
  seedArticles(app.dataDir, { count: COUNT });
  const ids = seededArticleIds(app.dataDir);
  const base = Date.UTC(2025, 6, 1);
  // Two per article, the later article's later; every fourth one green.
  seedHighlights(
    app.dataDir,
    (function* () {
      for (let n = 0; n < COUNT * 2; n++) {
        const i = n >> 1;
        yield { articleId: ids[i]!, quote: n % 2 ? `article ${i}` : 'Body of article', start: n % 2 ? 8 : 0, end: n % 2 ? 8 + `article ${i}`.length : 15,
          color: n % 4 === 3 ? ('green' as const) : ('yellow' as const), note: `Highlight ${n}`, createdAt: new Date(base + n * 1000).toISOString() };
      }
    })(),
  );
  const { page } = app;
  const items = page.getByRole('list', { name: 'Highlights, newest first' }).getByRole('listitem');

  await app.open('/#/highlights');
  await expect(page.getByText('200,000 highlights')).toBeVisible();
  await expect(items.first()).toContainText(`Highlight ${COUNT * 2 - 1}`);
  await expect(items.first()).toContainText(`Article number ${COUNT - 1}`);
  await expect(items.first()).toHaveAttribute('aria-setsize', String(COUNT * 2));
  await expect(page.locator('.nav-link-highlights .nav-count')).toHaveText('200,000');

  for (let i = 0; i < 6; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(150);
  }
  await expect.poll(async () => Number(await items.last().getAttribute('aria-posinset'))).toBeGreaterThan(300);
  const last = Number(await items.last().getAttribute('aria-posinset'));
  await expect(items.last()).toContainText(`Highlight ${COUNT * 2 - last}`);
  expect(await items.count()).toBeLessThan(40);

  // A colour filter over the whole library: only green ones, still newest first.
  await page.getByRole('group', { name: 'Filter by colour' }).getByRole('button', { name: 'Green' }).click();
  await expect(page.getByText('50,000 highlights')).toBeVisible();
  await expect(items.first()).toContainText(`Highlight ${COUNT * 2 - 1}`);
  await expect(items.nth(1)).toContainText(`Highlight ${COUNT * 2 - 5}`);
  expect(app.pageErrors).toEqual([]);
});
