// The Highlights view across the library, and highlights in search results. Articles are
// written with the library's bulk loader; every highlight is added through the running core
// (addHighlight), so the view, its filters, its pages and its live updates read what the app
// itself stored.
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { Highlight, HighlightColor, HighlightInput } from '../../electron/ipc/api.ts';
import { anchorTextOf } from '../../electron/library/anchor-text.ts';
import { openLibrary } from '../../electron/library/library.ts';
import { expect, test, type LecternApp } from './harness.ts';
import { seedArticles } from './seed.ts';
import { expectNoSeriousViolations } from './axe.ts';

/** A body long enough that its last paragraph starts well below the first screen. */
function longHtml(i: number): string {
  const paragraphs = Array.from({ length: 40 }, (_, p) => `<p>Paragraph ${p} of article ${i}, about the river and the weir and the mill race beside it.</p>`);
  paragraphs.push(`<p>At the very end of article ${i} the kingfisher finally came back to the willow.</p>`);
  return paragraphs.join('');
}

async function articleIds(app: LecternApp): Promise<Map<string, string>> {
  const all = (await app.core.invoke('listArticles', [{ view: 'all' }])) as { ok: true; value: { items: { id: string; title: string }[] } };
  return new Map(all.value.items.map((a) => [a.title, a.id]));
}

/** Highlights `quote` where it first occurs in the article's text, as the reader would. */
async function highlight(app: LecternApp, articleId: string, html: string, quote: string, color: HighlightColor, note = ''): Promise<Highlight> {
  const text = anchorTextOf(html);
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`“${quote}” is not in the article`);
  const end = start + quote.length;
  const input: HighlightInput = { quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), start, end, color, note };
  const result = (await app.core.invoke('addHighlight', [articleId, input])) as { ok: true; value: Highlight } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const items = (page: Page) => page.getByRole('list', { name: 'Highlights, newest first' }).getByRole('listitem');

