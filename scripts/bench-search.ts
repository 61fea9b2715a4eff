// Search/list benchmark on a synthetic library, against a naive reference built in the same run.
//   node scripts/bench-search.ts --articles 100000 [--json] [--queries 60] [--seed 1] [--keep]
//   node scripts/bench-search.ts --db <kept library.db> --articles N   (time queries only, same seed;
//     the naive library too when its naive.db sits beside it, as --keep leaves it)
//   --count-limit N: search totals stop at N ("N+"); default: the library's default; Infinity = exact
// Builds, in a temp folder, our library and a naive one (scripts/bench/naive-library.ts) from the
// same generated articles (scripts/bench/search-corpus.ts), batch by batch, then times the same
// query strings on each and prints both tables, ours / naive per class and issue 14's targets.
// Articles are generated a batch at a time, so memory stays bounded at any --articles.
// With --json the last line is one JSON object with the numbers (`naive` and `ratio` beside ours).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openLibrary, type BulkArticle, type Library } from '../electron/library/library.ts';
import { COUNT_LIMIT } from '../electron/library/searching.ts';
import { BareBodyIndex, SearchFloor } from './bench/floors.ts';
import { NaiveLibrary } from './bench/naive-library.ts';
import { timeOpen, type OpenTiming } from './bench/open-timing.ts';
import { corpus, LIST_CLASSES, queryPlan, SEARCH_CLASSES, WARM_UPS, type QueryClass, type QueryPlan, type SearchClass } from './bench/search-corpus.ts';
import { ratios, report, targets, type Floors, type Measured, type Memory, type Timing } from './bench/search-report.ts';

interface Options {
  articles: number;
  json: boolean;
  queries: number;
  seed: number;
  keep: boolean;
  db: string | null;
  countLimit: number | undefined;
  /** The query strings as JSON (a fresh build hands them to its query phase); else replayed. */
  plan: string | null;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { articles: 10_000, json: false, queries: 60, seed: 1, keep: false, db: null, countLimit: undefined, plan: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--articles') opts.articles = Number(argv[++i]);
    else if (arg === '--queries') opts.queries = Number(argv[++i]);
    else if (arg === '--seed') opts.seed = Number(argv[++i]);
    else if (arg === '--db') opts.db = argv[++i] ?? null;
    else if (arg === '--count-limit') opts.countLimit = Number(argv[++i]);
    else if (arg === '--plan') opts.plan = argv[++i] ?? null;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!Number.isInteger(opts.articles) || opts.articles < 100) throw new Error('--articles must be an integer ≥ 100');
  if (!Number.isInteger(opts.queries) || opts.queries < 1) throw new Error('--queries must be an integer ≥ 1');
  return opts;
}

/**
 * Ours makes snippets for the rows on screen, as the app asks (useSearch.ts: the window's height
 * over 136-px rows; 8 in a 1,080-px window), and the list fetches the others as they render.
 * The naive search makes all 50.
 */
const SNIPPET_ROWS = 8;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** A call's match count, with whether counting stopped early; null for lists. */
type Matches = { total: number; capped: boolean } | null;

interface ClassRun {
  timing: Timing;
  /** The median match count, "N+" when counting stopped there; undefined for lists. */
  matches?: string;
}

/** Times run(arg) for each arg after the warm-ups; `sample` is called between runs, untimed. */
function timeClass<T>(args: readonly T[], run: (arg: T) => Matches, sample: () => void): ClassRun {
  for (const arg of args.slice(0, WARM_UPS)) run(arg);
  const times: number[] = [];
  const found: { total: number; capped: boolean }[] = [];
  for (const arg of args.slice(WARM_UPS)) {
    const t0 = performance.now();
    const m = run(arg);
    times.push(performance.now() - t0);
    if (m) found.push(m);
    sample();
  }
  times.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 100) / 100;
  const timing = { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
  if (found.length === 0) return { timing };
  found.sort((a, b) => a.total - b.total || Number(a.capped) - Number(b.capped));
  const median = found[Math.floor(found.length / 2)]!;
  return { timing, matches: `${median.total}${median.capped ? '+' : ''}` };
}

/** Every class, in order; searches and lists as the given library runs them. */
function timeAll(
  plan: QueryPlan, search: (query: string, c: SearchClass) => Matches, listUnread: () => unknown, listTag: (tag: string) => unknown,
  sample: () => void = () => {},
): Pick<Measured, 'queries' | 'totals'> {
  const queries = {} as Record<QueryClass, Timing>;
  const totals: Measured['totals'] = {};
  for (const c of SEARCH_CLASSES) {
    const r = timeClass(plan.search[c], (query) => search(query, c), sample);
    queries[c] = r.timing;
    if (r.matches !== undefined) totals[c] = r.matches;
  }
  const lists: Record<(typeof LIST_CLASSES)[number], ClassRun> = {
    // The unread list takes no argument: the tags only set how many calls it makes.
    listUnread: timeClass(plan.listTags, () => (listUnread(), null), sample),
    listTag: timeClass(plan.listTags, (tag) => (listTag(tag), null), sample),
  };
  for (const c of LIST_CLASSES) queries[c] = lists[c].timing;
  return { queries, totals };
}

