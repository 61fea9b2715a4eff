// Scoring against pages people annotated (trafilatura's evaluation format): `evaldata.json` maps
// each page's URL to `{file, with, without}`; the page is `pages/<file>`, bytes as served. Each
// `with` snippet found in the extracted text is a true positive (else a false negative), each
// `without` snippet found a false positive (else a true negative), summed over all pages.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtml } from '../../electron/capture/fetching/decode-html.ts';
import { printTable, REFERENCE, runAll, speedCells, type Timed } from './extractors.ts';

interface Annotation {
  file: string;
  with?: Array<string | null>;
  without?: Array<string | null>;
}

interface Page {
  key: string;
  url: string;
  html: string;
  with: string[];
  without: string[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

export const isAnnotatedCorpus = (dir: string): boolean => existsSync(join(dir, 'evaldata.json'));

function loadCorpus(dir: string): Page[] {
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, Annotation>;
  return Object.entries(data)
    .filter(([, entry]) => existsSync(join(dir, 'pages', entry.file)))
    .map(([key, entry]) => ({
      key,
      // Keys are the pages' URLs, some with a prefix ("hard::…") that names a subset.
      url: /^https?:\/\//.test(key) ? key : `http://fakehost/${entry.file}`,
      // As a browser would: BOM, <meta> charset, then a guess (no HTTP header was kept).
      html: decodeHtml(readFileSync(join(dir, 'pages', entry.file))).text,
      with: (entry.with ?? []).filter((s): s is string => typeof s === 'string' && s.trim() !== '').map(squash),
      without: (entry.without ?? []).filter((s): s is string => typeof s === 'string' && s.trim() !== '').map(squash),
    }));
}

function score(page: Page, text: string | null): Counts {
  if (text === null) return { tp: 0, fp: 0, fn: page.with.length, tn: page.without.length };
  const have = squash(text);
  const found = page.with.filter((snippet) => have.includes(snippet)).length;
  const leaked = page.without.filter((snippet) => have.includes(snippet)).length;
  return { tp: found, fn: page.with.length - found, fp: leaked, tn: page.without.length - leaked };
}

const sum = (counts: Counts[]): Counts =>
  counts.reduce((total, c) => ({ tp: total.tp + c.tp, fp: total.fp + c.fp, fn: total.fn + c.fn, tn: total.tn + c.tn }), { tp: 0, fp: 0, fn: 0, tn: 0 });

export function benchAnnotatedCorpus(dir: string, runs: number, names: string[], log: (line: string) => void, jsonOut: string | null): void {
  const pages = loadCorpus(dir);
  const timed = runAll(pages, names, runs);
  const counts: Record<string, Counts[]> = Object.fromEntries(names.map((name) => [name, pages.map((page, i) => score(page, timed[name]?.[i]?.result?.text ?? null))]));
  const referenceTimes = (timed[REFERENCE] ?? []).map((run) => run.ms);
  const rows = names.map((name) => {
    const { tp, fp, fn } = sum(counts[name] ?? []);
    const errors = (timed[name] ?? []).filter((run) => !run.result).length;
    return [name, (tp / (tp + fp)).toFixed(3), (tp / (tp + fn)).toFixed(3), ((2 * tp) / (2 * tp + fp + fn)).toFixed(3), String(tp), String(fp), String(fn), ...speedCells((timed[name] ?? []).map((run) => run.ms), referenceTimes), String(errors)];
  });
  console.log(`${pages.length} pages annotated by people: snippets that must be in the text (tp/fn) and boilerplate that must not (fp); ms = fastest of ${runs} runs per page, × = ratio to ${REFERENCE}`);
  printTable(['extractor', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn', 'ms p50', '×', 'ms p95', '×', 'errors'], rows);
  reportLosses(pages, timed, counts, log);
  if (jsonOut) writeDetails(jsonOut, pages, timed, counts);
}

/** Every page where we find fewer of the wanted snippets than plain Readability does. */
function reportLosses(pages: Page[], timed: Record<string, Timed[]>, counts: Record<string, Counts[]>, log: (line: string) => void): void {
  const ours = counts.lectern;
  const reference = counts[REFERENCE];
  if (!ours || !reference) return;
  const lost = pages.flatMap((page, i) => ((ours[i]?.tp ?? 0) < (reference[i]?.tp ?? 0) ? [{ page, i }] : []));
  const gained = pages.filter((_, i) => (ours[i]?.tp ?? 0) > (reference[i]?.tp ?? 0)).length;
  const cleaner = pages.filter((_, i) => (ours[i]?.fp ?? 0) < (reference[i]?.fp ?? 0)).length;
  const dirtier = pages.filter((_, i) => (ours[i]?.fp ?? 0) > (reference[i]?.fp ?? 0)).length;
  console.log(`lectern vs ${REFERENCE}: more wanted snippets on ${gained} pages, fewer on ${lost.length}; less boilerplate on ${cleaner}, more on ${dirtier}`);
  for (const { page, i } of lost) {
    const error = timed.lectern?.[i]?.error;
    console.log(`  fewer: ${page.key} ${ours[i]?.tp}/${page.with.length} (readability ${reference[i]?.tp})${error ? ` error: ${error}` : ''}`);
    const have = squash(timed.lectern?.[i]?.result?.text ?? '');
    for (const snippet of page.with) if (!have.includes(snippet)) log(`    missing: ${snippet.slice(0, 140)}`);
  }
}

function writeDetails(path: string, pages: Page[], timed: Record<string, Timed[]>, counts: Record<string, Counts[]>): void {
  const details = pages.map((page, i) => ({
    key: page.key,
    with: page.with,
    without: page.without,
    ...Object.fromEntries(Object.keys(counts).map((name) => [name, { ...counts[name]?.[i], error: timed[name]?.[i]?.error ?? null, ms: timed[name]?.[i]?.ms, text: timed[name]?.[i]?.result?.text ?? null }])),
  }));
  writeFileSync(path, JSON.stringify(details));
}
