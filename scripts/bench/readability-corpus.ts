// Scoring against Readability's own test pages (`<dir>/<page>/source.html`, `expected.html`,
// `expected-metadata.json`): text F1 on word 4-gram shingles and metadata match rates. The
// expected output is Readability's, so this measures agreement with it, not quality.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToText, percentile, printTable, REFERENCE, runAll, speedCells, type Result, type Timed } from './extractors.ts';

const BASE_URL = 'http://fakehost/test/page.html';
const SHINGLE = 4;

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

const squash = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
const same = (a: string | null | undefined, b: string | null | undefined): boolean => squash(a) === squash(b);

// Fair comparisons. The expected values are Readability's own output, so where we differ by
// design they are compared on what they say, not how it is spelled:
// - bylines without the "By" label Readability keeps ("By Erin Cunningham" = "Erin Cunningham");
// - titles without a site suffix we strip on purpose ("Mozilla - Wikipedia" = "Mozilla"): the
//   dropped end parts must each be short (≤ 5 words), so a lost half of a real title still misses;
// - dates by instant (we normalise to ISO 8601 UTC).
const BYLINE_LABEL = /^(?:by|written by|posted by|par|von|por)\s*:?\s+/i;
const sameByline = (a: string | null | undefined, b: string | null | undefined): boolean =>
  same(a?.replace(BYLINE_LABEL, ''), b?.replace(BYLINE_LABEL, ''));
function sameTitle(actual: string | null | undefined, expected: string | null | undefined): boolean {
  if (same(actual, expected)) return true;
  const title = expected ?? '';
  const separators = [...title.matchAll(/\s+[|\-–—·»/]\s+|\s*_\s*/g)];
  return separators.some((separator) => {
    const dropped = title.slice(separator.index).split(/\s+[|\-–—·»/]\s+|\s*_\s*/).filter(Boolean);
    return dropped.every((part) => part.trim().split(/\s+/).length <= 5) && same(actual, title.slice(0, separator.index));
  });
}
const sameDate = (a: string | null | undefined, b: string | null | undefined): boolean => {
  if (!a || !b) return !a && !b;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return same(a, b) || (!Number.isNaN(x) && x === y);
};

type Field = 'title' | 'byline' | 'excerpt' | 'siteName' | 'publishedTime' | 'lang' | 'dir';
const FIELDS: Record<Field, (a: string | null | undefined, b: string | null | undefined) => boolean> = {
  title: sameTitle, byline: sameByline, excerpt: same, siteName: same, publishedTime: sameDate, lang: same, dir: same,
};

interface Page {
  name: string;
  html: string;
  url: string;
  expectedText: string;
  metadata: Record<string, string | null>;
}

export const isReadabilityCorpus = (dir: string): boolean =>
  readdirSync(dir).some((name) => existsSync(join(dir, name, 'expected.html')));

function loadCorpus(dir: string): Page[] {
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')) && existsSync(join(dir, name, 'expected.html')))
    .sort()
    .map((name) => ({
      name,
      html: readFileSync(join(dir, name, 'source.html'), 'utf8'),
      url: BASE_URL,
      expectedText: htmlToText(readFileSync(join(dir, name, 'expected.html'), 'utf8')),
      metadata: existsSync(join(dir, name, 'expected-metadata.json'))
        ? (JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>)
        : {},
    }));
}

/** Expected text blocks our output lacks: what a lower F1 is made of, for a human to judge. */
function missingBlocks(ours: string, expected: string): string[] {
  const have = squash(ours);
  return expected.split('\n\n').map((block) => squash(block)).filter((block) => block && !have.includes(block));
}

