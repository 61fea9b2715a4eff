// Search/list benchmark on a synthetic library.
//   node scripts/bench-search.ts --articles 100000 [--json] [--queries 60] [--seed 1] [--keep]
//   node scripts/bench-search.ts --db <kept library.db> --articles N   (time queries only, same seed)
//   --count-limit N: search totals stop at N ("N+"); default: the library's default; Infinity = exact
// Builds a library in a temp folder (Zipf vocabulary of 30,000 words, ~800 words an article,
// titles, sites, tags, some CJK text; seeded PRNG), bulk-inserts it in batches, then times each
// query class. With --json the last line is one JSON object with the numbers.
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLibrary, type BulkArticle, type Library } from '../electron/library/library.ts';
import { COUNT_LIMIT } from '../electron/library/searching.ts';

interface Options {
  articles: number;
  json: boolean;
  queries: number;
  seed: number;
  keep: boolean;
  db: string | null;
  countLimit: number | undefined;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { articles: 10_000, json: false, queries: 60, seed: 1, keep: false, db: null, countLimit: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--articles') opts.articles = Number(argv[++i]);
    else if (arg === '--queries') opts.queries = Number(argv[++i]);
    else if (arg === '--seed') opts.seed = Number(argv[++i]);
    else if (arg === '--db') opts.db = argv[++i] ?? null;
    else if (arg === '--count-limit') opts.countLimit = Number(argv[++i]);
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!Number.isInteger(opts.articles) || opts.articles < 100) throw new Error('--articles must be an integer ≥ 100');
  return opts;
}

/** mulberry32: small, fast, good enough for synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s. */
function zipf(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'st', 'tr', 'pl', 'gr', 'ch', 'sh', 'br', 'cl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st'];

function vocabulary(size: number, rand: () => number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = new Set<string>();
  while (words.size < size) {
    // Frequent words are short, as in real text.
    const syllables = words.size < 200 ? 1 : 1 + Math.floor(rand() * 3) + (rand() < 0.3 ? 1 : 0);
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    words.add(w);
  }
  return [...words];
}

function cjkVocabulary(size: number, rand: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const len = 2 + Math.floor(rand() * 2);
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCodePoint(0x4e00 + Math.floor(rand() * 2500));
    words.add(w);
  }
  return [...words];
}

interface Corpus {
  words: string[];
  cjk: string[];
  tags: string[];
  sites: { host: string; name: string }[];
  phrases: string[];
  make(i: number): BulkArticle;
}