test('the Highlights view: newest first, by colour and tag, orphans marked, live, and each opens at its place', async ({ app }) => {
  const { page } = app;
  seedArticles(app.dataDir, { count: 3, html: longHtml, tags: (i) => (i === 0 ? ['Rivers'] : []) });
  const ids = await articleIds(app);
  const [a0, a1, a2] = [0, 1, 2].map((i) => ids.get(`Article number ${i}`)!) as [string, string, string];
  const first = await highlight(app, a0, longHtml(0), 'the kingfisher finally came back', 'yellow', 'The bird returns');
  await highlight(app, a1, longHtml(1), 'the weir and the mill race', 'green');
  await highlight(app, a0, longHtml(0), 'Paragraph 3 of article 0', 'blue', 'Third paragraph');
  const gone = await highlight(app, a2, longHtml(2), 'Paragraph 7 of article 2', 'pink');
  // The page changed under that one and its quote can no longer be placed: it is kept, orphaned.
  const library = openLibrary(join(app.dataDir, 'library.db'));
  library.highlights.reanchor(a2, 'A page rewritten from top to bottom, with none of the old words.');
  library.close();

  await app.open('/#/highlights');
  await expect(page.getByRole('heading', { level: 1, name: 'Highlights' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Highlights/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.nav-link-highlights .nav-count')).toHaveText('4');
  await expect(page.getByText('4 highlights')).toBeVisible();
  await expect(items(page).locator('.highlight-card-quote')).toHaveText([
    /Paragraph 7 of article 2/,
    /Paragraph 3 of article 0/,
    /the weir and the mill race/,
    /the kingfisher finally came back/,
  ]);
  await expect(items(page).nth(1)).toContainText('Third paragraph');
  await expect(items(page).nth(1)).toContainText('Article number 0');
  await expect(items(page).first().getByText('Orphaned')).toBeVisible();
  await expect(items(page).getByText('Orphaned')).toHaveCount(1);
  await expect(items(page).first()).toHaveAttribute('data-color', 'pink');

  // Colour: a toggle button per colour; pressing it again shows every colour.
  const colours = page.getByRole('group', { name: 'Filter by colour' });
  await expect(colours.getByRole('button')).toHaveText(['Yellow', 'Green', 'Blue', 'Pink']);
  await colours.getByRole('button', { name: 'Green' }).click();
  await expect(page).toHaveURL(/#\/highlights\?color=green$/);
  await expect(colours.getByRole('button', { name: 'Green' })).toHaveAttribute('aria-pressed', 'true');
  await expect(items(page).locator('.highlight-card-quote')).toHaveText([/the weir and the mill race/]);
  await expect(page.getByText('1 highlight', { exact: true })).toBeVisible();
  await colours.getByRole('button', { name: 'Blue' }).click();
  await expect(items(page).locator('.highlight-card-quote')).toHaveText([/Paragraph 3 of article 0/]);
  await colours.getByRole('button', { name: 'Blue' }).click();
  await expect(items(page)).toHaveCount(4);

  // Tag: the article's tags; with a colour too, both apply; "Clear filters" drops both.
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('Rivers');
  await expect(items(page).locator('.highlight-card-quote')).toHaveText([/Paragraph 3 of article 0/, /the kingfisher finally came back/]);
  await colours.getByRole('button', { name: 'Yellow' }).click();
  await expect(page).toHaveURL(/#\/highlights\?tag=Rivers&color=yellow$/);
  await expect(items(page).locator('.highlight-card-quote')).toHaveText([/the kingfisher finally came back/]);
  await colours.getByRole('button', { name: 'Pink' }).click();
  await expect(page.getByRole('heading', { name: 'No highlights match' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(items(page)).toHaveCount(4);

  // Live: a highlight added elsewhere (the reader, another window) appears at the top, and one
  // deleted goes.
  const added = await highlight(app, a1, longHtml(1), 'Paragraph 9 of article 1', 'green', 'Added while looking');
  await expect(items(page).first()).toContainText('Added while looking');
  await expect(page.getByText('5 highlights')).toBeVisible();
  await app.core.invoke('deleteHighlight', [gone.id]);
  await expect(items(page)).toHaveCount(4);
  await expect(items(page).getByText('Orphaned')).toHaveCount(0);
  await expect(page.locator('.nav-link-highlights .nav-count')).toHaveText('4');
  await app.core.invoke('deleteHighlight', [added.id]);
  await expect(items(page)).toHaveCount(3);

  // Opening one goes to its article, scrolled to the highlight; Back returns here.
  await items(page).filter({ hasText: 'the kingfisher finally came back' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/read/${a0}\\?highlight=${first.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Article number 0' })).toBeVisible();
  await expect(page.locator(`.reader-body mark[data-highlight-id="${first.id}"]`).first()).toBeInViewport();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Highlights' })).toBeVisible();
  await expect(items(page)).toHaveCount(3);
  expect(app.pageErrors).toEqual([]);
});

test('the Highlights view pages in as it scrolls and keeps only a screenful in the DOM', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  seedArticles(app.dataDir, { count: 1, html: longHtml });
  const [articleId] = [...(await articleIds(app)).values()];
  const COUNT = 250;
  for (let n = 0; n < COUNT; n++) await highlight(app, articleId!, longHtml(0), `Paragraph ${n % 40} of article 0`, 'yellow', `Note number ${n}`);

  await app.open('/#/highlights');
  await expect(page.getByText('250 highlights')).toBeVisible();
  await expect(items(page).first()).toContainText(`Note number ${COUNT - 1}`);
  await expect(items(page).first()).toHaveAttribute('aria-setsize', String(COUNT));
  for (let i = 0; i < 8; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(100);
  }
  // Past the first page (100), down to the oldest one.
  await expect.poll(async () => Number(await items(page).last().getAttribute('aria-posinset'))).toBe(COUNT);
  await expect(items(page).last()).toContainText('Note number 0');
  expect(await items(page).count()).toBeLessThan(40);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('search finds highlights and notes with their own snippets; in:highlights finds only them', async ({ app }) => {
  const { page } = app;
  seedArticles(app.dataDir, { count: 3, html: longHtml, text: (i) => anchorTextOf(longHtml(i)) });
  const ids = await articleIds(app);
  const a1 = ids.get('Article number 1')!;
  const bird = await highlight(app, a1, longHtml(1), 'the kingfisher finally came back', 'blue', 'A flash of blue over the water');
  await highlight(app, ids.get('Article number 2')!, longHtml(2), 'Paragraph 5 of article 2', 'pink', 'Where the heron stood');
  await app.open();
  const box = page.getByRole('searchbox', { name: 'Search articles' });

  // Every article mentions the kingfisher; one highlight does: both groups, highlights first.
  await box.fill('kingfisher');
  const group = page.getByRole('region', { name: 'In your highlights' });
  await expect(group.getByRole('listitem')).toHaveCount(1);
  await expect(group.locator('mark')).toHaveText(['kingfisher']);
  await expect(group).toContainText('A flash of blue over the water');
  await expect(group).toContainText('Article number 1');
  await expect(page.locator('.article-list > .row')).toHaveCount(3);
  await expect(page.getByText('3 articles, 1 highlight')).toBeVisible();

  // A note matches with its own snippet.
  await box.fill('heron');
  await expect(group.getByRole('listitem')).toHaveCount(1);
  await expect(group.locator('.highlight-card-note mark')).toHaveText(['heron']);
  await expect(page.locator('.article-list > .row')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No matches' })).toHaveCount(0);

  // in:highlights: only highlight hits, though the articles match too. Its chip writes it.
  await box.fill('');
  await page.getByRole('group', { name: 'Search filters' }).getByRole('button', { name: 'in:highlights' }).click();
  await expect(box).toHaveValue('in:highlights ');
  await page.keyboard.type('kingfisher');
  await expect(group.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('1 highlight', { exact: true })).toBeVisible();
  await expect(page.locator('.article-list > .row')).toHaveCount(0);

  // Enter opens the best hit: the article, at that highlight.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/read/${a1}\\?highlight=${bird.id}$`));
  await expect(page.locator(`.reader-body mark[data-highlight-id="${bird.id}"]`).first()).toBeInViewport();

  // Nothing found anywhere: the usual empty result.
  await page.getByRole('button', { name: 'Back' }).click();
  await box.fill('in:highlights zebra');
  await expect(page.getByRole('heading', { name: 'No matches' })).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the Highlights view has no serious accessibility violations (${theme})`, async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    seedArticles(app.dataDir, { count: 2, html: longHtml, tags: () => ['Rivers'] });
    const ids = await articleIds(app);
    const a0 = ids.get('Article number 0')!;
    await app.open('/#/highlights');
    await expect(page.getByRole('heading', { name: 'No highlights yet' })).toBeVisible();
    await expectNoSeriousViolations(page);

    for (const [n, color] of (['yellow', 'green', 'blue', 'pink'] as const).entries()) {
      await highlight(app, a0, longHtml(0), `Paragraph ${n} of article 0`, color, n % 2 ? `A note ${n}` : '');
    }
    await highlight(app, ids.get('Article number 1')!, longHtml(1), 'Paragraph 4 of article 1', 'yellow');
    const library = openLibrary(join(app.dataDir, 'library.db'));
    library.highlights.reanchor(ids.get('Article number 1')!, 'Nothing of the old text.');
    library.close();
    await page.reload();
    await expect(items(page)).toHaveCount(5);
    await expect(items(page).getByText('Orphaned')).toHaveCount(1);
    await page.getByRole('group', { name: 'Filter by colour' }).getByRole('button', { name: 'Blue' }).focus();
    await expectNoSeriousViolations(page);

    await page.getByRole('searchbox', { name: 'Search articles' }).fill('paragraph');
    await expect(page.getByRole('region', { name: 'In your highlights' })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
}
