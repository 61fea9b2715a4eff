// Every vector of the XSS corpus, served in a real-looking article from a loopback server,
// saved through the real capture and opened in the reader: no script runs (the canary stays
// unset, no dialog opens), nothing is fetched from anywhere but the app, the renderer's globals
// are untouched, and the article's prose is there for every page.
import type { Page } from '@playwright/test';
import type { Article, ArticleSummary } from '../../electron/ipc/api.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { ARTICLE_PARAGRAPHS, articlePage, articleTitle, xssVectors } from '../fixtures/xss/index.ts';
import { CAPTURE_TIMEOUT, expect, test, unwrap } from './harness.ts';

/** What the renderer and the bridge read from window and document, as plain data. */
function globalsOf(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const bridge = w.lectern as Record<string, unknown> | undefined;
    const root = document.getElementById('root');
    const documentMethods = ['getElementById', 'querySelector', 'querySelectorAll', 'createElement', 'addEventListener'] as const;
    return {
      xss: typeof w.__xss,
      bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
      bridgeTypes: bridge ? [typeof bridge.invoke, typeof bridge.on] : null,
      bridgeFrozen: Object.isFrozen(bridge),
      invokeBinding: typeof w.__lecternInvoke,
      emitBinding: typeof w.__lecternEmit,
      root: root ? `${root.tagName}:${root.parentElement === document.body}:${document.querySelectorAll('#root').length}` : null,
      documentMethods: documentMethods.map((name) => document[name] === Document.prototype[name]),
      documentParts: [document.body?.tagName, document.head?.tagName, document.documentElement.tagName, document.defaultView === window, typeof document.cookie],
      speech: typeof w.speechSynthesis === 'object' && !(w.speechSynthesis instanceof Element),
      location: location.origin,
      forms: document.forms.length,
    };
  });
}

/** Active content left in the reader's article, which no vector should manage to keep. */
function activeContentIn(page: Page) {
  return page.locator('.reader-body').evaluate((body) => {
    const found: string[] = [];
    for (const element of body.querySelectorAll('*')) {
      if (/^(?:SCRIPT|STYLE|IFRAME|FRAME|OBJECT|EMBED|SVG|MATH|FORM|BUTTON|INPUT|BASE|META|LINK|TEMPLATE)$/i.test(element.tagName)) found.push(`<${element.tagName}>`);
      for (const { name, value } of element.attributes) {
        if (/^on|^style$|^id$|^name$|^srcdoc$/i.test(name)) found.push(`${name} on <${element.tagName}>`);
        if (name === 'href' && !/^(?:https?:|mailto:|#)/i.test(value)) found.push(`href=${value.slice(0, 40)}`);
        if (name === 'src' && !value.startsWith('/assets/')) found.push(`src=${value.slice(0, 40)}`);
      }
    }
    return found;
  });
}

let server: FixtureServer;
test.beforeEach(async () => {
  server = await startFixtureServer({ '/leak': { status: 204, body: '' } });
});
test.afterEach(async () => {
  await server.close();
});

test('no XSS vector runs script, leaks a request or clobbers a global, and every article keeps its prose', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  const vectors = xssVectors(server.url('/leak'));
  vectors.forEach((vector, number) => server.route(`/xss/${number}/`, { body: articlePage(number, vector) }));
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await app.open();
  const before = await globalsOf(page);
  expect(before.bridgeKeys).toEqual(['invoke', 'on']);

  const saved = await Promise.all(vectors.map((_, number) => app.core.invoke('saveUrl', [server.url(`/xss/${number}/`)])));
  const ids = saved.map((result) => unwrap<ArticleSummary>(result).id);
  await app.core.idle();
  // The capture fetches the page's images (some vectors point them at /leak): that is the
  // article's own server. From here on, only the reader runs, and it must reach nothing.
  server.hits.clear();

  const failures: string[] = [];
  for (const [number, vector] of vectors.entries()) {
    const article = unwrap<Article>(await app.core.invoke('getArticle', [ids[number]]));
    if (article.status !== 'done') {
      failures.push(`${vector.name}: status ${article.status} (${article.error})`);
      continue;
    }
    await page.evaluate((hash) => void (location.hash = hash), `#/read/${ids[number]}`);
    const body = page.locator('.reader-body');
    await expect(page.getByRole('heading', { level: 1, name: articleTitle(number) })).toBeVisible({ timeout: CAPTURE_TIMEOUT });
    await expect(body).toContainText(ARTICLE_PARAGRAPHS.at(-1) as string);
    // Hovering and moving over the article gives pointer handlers their chance.
    await body.hover();
    const text = await body.innerText();
    const lost = ARTICLE_PARAGRAPHS.filter((paragraph) => !text.includes(paragraph));
    if (lost.length > 0) failures.push(`${vector.name}: lost ${lost.length} paragraph(s)`);
    for (const found of await activeContentIn(page)) failures.push(`${vector.name}: kept ${found}`);
    const after = await globalsOf(page);
    if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${vector.name}: globals changed ${JSON.stringify(after)}`);
    if (dialogs.length > 0 || app.outsideRequests.length > 0) failures.push(`${vector.name}: dialog ${dialogs.splice(0).join()} request ${app.outsideRequests.splice(0).join()}`);
  }
  // Late events (an image's error, a focus) land after the last article: checked once more.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

  console.log(`xss-vectors: tried ${vectors.length} XSS vectors in the reader`);
  expect(vectors.length).toBeGreaterThanOrEqual(250);
  expect(failures).toEqual([]);
  expect(await page.evaluate(() => typeof (window as unknown as { __xss?: unknown }).__xss)).toBe('undefined');
  expect(dialogs).toEqual([]);
  expect(app.outsideRequests).toEqual([]);
  expect(server.hits.get('/leak') ?? 0).toBe(0);
  expect(app.pageErrors).toEqual([]);
});