export function benchReadabilityCorpus(dir: string, runs: number, names: string[], log: (line: string) => void): void {
  const pages = loadCorpus(dir);
  const timed = runAll(pages, names, runs);
  const f1s: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, (timed[name] ?? []).map((run, i) => f1(run.result?.text ?? '', pages[i]?.expectedText ?? ''))]));
  const rows: string[][] = [];
  const extras: string[] = [];
  const referenceTimes = (timed[REFERENCE] ?? []).map((run) => run.ms);
  for (const name of names) {
    const scored = timed[name] ?? [];
    const rates = Object.keys(FIELDS).map((field) => fieldRate(pages, scored, name, field as Field, extras, log));
    const pageF1 = f1s[name] ?? [];
    const mean = pageF1.reduce((a, b) => a + b, 0) / pageF1.length;
    const failures = scored.filter((run) => !run.result).length;
    rows.push([name, mean.toFixed(3), percentile(pageF1, 50).toFixed(3), ...rates, ...speedCells(scored.map((run) => run.ms), referenceTimes), String(failures)]);
  }
  console.log(`${pages.length} pages (Readability's own output as expected), text F1 on ${SHINGLE}-gram shingles, metadata = match rate vs expected-metadata.json (fair comparisons: see the script); ms = fastest of ${runs} runs per page, × = ratio to ${REFERENCE}`);
  printTable(['extractor', 'F1 mean', 'F1 med', 'title', 'byline', 'excerpt', 'site', 'date', 'lang', 'dir', 'ms p50', '×', 'ms p95', '×', 'fail'], rows);
  if (extras.length) console.log(`\nfound where Readability found nothing (not scored): ${extras.join(', ')}`);
  reportDifferences(pages, timed, f1s, log);
}

function fieldRate(pages: Page[], scored: Timed[], name: string, field: Field, extras: string[], log: (line: string) => void): string {
  let compared = 0;
  let matched = 0;
  let extra = 0;
  pages.forEach((page, i) => {
    // A field the corpus does not record is not scored; a value found where Readability found
    // none is listed, not scored (it was hand-checked, see --verbose), and not a miss either.
    if (!(field in page.metadata)) return;
    const expected = page.metadata[field];
    const actual = scored[i]?.result?.[field as keyof Result];
    if (!expected && actual) {
      extra++;
      if (name === 'lectern') log(`extra\t${page.name}\t${field}\t${JSON.stringify(actual)}`);
      return;
    }
    compared++;
    if (FIELDS[field](actual, expected)) matched++;
    else if (name === 'lectern') log(`miss\t${page.name}\t${field}\tours ${JSON.stringify(actual)}\texpected ${JSON.stringify(expected)}`);
  });
  if (extra) extras.push(`${name} ${field} +${extra}`);
  return compared ? `${((100 * matched) / compared).toFixed(0)}%` : '-';
}

/**
 * Every page where we score above plain Readability, and every page where we score below it,
 * with what we left out. Our boilerplate removal is meant to cost F1 against Readability's
 * output (it keeps share bars, newsletter boxes, comment threads); this shows which text.
 */
function reportDifferences(pages: Page[], timed: Record<string, Timed[]>, f1s: Record<string, number[]>, log: (line: string) => void): void {
  const ours = f1s.lectern ?? [];
  const baseline = f1s[REFERENCE] ?? [];
  const lower = pages.flatMap((page, i) => ((baseline[i] ?? 0) - (ours[i] ?? 0) > 0.0005 ? [{ page, gap: (baseline[i] ?? 0) - (ours[i] ?? 0), i }] : []));
  const higher = pages.flatMap((page, i) => ((ours[i] ?? 0) - (baseline[i] ?? 0) > 0.0005 ? [`${page.name} +${((ours[i] ?? 0) - (baseline[i] ?? 0)).toFixed(3)}`] : []));
  if (higher.length) console.log(`lectern above ${REFERENCE} on ${higher.length} pages: ${higher.join(', ')}`);
  if (lower.length === 0) return;
  const total = lower.reduce((sum, { gap }) => sum + gap, 0);
  console.log(`lectern below ${REFERENCE} on ${lower.length} pages (mean F1 cost ${(total / pages.length).toFixed(4)}):`);
  console.log(`  ${lower.map(({ page, gap }) => `${page.name} -${gap.toFixed(3)}`).join(', ')}`);
  for (const { page, i } of lower) {
    for (const block of missingBlocks(timed.lectern?.[i]?.result?.text ?? '', page.expectedText)) log(`left out\t${page.name}\t${block.slice(0, 160)}`);
  }
}
