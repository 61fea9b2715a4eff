// The extractors a benchmark compares, run on the same pages in the same process: ours, and
// plain Readability on linkedom (the reference every ratio is taken against) and on jsdom.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../electron/capture/extraction/extract-article.ts';
import { elementToText } from '../../electron/capture/extraction/html-to-text.ts';

export interface Result {
  text: string;
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  publishedTime: string | null;
}
export type Extractor = (html: string, url: string) => Result | null;

export const REFERENCE = 'readability+linkedom';

export const htmlToText = (html: string): string => {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return elementToText(document.body);
};

const fromReadability = (parsed: ReturnType<Readability['parse']>): Result | null =>
  parsed && {
    text: htmlToText(parsed.content ?? ''),
    title: parsed.title ?? null,
    byline: parsed.byline ?? null,
    excerpt: parsed.excerpt ?? null,
    siteName: parsed.siteName ?? null,
    lang: parsed.lang ?? null,
    dir: parsed.dir ?? null,
    publishedTime: parsed.publishedTime ?? null,
  };

const quietConsole = new VirtualConsole();
export const EXTRACTORS: Record<string, Extractor> = {
  lectern: (html, url) => extractArticle(html, url),
  // Each finder alone, through the same clean-up (bench-extract --candidates).
  'lectern:readability': (html, url) => extractArticle(html, url, { candidate: 'readability' }),
  'lectern:density': (html, url) => extractArticle(html, url, { candidate: 'density' }),
  'readability+jsdom': (html, url) => fromReadability(new Readability(new JSDOM(html, { url, virtualConsole: quietConsole }).window.document).parse()),
  [REFERENCE]: (html) => fromReadability(new Readability(parseHTML(html).document as unknown as Document).parse()),
};

export interface Timed {
  result: Result | null;
  error: string | null;
  ms: number;
}

/**
 * Runs each named extractor on every page `runs` times, in rotating order, so GC and JIT state
 * favour none of them. A page's time is its fastest run: the least disturbed by GC pauses and
 * by whatever else the machine is doing, which one run at ~15 ms is very sensitive to.
 */
export function runAll(pages: ReadonlyArray<{ html: string; url: string }>, names: string[], runs: number): Record<string, Timed[]> {
  const results: Record<string, Timed[]> = Object.fromEntries(names.map((name) => [name, []]));
  const run = (name: string, page: { html: string; url: string }): Timed => {
    const started = performance.now();
    try {
      const result = EXTRACTORS[name]?.(page.html, page.url) ?? null;
      return { result, error: result ? null : 'no result', ms: performance.now() - started };
    } catch (error) {
      return { result: null, error: error instanceof Error ? error.message : String(error), ms: performance.now() - started };
    }
  };
  for (const page of pages.slice(0, 10)) for (const name of names) run(name, page); // warm the JIT
  pages.forEach((page, index) => {
    for (let round = 0; round < runs; round++) {
      for (let turn = 0; turn < names.length; turn++) {
        const name = names[(index + round + turn) % names.length] ?? '';
        const timed = run(name, page);
        const list = results[name] ?? [];
        const previous = list[index];
        if (previous) previous.ms = Math.min(previous.ms, timed.ms);
        else list[index] = timed;
      }
    }
  });
  return results;
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** A table with the first column left-aligned and the rest right-aligned. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

/** "ms p50" and "ms p95" cells, each with its ratio to the reference extractor's. */
export function speedCells(times: number[], reference: number[]): string[] {
  const [p50, p95] = [percentile(times, 50), percentile(times, 95)];
  const [r50, r95] = [percentile(reference, 50), percentile(reference, 95)];
  return [p50.toFixed(1), `${(p50 / r50).toFixed(2)}×`, p95.toFixed(1), `${(p95 / r95).toFixed(2)}×`];
}
