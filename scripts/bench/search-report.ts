// The search bench's printed tables: ours, the naive reference, and ours / naive with the
// targets of issue 14 beside each ratio (pass or FAIL), then the memory while searching.
import { LIST_CLASSES, SEARCH_CLASSES, type QueryClass } from './search-corpus.ts';
import type { OpenTiming } from './open-timing.ts';

export interface Timing {
  p50: number;
  p95: number;
}

/** One library's numbers; ours and the naive one have the same keys. */
export interface Measured {
  articles: number;
  textBytes: number;
  dbBytes: number;
  insertPerSec: number;
  queries: Record<QueryClass, Timing>;
  /** Median matches a search class found ("1000+" when ours stopped counting). */
  totals: Partial<Record<QueryClass, string>>;
}

export interface Ratio {
  dbBytes: number;
  insertPerSec: number;
  queries: Record<QueryClass, Timing>;
}

export interface Memory {
  beforeBytes: number;
  peakBytes: number;
  afterBytes: number;
}

/** The least parts of the work cost in this run (floors.ts); a target below its floor cannot pass. */
export interface Floors {
  /** A contentless FTS5 index of the same bodies; 0 on a kept library (nothing inserted). */
  insertPerSec: number;
  /** Per search class on ours: FTS5 alone, and with the on-screen rows' bodies unpacked. */
  searches: Partial<Record<QueryClass, { fts: Timing; withBodies: Timing }>>;
}

export interface Target {
  name: string;
  value: number;
  limit: number;
  /** 'max': value ≤ limit passes; 'min': value ≥ limit passes. */
  kind: 'max' | 'min';
  pass: boolean;
}

const SEARCH_P95_MAX = 0.25;
const LIST_P95_MAX = 10;
const DB_PER_TEXT_MAX = 1.4;
const INSERT_RATIO_MIN = 1.5;
const RSS_MAX_BYTES = 200 * 1024 * 1024;
/** The article count the memory target is stated for. */
const RSS_TARGET_ARTICLES = 100_000;

const ratioOf = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 1000) / 1000 : Infinity);

export function ratios(ours: Measured, naive: Measured): Ratio {
  const queries = Object.fromEntries(
    Object.entries(ours.queries).map(([name, t]) => {
      const n = naive.queries[name as QueryClass];
      return [name, { p50: ratioOf(t.p50, n.p50), p95: ratioOf(t.p95, n.p95) }];
    }),
  ) as Record<QueryClass, Timing>;
  return { dbBytes: ratioOf(ours.dbBytes, naive.dbBytes), insertPerSec: ratioOf(ours.insertPerSec, naive.insertPerSec), queries };
}

const target = (name: string, value: number, limit: number, kind: 'max' | 'min'): Target =>
  ({ name, value, limit, kind, pass: kind === 'max' ? value <= limit : value >= limit });

/** Issue 14's targets, each as a ratio on the same machine (memory: bytes, at 100,000 articles). */
export function targets(ours: Measured, ratio: Ratio | null, memory: Memory): Target[] {
  const list: Target[] = [];
  if (ratio) {
    for (const c of SEARCH_CLASSES) list.push(target(`${c} p95 / naive`, ratio.queries[c].p95, SEARCH_P95_MAX, 'max'));
    for (const c of LIST_CLASSES) list.push(target(`${c} p95 / naive`, ratio.queries[c].p95, LIST_P95_MAX, 'max'));
    // A run on a kept library (--db) inserted nothing and knows no text size.
    if (ours.insertPerSec > 0) list.push(target('inserts / naive', ratio.insertPerSec, INSERT_RATIO_MIN, 'min'));
  }
  if (ours.textBytes > 0) list.push(target('db bytes / text byte', ratioOf(ours.dbBytes, ours.textBytes), DB_PER_TEXT_MAX, 'max'));
  if (ours.articles === RSS_TARGET_ARTICLES) list.push(target('peak RSS while searching', memory.peakBytes, RSS_MAX_BYTES, 'max'));
  return list;
}

