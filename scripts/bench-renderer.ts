// Renderer benchmark: the built renderer in Chromium against the real core with a large library.
//   npm run bench:renderer [-- --json] [--articles 100000]
// Measures time to first list paint, time to open an article, frame times while flinging
// through the list, and the JS heap once the whole list has been scrolled through. With --json
// the last line is one JSON object with the numbers. Needs `npm run build:renderer` first
// (the npm script does it) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
import { chromium, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../electron/core.ts';
import playwrightConfig from '../playwright.config.ts';
import { APP_ORIGIN, connectPageToCore } from '../tests/renderer/app-origin.ts';
import { seedArticles } from '../tests/renderer/seed.ts';

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

/** In the page, before any app script: notes when the first list row is on screen. */
function watchFirstRow() {
  const w = window as unknown as { __firstRowPaint?: number };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.article-list > .row')) return;
    observer.disconnect();
    // The row is in the DOM; the frame that shows it is the next one.
    requestAnimationFrame(() => {
      w.__firstRowPaint = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function measureFirstPaint(page: Page): Promise<number> {
  // From a blank page each time: a goto that only changes the hash would not reload the app.
  await page.goto('about:blank');
  await page.goto(`${APP_ORIGIN}/#/unread`);
  await page.waitForFunction(() => (window as unknown as { __firstRowPaint?: number }).__firstRowPaint !== undefined);
  return page.evaluate(() => (window as unknown as { __firstRowPaint: number }).__firstRowPaint);
}

/** Keypress (its event timestamp) → the reader body in the DOM → the next frame. */
async function measureOpen(page: Page, index: number): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.list-heading').click();
  for (let i = 0; i <= index; i++) await page.keyboard.press('j');
  // Armed before the key goes down, so its own keydown is the one timed.
  await page.evaluate(() => {
    const w = window as unknown as { __opened?: Promise<number> };
    w.__opened = new Promise<number>((done) => {
      let pressed = 0;
      window.addEventListener('keydown', (e) => (pressed = e.timeStamp), { once: true, capture: true });
      const observer = new MutationObserver(() => {
        const body = document.querySelector('.reader-body');
        if (!pressed || !body?.textContent) return;
        observer.disconnect();
        requestAnimationFrame(() => done(performance.now() - pressed));
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  });
  await page.keyboard.press('Enter');
  const ms = await page.evaluate(() => (window as unknown as { __opened: Promise<number> }).__opened);
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
  const rendererDir = resolve(import.meta.dirname, '..', 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('No built renderer: run `npm run build:renderer` first.');
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-bench-renderer-'));
  const log = (line: string) => console.log(line);

  const seedStart = performance.now();
  seedArticles(dataDir, { count: opts.articles, html: (i) => (i >= opts.articles - 20 ? longBody(i) : `<p>Body of article ${i}.</p>`) });
  log(`seeded ${opts.articles.toLocaleString('en-US')} articles in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

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
