// Search: filter chips that write the query language for you, recent searches that survive a
// restart, and results that open in the reader (Enter opens the best one).
import { join } from 'node:path';
import { expect, test } from './harness.ts';
import { seedArticles } from './seed.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

test('search chips, recent searches, and results open in the reader', async ({ app }) => {
  const { page } = app;
  seedArticles(app.dataDir, { count: 12, tags: (i) => (i % 4 === 0 ? ['Rivers'] : []) });
  const all = (await app.core.invoke('listArticles', [{ view: 'all' }])) as { ok: true; value: { items: { id: string; title: string }[] } };
  const byTitle = new Map(all.value.items.map((a) => [a.title, a.id]));
  for (const n of [3, 7]) await app.core.invoke('setStarred', [byTitle.get(`Article number ${n}`), true]);
  await app.open();

  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  const chips = page.getByRole('group', { name: 'Search filters' });
  await expect(chips.getByRole('button')).toHaveText(['is:starred', 'is:unread', 'is:archived', 'tag:', 'site:', 'in:highlights']);
  await page.screenshot({ path: join(SCREENSHOTS, 'search-chips.png') });

  // A chip goes into the box, and the box keeps focus for more typing.
  await chips.getByRole('button', { name: 'is:starred' }).click();
  await expect(box).toHaveValue('is:starred ');
  await expect(box).toBeFocused();
  await expect(page.locator('.row-title')).toHaveText(['Article number 7', 'Article number 3']);
  await box.fill('');
  await chips.getByRole('button', { name: 'tag:' }).click();
  await expect(box).toHaveValue('tag:');
  await expect(box).toBeFocused();
  await page.keyboard.type('rivers');
  await expect(page.locator('.row')).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “tag:rivers”');

  // Enter remembers the search and opens the best hit in the reader; Back returns to the results.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/read\//);
  await expect(page.locator('.reader-body')).toContainText(/Body of article (0|4|8)\./);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “tag:rivers”');

  // Clicking a result opens it too, and remembers that search.
  await box.fill('number 5');
  await page.locator('.row').filter({ hasText: 'Article number 5' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Article number 5' })).toBeVisible();

  // Recent searches, newest first, kept across a restart.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Article number 5' })).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await box.focus();
  const recent = page.getByRole('list', { name: 'Recent searches' });
  await expect(recent.getByRole('button')).toHaveText(['number 5', 'tag:rivers']);
  await page.screenshot({ path: join(SCREENSHOTS, 'search-recent.png') });
  await recent.getByRole('button', { name: 'tag:rivers' }).click();
  await expect(box).toHaveValue('tag:rivers');
  await expect(page.locator('.row')).toHaveCount(3);

  // At most ten are kept.
  for (let i = 0; i < 12; i++) {
    await box.fill(`query ${i}`);
    await box.press('Enter');
  }
  await box.fill('');
  await expect(recent.getByRole('button')).toHaveCount(10);
  await expect(recent.getByRole('button').first()).toHaveText('query 11');
  await page.getByRole('button', { name: 'Clear recent searches' }).click();
  await expect(recent).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('rows past the first screen get their snippets as they scroll into view', async ({ app }) => {
  const { page } = app;
  seedArticles(app.dataDir, { count: 40, text: (i) => `Notes ${i}: a grey heron stood by the river at dawn.` });
  await page.setViewportSize({ width: 1000, height: 700 });
  await app.open();
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('heron');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “heron”');
  const rows = page.locator('.row');
  // The search made snippets for a screenful (6 rows here); the rows rendered beyond it asked.
  await expect(rows.first().locator('.row-snippet mark')).toHaveText('heron');
  const rendered = await rows.count();
  expect(rendered).toBeGreaterThan(6);
  for (let i = 0; i < rendered; i++) await expect(rows.nth(i).locator('.row-snippet mark')).toHaveText('heron');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const last = page.locator('.row').filter({ hasText: 'Article number 0' });
  await expect(last.locator('.row-snippet')).toContainText('Notes 0: a grey heron');
  await expect(last.locator('.row-snippet mark')).toHaveText('heron');
  expect(app.pageErrors).toEqual([]);
});

test('snippets that arrive for an earlier query never replace the current one\'s', async ({ app }) => {
  const { page } = app;
  // Every article has "heron"; only the 10 oldest have "river". So the rows at the bottom of the
  // heron results are the top of the river results, which come with their own snippets.
  seedArticles(app.dataDir, { count: 40, text: (i) => `Notes ${i}: a grey heron stood by the ${i < 10 ? 'river' : 'lake'} at dawn.` });
  await page.setViewportSize({ width: 1000, height: 700 });
  await app.open();
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.fill('heron');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “heron”');
  const rows = page.locator('.row');
  await expect(rows.first().locator('.row-snippet mark')).toHaveText('heron');
  // The oldest rows ask for their heron snippets; the answers are held until after the river
  // search has shown, then arrive late.
  const held = app.holdReplies('searchSnippets');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => held.waiting()).toBeGreaterThan(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await box.fill('river');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “river”');
  await expect(rows).toHaveCount(10);
  await expect(rows.first().locator('.row-snippet mark')).toHaveText('river');
  held.release();
  for (let i = 0; i < 10; i++) await expect(rows.nth(i).locator('.row-snippet mark')).toHaveText('river');
  expect(app.pageErrors).toEqual([]);
});