const MB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const mark = (t: Target | undefined): string => (t ? (t.pass ? 'pass' : 'FAIL') : '');
const limitText = (t: Target | undefined, unit = '×'): string => (t ? `${t.kind === 'max' ? '≤' : '≥'} ${t.limit}${unit}` : '');
const cols = (cells: string[], widths: number[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('');

function libraryTable(title: string, m: Measured, optimizeMs: number): string[] {
  const w = [22, 10, 10, 10];
  return [
    // A run on a kept library (--db) built nothing: its text size and insert rate are unknown.
    `${title}: db ${(m.dbBytes / 1e6).toFixed(1)} MB` + (m.textBytes > 0
      ? ` = ${(m.dbBytes / m.textBytes).toFixed(2)}× text, insert ${m.insertPerSec} articles/s, optimize ${Math.round(optimizeMs)} ms`
      : ' (a kept library: text size and insert rate not measured)'),
    cols(['class', 'p50 ms', 'p95 ms', 'matches'], w),
    ...Object.entries(m.queries).map(([name, t]) =>
      cols([name, t.p50.toFixed(2), t.p95.toFixed(2), m.totals[name as QueryClass] ?? '—'], w)),
  ];
}

function ratioTable(ours: Measured, naive: Measured, ratio: Ratio, checks: Target[]): string[] {
  const w = [22, 10, 10, 8, 8, 13, 6];
  const find = (name: string): Target | undefined => checks.find((t) => t.name === name);
  const rows = Object.entries(ratio.queries).map(([name, r]) => {
    const t = find(`${name} p95 / naive`);
    const q = name as QueryClass;
    return cols([name, ours.queries[q].p95.toFixed(2), naive.queries[q].p95.toFixed(2), r.p50.toFixed(2), r.p95.toFixed(2), limitText(t), mark(t)], w);
  });
  const db = find('db bytes / text byte');
  const ins = find('inserts / naive');
  const perText = (m: Measured): string => (m.dbBytes / m.textBytes).toFixed(2);
  const built = ours.textBytes > 0;
  return [
    'ours / naive (same articles, same run)',
    cols(['class', 'ours p95', 'naive p95', 'p50 ×', 'p95 ×', 'target', ''], w),
    ...rows,
    ...(built ? [
      cols(['db bytes / text byte', perText(ours), perText(naive), '', ratio.dbBytes.toFixed(2), limitText(db, '× text'), mark(db)], w),
      cols(['insert articles/s', String(ours.insertPerSec), String(naive.insertPerSec), '', ratio.insertPerSec.toFixed(2), limitText(ins), mark(ins)], w),
    ] : [cols(['db bytes', String(ours.dbBytes), String(naive.dbBytes), '', ratio.dbBytes.toFixed(2), '', ''], w)]),
  ];
}

/** What each naive query class is, where it differs from a literal reading of ours. */
function naiveNotes(cjkLiteral: { timing: Timing; matches?: string } | undefined): string[] {
  const literal = cjkLiteral
    ? `p50 ${cjkLiteral.timing.p50.toFixed(2)} ms, p95 ${cjkLiteral.timing.p95.toFixed(2)} ms, median ${cjkLiteral.matches ?? '?'} matches`
    : 'not measured';
  return [
    'searches: the top 50 by rank with snippet(), plus an uncapped count(*); ours counts up to its count limit.',
    'cjk: unicode61 keeps a CJK run as one token, so no MATCH finds a 2–3 character word inside a run',
    `  (the literal MATCH of the same strings: ${literal}).`,
    '  The naive cjk row is the nearest way this schema finds the same articles: instr() over every title',
    '  and body, newest first, counted in the same pass (no rank, no snippet()).',
    'filtered: the MATCH joined to articles (archived = 0) and to the tag links (tag = …).',
    'listUnread: WHERE archived = 0 ORDER BY created_at DESC LIMIT 50 on the (archived, created_at) index, no count',
    '  (ours also counts the view). listTag: tag links keyed (tag, created_at), walked newest first, LIMIT 50.',
  ];
}

export interface ReportInput {
  ours: Measured;
  naive: Measured | null;
  ratio: Ratio | null;
  checks: Target[];
  memory: Memory;
  optimizeMs: { ours: number; naive: number };
  load: { start: number[]; end: number[] };
  cjkLiteral?: { timing: Timing; matches?: string };
  floors?: Floors;
  open?: OpenTiming;
}

/** Each floor beside the naive library and the target it bounds. */
function floorLines(floors: Floors, ours: Measured, naive: Measured): string[] {
  const times = (ms: number, naiveMs: number): string => `${ms.toFixed(2)} ms = ${(ms / naiveMs).toFixed(2)}× naive`;
  const lines = ['floors (what parts of the work cost alone in this run, scripts/bench/floors.ts; a target below one needs other work):'];
  if (floors.insertPerSec > 0 && naive.insertPerSec > 0 && ours.insertPerSec > 0) {
    const us = (perSec: number): number => 1e6 / perSec;
    // What the target leaves, per article, for everything ours stores beside the body index.
    const budget = us(INSERT_RATIO_MIN * naive.insertPerSec) - us(floors.insertPerSec);
    lines.push(`  inserts: a contentless FTS5 index of the bodies alone (phrases and bm25, ours' bulk settings, nothing else stored) ` +
      `took ${floors.insertPerSec}/s = ${(floors.insertPerSec / naive.insertPerSec).toFixed(2)}× naive. At the target (${INSERT_RATIO_MIN}×), ` +
      `everything else ours stores (rows, list indexes, the short-field index, compression, counts, sync outbox) would have ` +
      `${Math.round(budget)} µs an article; it takes ${Math.round(us(ours.insertPerSec) - us(floors.insertPerSec))} µs`);
  }
  for (const [name, f] of Object.entries(floors.searches)) {
    const n = naive.queries[name as QueryClass].p95;
    lines.push(`  ${name} p95: ours ${times(ours.queries[name as QueryClass].p95, n)} (target ≤ ${SEARCH_P95_MAX}×); on ours, FTS5 alone ` +
      `(the count to the cap, then the top 50 by bm25, or the newest 50 when capped) ${times(f.fts.p95, n)}, and with the on-screen rows' bodies unpacked ` +
      `for their snippets ${times(f.withBodies.p95, n)}`);
  }
  return lines;
}

export function report(input: ReportInput): string[] {
  const { ours, naive, ratio, checks, memory } = input;
  const load = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');
  const lines = [
    '',
    `articles ${ours.articles}  text ${ours.textBytes > 0 ? `${(ours.textBytes / 1e6).toFixed(1)} MB` : 'not measured'}  ` +
      `load average (1, 5, 15 min) ${load(input.load.start)} at start, ${load(input.load.end)} at end`,
    '',
    ...libraryTable('ours', ours, input.optimizeMs.ours),
  ];
  if (naive && ratio) {
    lines.push('', ...libraryTable('naive', naive, input.optimizeMs.naive), '', ...ratioTable(ours, naive, ratio, checks));
  } else {
    lines.push('', 'naive: not measured (no naive.db beside --db)');
  }
  const rss = checks.find((t) => t.name === 'peak RSS while searching');
  lines.push(
    '',
    `RSS while ours searched: ${MB(memory.beforeBytes)} before, ${MB(memory.peakBytes)} peak, ${MB(memory.afterBytes)} after ` +
      `(target < ${MB(RSS_MAX_BYTES)} at ${RSS_TARGET_ARTICLES} articles${rss ? `: ${mark(rss)}` : ', not this run'}; ` +
      'the bench process, naive library closed)',
  );
  if (input.open) {
    const { oursMs, naiveMs, checkMs } = input.open;
    lines.push(
      `open to the unread list's first page: ours ${oursMs.toFixed(1)} ms` +
        (naiveMs === null ? '' : `, naive ${naiveMs.toFixed(1)} ms (${(oursMs / naiveMs).toFixed(1)}×)`) +
        `; the integrity check, on a worker once the window shows: ${(checkMs / 1000).toFixed(1)} s`,
    );
  }
  const failed = checks.filter((t) => !t.pass).map((t) => t.name);
  lines.push(`targets: ${checks.length - failed.length}/${checks.length} pass${failed.length ? `; FAIL: ${failed.join(', ')}` : ''}`);
  if (naive && input.floors) lines.push('', ...floorLines(input.floors, ours, naive));
  if (naive) lines.push('', 'naive notes:', ...naiveNotes(input.cjkLiteral).map((n) => `  ${n}`));
  return lines;
}
