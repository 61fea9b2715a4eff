// Renderer benchmark: the built renderer in Chromium against the real core with a large library.
//   npm run bench:renderer [-- --json] [--articles 100000]
// Measures time to first list paint, time to open an article, frame times while flinging
// through the list, and the JS heap once the whole list has been scrolled through; with two
// highlights per article (200,000 at 100,000 articles) and one article holding 500 more, the
// Highlights view's first paint and the time to open that article until its highlights show.
// With --json the last line is one JSON object with the numbers. Needs `npm run build:renderer`
// first (the npm script does it; LECTERN_RENDERER_DIR points at another build) and Chromium
// (/usr/bin/chromium or CHROMIUM_PATH).
import { chromium, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../electron/core.ts';
import playwrightConfig from '../playwright.config.ts';
import { APP_ORIGIN, connectPageToCore } from '../tests/renderer/app-origin.ts';
import { anchorTextOf } from '../electron/library/anchor-text.ts';
import { HIGHLIGHT_COLORS } from '../electron/shared/highlight.ts';
import { seedArticles, seededArticleIds, seedHighlights, type SeedHighlight } from '../tests/renderer/seed.ts';

interface Options {
  articles: number;
  json: boolean;
  opens: number;
  flingSeconds: number;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { articles: 100_000, json: false, opens: 7, flingSeconds: 4 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
    else if (arg === '--articles') opts.articles = Number(argv[++i]);
    else if (arg === '--opens') opts.opens = Number(argv[++i]);
    else if (arg === '--fling-seconds') opts.flingSeconds = Number(argv[++i]);
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!Number.isInteger(opts.articles) || opts.articles < 100) throw new Error('--articles must be an integer ≥ 100');
  return opts;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);

/** Highlights every article gets; the one article the bench opens for them gets MANY_HIGHLIGHTS. */
const HIGHLIGHTS_PER_ARTICLE = 2;
const MANY_HIGHLIGHTS = 500;
/** That article's row in the unread list (newest first): among the long bodies, past the ones measureOpen walks. */
const MANY_HIGHLIGHTS_ROW = 20;

/** A realistic body (~1,500 words, headings, a list, a quote) for the articles the bench opens. */
function longBody(i: number): string {
  const sentence = `Paragraph text for article ${i}, long enough to wrap over several lines in the reader column and make layout do real work. `;
  const parts: string[] = [];
  for (let s = 0; s < 12; s++) {
    parts.push(`<h2>Section ${s + 1}</h2>`);
    for (let p = 0; p < 4; p++) parts.push(`<p>${sentence.repeat(3)}<a href="https://example.com/${s}/${p}">a link</a>.</p>`);
    if (s % 4 === 1) parts.push('<ul><li>One point</li><li>Another point</li><li>A third point</li></ul>');
    if (s % 4 === 3) parts.push(`<blockquote><p>${sentence}</p></blockquote>`);
  }
  return parts.join('\n');
}

/** Two highlights in every article's short body, and MANY_HIGHLIGHTS placed through one long body. */
function* benchHighlights(ids: string[], manyIndex: number, manyText: string): Generator<SeedHighlight> {
  const base = Date.UTC(2025, 6, 1);
  for (let i = 0; i < ids.length; i++) {
    const articleId = ids[i]!;
    const text = `Body of article ${i}.`;
    for (let k = 0; k < HIGHLIGHTS_PER_ARTICLE; k++) {
      const [start, end] = k === 0 ? [0, 15] : [8, text.length - 1];
      yield {
        articleId, quote: text.slice(start, end), prefix: text.slice(0, start), suffix: text.slice(end),
        start, end, color: HIGHLIGHT_COLORS[(i + k) % 4]!, note: i % 3 === 0 ? `A note on article ${i}` : '',
        createdAt: new Date(base + (i * HIGHLIGHTS_PER_ARTICLE + k) * 1000).toISOString(),
      };
    }
  }
  // Words two at a time, every third pair, so the 500 never overlap; created long ago, so they do
  // not crowd the Highlights view's first page.
  const words = [...manyText.matchAll(/\S+\s+\S+/g)];
  for (let n = 0; n < MANY_HIGHLIGHTS; n++) {
    const word = words[n * 3];
    if (!word) throw new Error(`The long body holds only ${words.length} word pairs`);
    const start = word.index;
    const end = start + word[0].length;
    yield {
      articleId: ids[manyIndex]!, quote: word[0], prefix: manyText.slice(Math.max(0, start - 32), start), suffix: manyText.slice(end, end + 32),
      start, end, color: HIGHLIGHT_COLORS[n % 4]!, createdAt: new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString(),
    };
  }
}

/** In the page, before any app script: notes when the first list row, or highlight, is on screen. */
function watchFirstRow() {
  const w = window as unknown as { __firstRowPaint?: number };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.article-list > .row, .highlight-cards > .highlight-card')) return;
    observer.disconnect();
    // The row is in the DOM; the frame that shows it is the next one.
    requestAnimationFrame(() => {
      w.__firstRowPaint = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function measureFirstPaint(page: Page, hash = '#/unread'): Promise<number> {
  // From a blank page each time: a goto that only changes the hash would not reload the app.
  await page.goto('about:blank');
  await page.goto(`${APP_ORIGIN}/${hash}`);
  await page.waitForFunction(() => (window as unknown as { __firstRowPaint?: number }).__firstRowPaint !== undefined);
  return page.evaluate(() => (window as unknown as { __firstRowPaint: number }).__firstRowPaint);
}

/**
 * Keypress (its event timestamp) → the reader body in the DOM (and, with `highlights`, that
 * many distinct highlights shown in it) → the next frame. NaN if they never all show.
 */
async function measureOpen(page: Page, index: number, highlights = 0): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.list-heading').click();
  for (let i = 0; i <= index; i++) await page.keyboard.press('j');
  // Armed before the key goes down, so its own keydown is the one timed.
  await page.evaluate((highlights) => {
    const w = window as unknown as { __opened?: Promise<number> };
    w.__opened = new Promise<number>((done) => {
      let pressed = 0;
      window.addEventListener('keydown', (e) => (pressed = e.timeStamp), { once: true, capture: true });
      const shown = (body: Element) => {
        if (highlights === 0) return true;
        const ids = new Set([...body.querySelectorAll('mark.highlight[data-highlight-id]')].map((m) => m.getAttribute('data-highlight-id')));
        (window as unknown as { __highlightsShown?: number }).__highlightsShown = ids.size;
        return ids.size >= highlights;
      };
      const observer = new MutationObserver(() => {
        const body = document.querySelector('.reader-body');
        if (!pressed || !body?.textContent || !shown(body)) return;
        observer.disconnect();
        clearTimeout(timeout);
        requestAnimationFrame(() => done(performance.now() - pressed));
      });
      const timeout = setTimeout(() => {
        observer.disconnect();
        done(NaN);
      }, 10_000);
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-highlight-id'] });
    });
  }, highlights);
  await page.keyboard.press('Enter');
  const ms = await page.evaluate(() => (window as unknown as { __opened: Promise<number> }).__opened);
  if (Number.isNaN(ms)) {
    const shown = await page.evaluate(() => (window as unknown as { __highlightsShown?: number }).__highlightsShown ?? 0);
    console.log(`the reader showed ${shown} of ${highlights} highlights within 10 s`);
  }
  await page.keyboard.press('u');
  await page.locator('.article-list').waitFor();
  return ms;
}

/** Scrolls the window at a steady, fast speed for `seconds`, recording rAF deltas. */
async function fling(page: Page, seconds: number): Promise<{ deltas: number[]; rows: number; idleFrame: number }> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(
    async ({ seconds }) => {
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      // The display's own frame interval, for reference.
      const idle: number[] = [];
      let prev = await frame();
      for (let i = 0; i < 30; i++) {
        const t = await frame();
        idle.push(t - prev);
        prev = t;
      }
      idle.sort((a, b) => a - b);
      const pxPerMs = 12; // 12,000 px/s: ~80 rows a second, a hard fling held for seconds.
      const deltas: number[] = [];
      const start = await frame();
      prev = start;
      let y = 0;
      for (;;) {
        const t = await frame();
        deltas.push(t - prev);
        y += (t - prev) * pxPerMs;
        window.scrollTo(0, y);
        prev = t;
        if (t - start > seconds * 1000) break;
      }
      const last = document.querySelector('.article-list > .row:last-child');
      return { deltas, rows: Number(last?.getAttribute('aria-posinset') ?? 0), idleFrame: idle[idle.length >> 1] ?? 0 };
    },
    { seconds },
  );
}

/** Scrolls to the bottom until every page of the list has been loaded. */
async function scrollToEnd(page: Page, total: number): Promise<number> {
  const started = performance.now();
  await page.evaluate(async (total) => {
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    const lastIndex = () => Number(document.querySelector('.article-list > .row:last-child')?.getAttribute('aria-posinset') ?? 0);
    let stalled = 0;
    while (lastIndex() < total && stalled < 600) {
      const height = document.documentElement.scrollHeight;
      window.scrollTo(0, height);
      await frame();
      await frame();
      stalled = document.documentElement.scrollHeight === height ? stalled + 1 : 0;
    }
  }, total);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const rendererDir = process.env.LECTERN_RENDERER_DIR ?? resolve(import.meta.dirname, '..', 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('No built renderer: run `npm run build:renderer` first.');
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-bench-renderer-'));
  const log = (line: string) => console.log(line);

  const seedStart = performance.now();
  const manyIndex = opts.articles - 1 - MANY_HIGHLIGHTS_ROW;
  seedArticles(dataDir, { count: opts.articles, html: (i) => (i >= manyIndex ? longBody(i) : `<p>Body of article ${i}.</p>`) });
  log(`seeded ${opts.articles.toLocaleString('en-US')} articles in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const highlightSeedStart = performance.now();
  const highlightCount = seedHighlights(dataDir, benchHighlights(seededArticleIds(dataDir), manyIndex, anchorTextOf(longBody(manyIndex))));
  const highlightSeedMs = performance.now() - highlightSeedStart;
  log(`seeded ${highlightCount.toLocaleString('en-US')} highlights (${MANY_HIGHLIGHTS} in one article) in ${(highlightSeedMs / 1000).toFixed(1)} s`);

  const core = createCore({ dataDir, rendererDir, allowFetch: () => false });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: playwrightConfig.use?.launchOptions?.args ?? [],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const unsubscribe = await connectPageToCore(page, core);
    await page.addInitScript(watchFirstRow);

    // First paint: a cold start (nothing cached, SQLite pages cold), then the median of five warm ones.
    const coldPaint = await measureFirstPaint(page);
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) paints.push(await measureFirstPaint(page));
    await page.locator('.article-list > .row').first().waitFor();

    const opens: number[] = [];
    for (let i = 0; i < opts.opens; i++) opens.push(await measureOpen(page, i % 10));
    opens.shift(); // the first open also compiles the reader's code paths
    const highlightedOpens: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Another view (All holds the same rows, nothing is archived) starts the keyboard's
      // selection over, so it walks from the top to that article's row.
      const [hash, title] = i % 2 === 0 ? ['#/all', 'All'] : ['#/unread', 'Unread'];
      await page.evaluate((hash) => (location.hash = hash), hash);
      await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
      await page.locator('.article-list > .row').first().waitFor();
      highlightedOpens.push(await measureOpen(page, MANY_HIGHLIGHTS_ROW, MANY_HIGHLIGHTS));
    }
    highlightedOpens.shift();

    // The Highlights view: cold (first visit) and the median of five more, then back to the list.
    const coldHighlightsPaint = await measureFirstPaint(page, '#/highlights');
    const highlightPaints: number[] = [];
    for (let i = 0; i < 5; i++) highlightPaints.push(await measureFirstPaint(page, '#/highlights'));
    await measureFirstPaint(page);
    await page.locator('.article-list > .row').first().waitFor();

    const { deltas, rows: flungRows, idleFrame } = await fling(page, opts.flingSeconds);
    const endMs = await scrollToEnd(page, opts.articles);
    const lastRow = await page.locator('.article-list > .row:last-child').getAttribute('aria-posinset');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const domNodes = metrics.find((m) => m.name === 'Nodes')?.value ?? NaN;
    unsubscribe();

    // A frame is on time if it lands on the next vsync; the display here ticks every idleFrame ms.
    const frameBudget = Math.max(16, idleFrame * 1.05);
    const result = {
      articles: opts.articles,
      firstPaintMs: Math.round(median(paints)),
      coldFirstPaintMs: Math.round(coldPaint),
      openMs: Math.round(median(opens)),
      openMaxMs: Math.round(Math.max(...opens)),
      highlights: highlightCount,
      highlightSeedMs: Math.round(highlightSeedMs),
      highlightsPaintMs: Math.round(median(highlightPaints)),
      coldHighlightsPaintMs: Math.round(coldHighlightsPaint),
      openHighlightedMs: Math.round(median(highlightedOpens)),
      openHighlightedMaxMs: Math.round(Math.max(...highlightedOpens)),
      frameP50Ms: +percentile(deltas, 50).toFixed(1),
      frameP95Ms: +percentile(deltas, 95).toFixed(1),
      frameMaxMs: +Math.max(...deltas).toFixed(1),
      frames: deltas.length,
      vsyncMs: +idleFrame.toFixed(1),
      rowsFlung: flungRows,
      scrollToEndMs: Math.round(endMs),
      lastRow: Number(lastRow),
      heapMB: +(heapBytes / 2 ** 20).toFixed(1),
      domNodes,
    };
    const targets = [
      { metric: 'first list paint (median of 5)', value: `${result.firstPaintMs} ms`, target: '≤ 500 ms', ok: result.firstPaintMs <= 500 },
      { metric: 'first list paint, cold browser', value: `${result.coldFirstPaintMs} ms`, target: '', ok: true },
      { metric: 'open article (median)', value: `${result.openMs} ms (max ${result.openMaxMs})`, target: '≤ 150 ms', ok: result.openMs <= 150 },
      { metric: 'Highlights view first paint (median of 5)', value: `${result.highlightsPaintMs} ms`, target: '≤ 500 ms', ok: result.highlightsPaintMs <= 500 },
      { metric: 'Highlights view first paint, first visit', value: `${result.coldHighlightsPaintMs} ms`, target: '', ok: true },
      { metric: `open article with ${MANY_HIGHLIGHTS} highlights (median)`, value: `${result.openHighlightedMs} ms (max ${result.openHighlightedMaxMs})`, target: '≤ 150 ms', ok: result.openHighlightedMs <= 150 },
      { metric: 'fling frame p50', value: `${result.frameP50Ms} ms`, target: '', ok: true },
      { metric: 'fling frame p95', value: `${result.frameP95Ms} ms`, target: `≤ 16 ms (vsync ${result.vsyncMs})`, ok: result.frameP95Ms <= frameBudget },
      { metric: 'fling frame max', value: `${result.frameMaxMs} ms`, target: '', ok: true },
      { metric: 'JS heap after end', value: `${result.heapMB} MB`, target: '≤ 150 MB', ok: result.heapMB <= 150 },
    ];
    log(`flung through ${flungRows.toLocaleString('en-US')} rows in ${opts.flingSeconds} s (${deltas.length} frames); ` +
      `scrolled to row ${result.lastRow.toLocaleString('en-US')} in ${(endMs / 1000).toFixed(1)} s; ${domNodes} DOM nodes`);
    log('');
    log(`| metric | value | target | ok |\n| --- | --- | --- | --- |`);
    for (const t of targets) log(`| ${t.metric} | ${t.value} | ${t.target} | ${t.target ? (t.ok ? 'yes' : 'NO') : ''} |`);
    if (opts.json) console.log(JSON.stringify({ ...result, pass: targets.every((t) => t.ok) }));
  } finally {
    await browser.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
