// The core places highlights in its own parse of an article (linkedom), the reader in Chromium's
// DOM. Both must read the same text, or a highlight made in the reader would drift or orphan
// when the core re-anchors it after a re-fetch. Every golden page is saved and shown; the two
// texts must be equal (so the position hints agree too), and a sample of its sentences
// selected in the reader must be placed by the core at the same offsets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, ArticleSummary } from '../../electron/ipc/api.ts';
import { anchorTextOf } from '../../electron/library/anchor-text.ts';
import { matchQuote, selectorFor } from '../../electron/shared/anchoring/text-quote.ts';
import { startFixtureServer } from '../support/fixture-server.ts';
import { CAPTURE_TIMEOUT, expect, test, unwrap } from './harness.ts';

const PAGES = join(import.meta.dirname, '..', 'fixtures', 'pages');
const names = readdirSync(PAGES).filter((name) => readdirSync(join(PAGES, name)).includes('source.html')).sort();

test('the reader and the core read the same text in every golden page', async ({ app, page }) => {
  test.setTimeout(120_000);
  const server = await startFixtureServer(Object.fromEntries(names.map((name) => [`/${name}/`, { body: readFileSync(join(PAGES, name, 'source.html')) }])));
  try {
    const ids: Record<string, string> = {};
    for (const name of names) ids[name] = unwrap<ArticleSummary>(await app.core.invoke('saveUrl', [server.url(`/${name}/`)])).id;
    await app.core.idle();
    await app.open();
    let checked = 0;
    for (const name of names) {
      const article = unwrap<Article>(await app.core.invoke('getArticle', [ids[name]!]));
      if (article.status !== 'done') continue;
      await page.evaluate((id) => (location.hash = `#/read/${id}`), article.id);
      const body = page.locator('.reader-body');
      await expect(body).toBeVisible({ timeout: CAPTURE_TIMEOUT });
      // The reader's text: its body's text nodes, as the highlighter counts them.
      const shown = await body.evaluate((root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
          acceptNode: (node) => (node.parentElement?.closest('.image-missing, [data-lectern-ui]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
        });
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) text += node.nodeValue ?? '';
        return text;
      });
      const core = anchorTextOf(article.html);
      expect(core.length, `${name}: text length`).toBe(shown.length);
      expect(core === shown, `${name}: the same text`).toBe(true);
      // Sentences of the reader's text, up to 12 spread over the article.
      const sentences = [...shown.matchAll(/[^.!?。！？\n]{24,200}[.!?。！？]/gu)];
      const step = Math.max(1, Math.floor(sentences.length / 12));
      for (let i = 0; i < sentences.length; i += step) {
        const m = sentences[i]!;
        const sel = selectorFor(shown, { start: m.index, end: m.index + m[0].length });
        const found = matchQuote(core, sel);
        expect(found && core.slice(found.start, found.end), `${name}: "${m[0]}"`).toBe(m[0]);
        expect(found!.start, `${name}: "${m[0]}" at its offset`).toBe(m.index);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(names.length * 3);
  } finally {
    await server.close();
  }
});