function corpus(total: number, seed: number): Corpus {
  const rand = prng(seed);
  const words = vocabulary(30_000, rand);
  const cjk = cjkVocabulary(3_000, rand);
  const word = zipf(words.length, 1.05, rand);
  const titleWord = zipf(words.length, 0.9, rand);
  const cjkWord = zipf(cjk.length, 1.0, rand);
  const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  const tags = Array.from({ length: 200 }, (_, i) => `${words[300 + i * 7]}${i % 5 === 0 ? ' ' + words[900 + i] : ''}`);
  const tagRank = zipf(tags.length, 1.1, rand);
  const sites = Array.from({ length: 1_000 }, (_, i) => ({
    host: `${words[200 + i]}${words[1200 + i]}.${['com', 'org', 'net', 'io'][i % 4]}`,
    name: `${cap(words[200 + i]!)} ${cap(words[1200 + i]!)}`,
  }));
  const siteRank = zipf(sites.length, 1.0, rand);
  const authors = Array.from({ length: 3_000 }, (_, i) => `${cap(words[2000 + i]!)} ${cap(words[5000 + i]!)}`);
  const phrases: string[] = [];
  const start = Date.parse('2021-01-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - start;

  const make = (i: number): BulkArticle => {
    const target = 500 + Math.floor(rand() * 600);
    const paragraphs: string[] = [];
    let count = 0;
    while (count < target) {
      const sentences: string[] = [];
      for (let s = 0; s < 4; s++) {
        const n = 8 + Math.floor(rand() * 14);
        const ws = Array.from({ length: n }, () => words[word()]!);
        ws[0] = cap(ws[0]!);
        sentences.push(`${ws.join(' ')}.`);
        count += n;
      }
      paragraphs.push(sentences.join(' '));
    }
    if (rand() < 0.02) {
      paragraphs.push(Array.from({ length: 60 }, () => cjk[cjkWord()]!).join('') + '。');
    }
    if (phrases.length < 500 && rand() < 0.05) {
      const para = paragraphs[0]!.toLowerCase().replace(/[^a-z ]/g, '').split(' ');
      const at = Math.floor(rand() * (para.length - 2));
      phrases.push(`${para[at]} ${para[at + 1]}`);
    }
    const text = paragraphs.join('\n\n');
    const titleLen = 4 + Math.floor(rand() * 7);
    const title = cap(Array.from({ length: titleLen }, () => words[titleWord()]!).join(' '));
    const site = sites[siteRank()]!;
    const tagCount = rand() < 0.4 ? 0 : 1 + Math.floor(rand() * 3);
    return {
      url: `https://${site.host}/${2021 + Math.floor((i / total) * 6)}/${title.toLowerCase().replaceAll(' ', '-')}-${i}`,
      canonicalUrl: null,
      title,
      byline: authors[Math.floor(rand() * authors.length)]!,
      siteName: site.name,
      publishedAt: new Date(start + (span * i) / total - rand() * 86_400_000 * 30).toISOString(),
      lang: 'en',
      dir: 'ltr',
      excerpt: paragraphs[0]!.slice(0, 200),
      html: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
      text,
      leadImage: null,
      wordCount: count,
      assetHashes: rand() < 0.5 ? [`${(i * 2654435761) >>> 0}`.padStart(64, '0')] : [],
      createdAt: new Date(start + (span * i) / total).toISOString(),
      tags: Array.from({ length: tagCount }, () => tags[tagRank()]!),
      starred: rand() < 0.05,
      archived: rand() < 0.6,
    };
  };
  return { words, cjk, tags, sites, phrases, make };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function timeQueries(run: (i: number) => unknown, n: number): { p50: number; p95: number } {
  for (let i = 0; i < 3; i++) run(i + 1_000_000); // warm the cache and statement cache
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 100) / 100;
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

function fileBytes(file: string): number {
  return ['', '-wal'].reduce((sum, s) => sum + (existsSync(file + s) ? statSync(file + s).size : 0), 0);
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'lectern-bench-'));
  const file = opts.db ?? join(dir!, 'library.db');
  const log = (msg: string): void => void (opts.json ? process.stderr : process.stdout).write(`${msg}\n`);
  let lib: Library | null = null;
  try {
    lib = openLibrary(file, { checkIntegrity: !opts.db });
    const data = corpus(opts.articles, opts.seed);
    let textBytes = 0;
    let insertMs = 0;
    let optimizeMs = 0;
    const BATCH = 1_000;
    // Reusing a kept library: only replay enough of the corpus to collect the same sample
    // phrases a full run would (the first 500).
    if (opts.db) for (let i = 0; i < opts.articles && data.phrases.length < 500; i++) data.make(i);
    for (let start = 0; !opts.db && start < opts.articles; start += BATCH) {
      const batch: BulkArticle[] = [];
      for (let i = start; i < Math.min(start + BATCH, opts.articles); i++) batch.push(data.make(i));
      for (const a of batch) textBytes += Buffer.byteLength(a.text);
      const t0 = performance.now();
      lib.bulkInsert(batch);
      insertMs += performance.now() - t0;
      if ((start / BATCH) % 10 === 9) log(`  inserted ${start + BATCH} (${Math.round(((start + BATCH) / insertMs) * 1000)}/s)`);
    }
    if (!opts.db) {
      const t0 = performance.now();
      lib.optimize();
      optimizeMs = performance.now() - t0;
    }
    lib.close();
    lib = openLibrary(file, { checkIntegrity: false, countLimit: opts.countLimit });
    const dbBytes = fileBytes(file);

    const rand = prng(opts.seed + 99);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const wordIn = (lo: number, hi: number): string => data.words[lo + Math.floor(rand() * (hi - lo))]!;
    const popularTags = data.tags.slice(0, 10);
    const l = lib;
    const q = opts.queries;
    const search = (query: string) => l.search(query, 50);
    const queries = {
      common: timeQueries(() => search(wordIn(0, 100)), q),
      rare: timeQueries(() => search(wordIn(10_000, 30_000)), q),
      twoWords: timeQueries(() => search(`${wordIn(100, 2_000)} ${wordIn(100, 2_000)}`), q),
      prefix: timeQueries(() => search(`${wordIn(100, 3_000).slice(0, 4)}*`), q),
      phrase: timeQueries(() => search(`"${pick(data.phrases)}"`), q),
      filtered: timeQueries(() => search(`${wordIn(100, 1_000)} tag:"${pick(popularTags)}" is:unread`), q),
      cjk: timeQueries(() => search(pick(data.cjk.slice(0, 500))), q),
      listUnread: timeQueries(() => l.list({ view: 'unread', limit: 50 }), q),
      listTag: timeQueries(() => l.list({ view: 'all', tag: pick(popularTags), limit: 50 }), q),
    };
    const result = {
      articles: opts.articles,
      textBytes,
      dbBytes,
      insertPerSec: Math.round((opts.articles / insertMs) * 1000),
      countLimit: Number.isFinite(opts.countLimit ?? COUNT_LIMIT) ? (opts.countLimit ?? COUNT_LIMIT) : null,
      queries,
    };
    log(`\narticles ${opts.articles}  text ${(textBytes / 1e6).toFixed(1)} MB  db ${(dbBytes / 1e6).toFixed(1)} MB ` +
      `(${(dbBytes / textBytes).toFixed(2)}× text)  insert ${result.insertPerSec}/s  optimize ${Math.round(optimizeMs)} ms`);
    log(`${'class'.padEnd(12)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}`);
    for (const [name, t] of Object.entries(queries)) log(`${name.padEnd(12)}${t.p50.toFixed(2).padStart(9)}${t.p95.toFixed(2).padStart(9)}`);
    if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    lib?.close();
    if (dir && !opts.keep) rmSync(dir, { recursive: true, force: true });
    else if (dir) process.stderr.write(`kept ${file}\n`);
  }
}

main();