function fileBytes(file: string): number {
  return ['', '-wal'].reduce((sum, s) => sum + (existsSync(file + s) ? statSync(file + s).size : 0), 0);
}

interface Built {
  textBytes: number;
  /** floor: a contentless FTS5 index of the same bodies (scripts/bench/floors.ts). */
  insertMs: { ours: number; naive: number; floor: number };
  optimizeMs: { ours: number; naive: number };
}

/** Generates the articles a batch at a time; each batch goes to ours, the naive library, then the floor index. */
function build(
  opts: Options, data: ReturnType<typeof corpus>, lib: Library, naive: NaiveLibrary, floor: BareBodyIndex, log: (m: string) => void,
): Built {
  const BATCH = 1_000;
  const built: Built = { textBytes: 0, insertMs: { ours: 0, naive: 0, floor: 0 }, optimizeMs: { ours: 0, naive: 0 } };
  const timed = (fn: () => void): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  const rate = (ms: number, n: number): number => Math.round((n / ms) * 1000);
  for (let start = 0; start < opts.articles; start += BATCH) {
    const batch: BulkArticle[] = [];
    for (let i = start; i < Math.min(start + BATCH, opts.articles); i++) batch.push(data.make(i));
    for (const a of batch) built.textBytes += Buffer.byteLength(a.text);
    built.insertMs.ours += timed(() => lib.bulkInsert(batch));
    built.insertMs.naive += timed(() => naive.insert(batch));
    built.insertMs.floor += timed(() => floor.insert(batch));
    const done = Math.min(start + BATCH, opts.articles);
    if ((start / BATCH) % 10 === 9) {
      log(`  inserted ${done} (ours ${rate(built.insertMs.ours, done)}/s, naive ${rate(built.insertMs.naive, done)}/s, ` +
        `rss ${Math.round(process.memoryUsage.rss() / 1048576)} MB)`);
    }
  }
  built.optimizeMs.ours += timed(() => lib.optimize());
  built.optimizeMs.naive += timed(() => naive.optimize());
  return built;
}

/** The query phase's numbers, as a run on a kept library (--db) prints them with --json. */
interface QueryPhase {
  ours: Pick<Measured, 'dbBytes' | 'queries' | 'totals'>;
  /** The search floors on ours (scripts/bench/floors.ts), for the classes in FLOOR_CLASSES. */
  searchFloors: Floors['searches'];
  naive: (Pick<Measured, 'dbBytes' | 'queries' | 'totals'> & { cjkLiteralMatch: ClassRun }) | null;
  memory: Memory;
  open: OpenTiming;
}

/** The query strings of a build with these options, replaying only enough of its corpus. */
function replayedPlan(opts: Options): QueryPlan {
  const data = corpus(opts.articles, opts.seed);
  // The sample phrases a full build collects are the first 500.
  for (let i = 0; i < opts.articles && data.phrases.length < 500; i++) data.make(i);
  return queryPlan(data, opts.seed, opts.queries);
}

/** Times every class on ours (sampling RSS, the naive library closed), then on the naive one. */
function queryPhase(opts: Options, file: string, naiveFile: string): QueryPhase {
  const plan = opts.plan ? (JSON.parse(readFileSync(opts.plan, 'utf8')) as QueryPlan) : replayedPlan(opts);
  const lib = openLibrary(file, { checkIntegrity: false, countLimit: opts.countLimit });
  let memory: Memory;
  let ours: QueryPhase['ours'];
  try {
    const rss = (): number => process.memoryUsage.rss();
    memory = { beforeBytes: rss(), peakBytes: rss(), afterBytes: 0 };
    const sample = (): void => void (memory.peakBytes = Math.max(memory.peakBytes, rss()));
    const times = timeAll(plan, (query) => {
      const r = lib.search(query, 50, SNIPPET_ROWS);
      return { total: r.total, capped: r.totalCapped === true };
    }, () => lib.list({ view: 'unread', limit: 50 }), (tag) => lib.list({ view: 'all', tag, limit: 50 }), sample);
    memory.afterBytes = rss();
    ours = { dbBytes: fileBytes(file), ...times };
  } finally {
    lib.close();
  }
  const open = timeOpen(file, existsSync(naiveFile) ? naiveFile : null);
  // The floors are printed as ratios to the naive library: without it, they are not timed.
  if (!existsSync(naiveFile)) return { ours, searchFloors: {}, naive: null, memory, open };
  const searchFloors = timeSearchFloors(plan, file, opts.countLimit ?? COUNT_LIMIT);
  const naive = new NaiveLibrary(naiveFile, false);
  try {
    const search = (query: string, c: SearchClass): Matches => ({ total: (c === 'cjk' ? naive.scan(query) : naive.search(query)).total, capped: false });
    const times = timeAll(plan, search, () => naive.listUnread(), (tag) => naive.listTag(tag));
    const cjkLiteralMatch = timeClass(plan.search.cjk, (query) => ({ total: naive.search(query).total, capped: false }), () => {});
    return { ours, searchFloors, naive: { dbBytes: fileBytes(naiveFile), ...times, cjkLiteralMatch }, memory, open };
  } finally {
    naive.close();
  }
}

