// Taking the library elsewhere: the core writes the export, the page saves it as a download.
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Highlight, HighlightInput } from '../../electron/ipc/api.ts';
import { anchorTextOf } from '../../electron/library/anchor-text.ts';
import { openLibrary } from '../../electron/library/library.ts';
import { expect, test, type LecternApp } from './harness.ts';
import { seedArticles, seededArticleIds } from './seed.ts';

const GARDEN_HTML = (i: number) =>
  `<p>Tomatoes need sun in article ${i}, and *plenty* of water.</p><p>Basil likes warmth.</p><p>Compost heaps feed the soil for years.</p>`;

/** Highlights `quote` where it is in the article's text, through the running core, as the reader does. */
async function highlight(app: LecternApp, articleId: string, html: string, quote: string, note = ''): Promise<Highlight> {
  const text = anchorTextOf(html);
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`“${quote}” is not in the article`);
  const end = start + quote.length;
  const input: HighlightInput = { quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), start, end, color: 'yellow', note };
  const result = (await app.core.invoke('addHighlight', [articleId, input])) as { ok: true; value: Highlight } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function exportAs(page: Page, label: string) {
  const dialog = page.getByRole('dialog', { name: 'Export the library' });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: label }).click()]);
  return { download, bytes: await readFile(await download.path()) };
}

test('the library is exported as Lectern JSON and as browser bookmarks', async ({ app }) => {
  seedArticles(app.dataDir, { count: 3, tags: (i) => (i === 1 ? ['Rivers'] : []) });
  const { page } = app;
  await app.open();
  await expect(page.getByText('3 articles')).toBeVisible();
  await page.getByRole('button', { name: 'Export the library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the library' });
  await expect(dialog).toBeVisible();

  const json = await exportAs(page, 'Lectern JSON');
  expect(json.download.suggestedFilename()).toMatch(/^lectern-json-\d{4}-\d{2}-\d{2}\.json$/);
  const library = JSON.parse(json.bytes.toString('utf8')) as { articles: Array<{ url: string; title: string; tags: string[] }> };
  expect(library.articles.map((a) => a.url).sort()).toEqual([0, 1, 2].map((i) => `https://example.com/archive/${i}`));
  expect(library.articles.find((a) => a.url.endsWith('/1'))?.tags).toEqual(['Rivers']);
  await expect(dialog.getByRole('status')).toHaveText(/^Saved lectern-json-.+\.json \(3 articles\)\.$/);

  const bookmarks = await exportAs(page, 'Browser bookmarks (.html)');
  expect(bookmarks.download.suggestedFilename()).toMatch(/^lectern-bookmarks-.+\.html$/);
  const html = bookmarks.bytes.toString('utf8');
  expect(html).toMatch(/^<!DOCTYPE NETSCAPE-Bookmark-file-1>/i);
  for (const i of [0, 1, 2]) expect(html).toContain(`HREF="https://example.com/archive/${i}"`);
  expect(html).toContain('Article number 1');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(app.pageErrors).toEqual([]);
});

test('the selected articles are exported as a Markdown zip', async ({ app }) => {
  seedArticles(app.dataDir, { count: 3 });
  const { page } = app;
  await app.open();
  await expect(page.locator('.row')).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Select “Article number 0”' }).check();
  await page.getByRole('checkbox', { name: 'Select “Article number 2”' }).check();
  const toolbar = page.getByRole('toolbar', { name: 'Selected articles' });
  await toolbar.getByRole('button', { name: 'Export' }).click();
  const menu = page.getByRole('group', { name: 'Export the selected articles as' });
  const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Markdown (.zip)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^lectern-markdown-.+\.zip$/);
  const zip = await readFile(await download.path());
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  // Stored, not compressed, or compressed: the titles are in the zip's directory as file names.
  const names = zip.toString('latin1');
  expect(names).toMatch(/article-number-0/i);
  expect(names).toMatch(/article-number-2/i);
  expect(names).not.toMatch(/article-number-1/i);
  await expect(page.locator('.toast')).toContainText('Exported 2 articles');
  expect(app.pageErrors).toEqual([]);
});

