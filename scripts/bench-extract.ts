// Scores our extractor against a corpus of pages with expected output, next to plain
// Readability on jsdom and on linkedom (run in the same process, on the same pages).
//   npm run bench:extract -- <corpus-dir>       (each <dir>/<page>/ has source.html,
//   expected.html, expected-metadata.json; pages are extracted as http://fakehost/test/page.html)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../electron/capture/extract-article.ts';
import { elementToText } from '../electron/capture/html-to-text.ts';

const BASE_URL = 'http://fakehost/test/page.html';
const SHINGLE = 4;

interface Result {
  text: string;
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  publishedTime: string | null;
}
type Extractor = (html: string) => Result | null;

const htmlToText = (html: string): string => {
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
const EXTRACTORS: Record<string, Extractor> = {
  lectern: (html) => {
    const extracted = extractArticle(html, BASE_URL);
    return { ...extracted, text: extracted.text };
  },
  'readability+jsdom': (html) => fromReadability(new Readability(new JSDOM(html, { url: BASE_URL, virtualConsole: quietConsole }).window.document).parse()),
  'readability+linkedom': (html) => fromReadability(new Readability(parseHTML(html).document as unknown as Document).parse()),
};

const tokens = (text: string): string[] =>
  text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+/gu) ?? [];

function shingles(text: string): Set<string> {
  const words = tokens(text);
  const size = Math.min(SHINGLE, Math.max(1, words.length));
  const set = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) set.add(words.slice(i, i + size).join(' '));
  return set;
}

function f1(actual: string, expected: string): number {
  const a = shingles(actual);
  const e = shingles(expected);
  if (a.size === 0 && e.size === 0) return 1;
  if (a.size === 0 || e.size === 0) return 0;
  let overlap = 0;
  for (const shingle of a) if (e.has(shingle)) overlap++;
  const precision = overlap / a.size;
  const recall = overlap / e.size;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ?? '').replace(/\s+/g, ' ').trim().toLowerCase() === (b ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
const sameDate = (a: string | null | undefined, b: string | null | undefined): boolean => {
  if (!a || !b) return !a && !b;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return same(a, b) || (!Number.isNaN(x) && x === y);
};

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

interface Page {
  name: string;
  source: string;
  expectedText: string;
  metadata: Record<string, string | null>;
}

function loadCorpus(dir: string): Page[] {
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')) && existsSync(join(dir, name, 'expected.html')))
    .sort()
    .map((name) => ({
      name,
      source: readFileSync(join(dir, name, 'source.html'), 'utf8'),
      expectedText: htmlToText(readFileSync(join(dir, name, 'expected.html'), 'utf8')),
      metadata: existsSync(join(dir, name, 'expected-metadata.json'))
        ? (JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>)
        : {},
    }));
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: bench-extract <corpus-dir>\n');
    process.exit(2);
  }
  const pages = loadCorpus(dir);
  const verbose = process.argv.includes('--verbose');
  const rows: string[][] = [];
  const scores: Record<string, number[]> = {};
  for (const [name, extract] of Object.entries(EXTRACTORS)) {
    for (const page of pages.slice(0, 10)) extract(page.source); // warm the JIT
    const f1s: number[] = [];
    const times: number[] = [];
    const matches = { title: 0, byline: 0, excerpt: 0, siteName: 0, publishedTime: 0, lang: 0, dir: 0 };
    let failures = 0;
    for (const page of pages) {
      const started = performance.now();
      let result: Result | null = null;
      try {
        result = extract(page.source);
      } catch {
        failures++;
      }
      times.push(performance.now() - started);
      const score = f1(result?.text ?? '', page.expectedText);
      f1s.push(score);
      if (verbose) process.stderr.write(`${name}\t${page.name}\t${score.toFixed(3)}\n`);
      const expected = page.metadata;
      if (same(result?.title, expected.title)) matches.title++;
      if (same(result?.byline, expected.byline)) matches.byline++;
      if (same(result?.excerpt, expected.excerpt)) matches.excerpt++;
      if (same(result?.siteName, expected.siteName)) matches.siteName++;
      if (sameDate(result?.publishedTime, expected.publishedTime)) matches.publishedTime++;
      if (same(result?.lang, expected.lang)) matches.lang++;
      if (same(result?.dir, expected.dir)) matches.dir++;
    }
    scores[name] = f1s;
    const rate = (count: number) => `${((100 * count) / pages.length).toFixed(0)}%`;
    const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
    rows.push([
      name, mean.toFixed(3), percentile(f1s, 50).toFixed(3), rate(matches.title), rate(matches.byline), rate(matches.excerpt),
      rate(matches.siteName), rate(matches.publishedTime), rate(matches.lang), rate(matches.dir),
      percentile(times, 50).toFixed(1), percentile(times, 95).toFixed(1), String(failures),
    ]);
  }
  const header = ['extractor', 'F1 mean', 'F1 med', 'title', 'byline', 'excerpt', 'site', 'date', 'lang', 'dir', 'ms p50', 'ms p95', 'fail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(`${pages.length} pages, text F1 on ${SHINGLE}-gram shingles, metadata = exact match rate vs expected-metadata.json`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  const ours = scores.lectern ?? [];
  const baseline = scores['readability+linkedom'] ?? [];
  const worse = pages.filter((_, i) => (ours[i] ?? 0) < (baseline[i] ?? 0) - 0.05).map((page) => page.name);
  if (worse.length) console.log(`\nlectern worse than readability+linkedom by >0.05 F1 on: ${worse.join(', ')}`);
}

main();