/** The search classes whose floors are measured: those whose target sits at or below them. */
const FLOOR_CLASSES = ['rare', 'twoWords'] as const satisfies readonly SearchClass[];

function timeSearchFloors(plan: QueryPlan, file: string, countLimit: number): Floors['searches'] {
  const floor = new SearchFloor(file, Number.isFinite(countLimit) ? countLimit : 2 ** 31);
  try {
    const searches: Floors['searches'] = {};
    for (const c of FLOOR_CLASSES) {
      searches[c] = {
        fts: timeClass(plan.search[c], (q) => (floor.run(q, 0), null), () => {}).timing,
        withBodies: timeClass(plan.search[c], (q) => (floor.run(q, SNIPPET_ROWS), null), () => {}).timing,
      };
    }
    return searches;
  } finally {
    floor.close();
  }
}

/**
 * The query phase of a fresh build, in a child process on the files just built: its RSS is then
 * a searching process's own, not the generator's and two loaders' high-water mark.
 */
function queryPhaseInChild(opts: Options, file: string, plan: QueryPlan): QueryPhase {
  const planFile = join(dirname(file), 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const args = [fileURLToPath(import.meta.url), '--db', file, '--articles', String(opts.articles), '--plan', planFile,
    '--queries', String(opts.queries), '--json', ...(opts.countLimit === undefined ? [] : ['--count-limit', String(opts.countLimit)])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    throw new Error(`The query phase failed (exit ${child.status ?? child.signal})`);
  }
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { phase: QueryPhase };
  return result.phase;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'lectern-bench-'));
  const file = opts.db ?? join(dir!, 'library.db');
  const naiveFile = join(dirname(file), 'naive.db');
  const floorFile = join(dirname(file), 'floor.db');
  const log = (msg: string): void => void (opts.json ? process.stderr : process.stdout).write(`${msg}\n`);
  const loadStart = loadavg();
  try {
    let built: Built = { textBytes: 0, insertMs: { ours: 0, naive: 0, floor: 0 }, optimizeMs: { ours: 0, naive: 0 } };
    let plan: QueryPlan | null = null;
    if (!opts.db) {
      const lib = openLibrary(file, { checkIntegrity: true });
      const naive = new NaiveLibrary(naiveFile, true);
      const floor = new BareBodyIndex(floorFile);
      try {
        const data = corpus(opts.articles, opts.seed);
        built = build(opts, data, lib, naive, floor, log);
        plan = queryPlan(data, opts.seed, opts.queries);
      } finally {
        lib.close();
        naive.close();
        floor.close();
        // Only its insert rate is wanted; --keep keeps ours and the naive library.
        for (const suffix of ['', '-wal', '-shm']) rmSync(floorFile + suffix, { force: true });
      }
      log(`  built; timing queries (ours, then naive) in a fresh process`);
    }
    const phase = plan ? queryPhaseInChild(opts, file, plan) : queryPhase(opts, file, naiveFile);
    const perSec = (ms: number): number => (ms > 0 ? Math.round((opts.articles / ms) * 1000) : 0);
    const common = { articles: opts.articles, textBytes: built.textBytes };
    const ours: Measured = { ...common, ...phase.ours, insertPerSec: perSec(built.insertMs.ours) };
    const naive: Measured | null = phase.naive && { ...common, ...phase.naive, insertPerSec: perSec(built.insertMs.naive) };
    const ratio = naive ? ratios(ours, naive) : null;
    const checks = targets(ours, ratio, phase.memory);
    const load = { start: loadStart, end: loadavg() };
    const cjkLiteral = phase.naive?.cjkLiteralMatch;
    const floors: Floors = { insertPerSec: perSec(built.insertMs.floor), searches: phase.searchFloors };
    const lines = report({ ours, naive, ratio, checks, memory: phase.memory, optimizeMs: built.optimizeMs, load, cjkLiteral, floors, open: phase.open });
    for (const line of lines) log(line);
    if (opts.json) {
      const countLimit = Number.isFinite(opts.countLimit ?? COUNT_LIMIT) ? (opts.countLimit ?? COUNT_LIMIT) : null;
      // A query phase run for a fresh build (--plan) also hands back its raw numbers.
      const result = { ...ours, countLimit, memory: phase.memory, load, naive, ratio, targets: checks, floors, open: phase.open, ...(opts.plan ? { phase } : {}) };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
  } finally {
    if (dir && !opts.keep) rmSync(dir, { recursive: true, force: true });
    else if (dir) process.stderr.write(`kept ${file} and ${naiveFile}\n`);
  }
}

main();