test('the reader exports the article’s highlights and notes as Markdown, and only when it has some', async ({ app }) => {
  seedArticles(app.dataDir, { count: 2, html: GARDEN_HTML });
  const [first, second] = seededArticleIds(app.dataDir);
  const { page } = app;
  // Made out of reading order; the file has them in it.
  await highlight(app, first!, GARDEN_HTML(0), 'Compost heaps feed the soil', 'Start one in spring.');
  await highlight(app, first!, GARDEN_HTML(0), 'Tomatoes need sun in article 0, and *plenty* of water.', 'By the south wall');
  await highlight(app, first!, GARDEN_HTML(0), 'Basil likes warmth.');
  // The page changed under that one: it stays, orphaned, and goes last.
  const library = openLibrary(join(app.dataDir, 'library.db'));
  library.highlights.reanchor(first!, anchorTextOf(GARDEN_HTML(0).replace('<p>Basil likes warmth.</p>', '')));
  library.close();

  await app.open(`/#/read/${first}`);
  const toolbar = page.getByRole('toolbar', { name: 'Article' });
  await expect(page.locator('.reader-body')).toContainText('Compost heaps');
  await toolbar.getByRole('button', { name: 'Export' }).click();
  const menu = page.getByRole('group', { name: 'Export as' });
  const choice = menu.getByRole('button', { name: 'Highlights as Markdown' });
  await expect(choice).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent('download'), choice.click()]);
  await expect(menu).toBeHidden();
  expect(download.suggestedFilename()).toBe('article-number-0-highlights.md');
  const markdown = await readFile(await download.path(), 'utf8');
  expect(markdown).toMatch(/^---\ntitle: "Article number 0"\n/);
  expect(markdown).toContain('url: "https://example.com/archive/0"');
  expect(markdown).toContain('\n# Article number 0\n');
  // The quote, made safe, then its note, then the way back to it in the source.
  expect(markdown).toContain(
    '> Tomatoes need sun in article 0, and \\*plenty\\* of water.\n\n**Note:** By the south wall\n\n[View Highlight](<https://example.com/archive/0#:~:text=Tomatoes%20need%20sun%20in,and%20*plenty*%20of%20water.>)',
  );
  const order = ['> Tomatoes', '> Compost heaps', '## Orphaned highlights', '> Basil likes warmth.'].map((s) => markdown.indexOf(s));
  expect(order.every((at) => at > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  // An article without highlights has nothing to export.
  await page.evaluate((id) => (location.hash = `#/read/${id}`), second!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article number 1');
  await toolbar.getByRole('button', { name: 'Export' }).click();
  await expect(menu.getByRole('button', { name: 'Markdown (.md)' })).toBeVisible();
  await expect(choice).toBeDisabled();
  // One made now is counted the next time the menu opens.
  await page.keyboard.press('Escape');
  await highlight(app, second!, GARDEN_HTML(1), 'Basil likes warmth.');
  await toolbar.getByRole('button', { name: 'Export' }).click();
  await expect(choice).toBeEnabled();
  expect(app.pageErrors).toEqual([]);
});

test('every highlight is exported from the Export dialog, as Markdown files and as JSON', async ({ app }) => {
  seedArticles(app.dataDir, { count: 3, html: GARDEN_HTML });
  const [first, , third] = seededArticleIds(app.dataDir);
  await highlight(app, first!, GARDEN_HTML(0), 'Basil likes warmth.', 'Warm sill');
  await highlight(app, third!, GARDEN_HTML(2), 'Compost heaps');
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Export the library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the library' });

  const zip = await exportAs(page, 'All highlights (Markdown files)');
  expect(zip.download.suggestedFilename()).toMatch(/^lectern-highlights-\d{4}-\d{2}-\d{2}\.zip$/);
  expect(zip.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const names = zip.bytes.toString('latin1');
  expect(names).toContain('article-number-0.md');
  expect(names).toContain('article-number-2.md');
  expect(names).not.toContain('article-number-1.md');
  await expect(dialog.getByRole('status')).toHaveText(/^Saved lectern-highlights-.+\.zip \(2 articles\)\.$/);

  const json = await exportAs(page, 'All highlights (JSON)');
  expect(json.download.suggestedFilename()).toMatch(/^lectern-highlights-.+\.json$/);
  const doc = JSON.parse(json.bytes.toString('utf8')) as { lectern: { format: string }; highlights: Array<{ quote: string; note: string; article: { id: string; title: string } }> };
  expect(doc.lectern.format).toBe('highlights-json');
  expect(doc.highlights.map((h) => [h.article.title, h.quote, h.note])).toEqual([
    ['Article number 0', 'Basil likes warmth.', 'Warm sill'],
    ['Article number 2', 'Compost heaps', ''],
  ]);
  expect(app.pageErrors).toEqual([]);
});
