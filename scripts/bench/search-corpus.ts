// The search bench's synthetic library: a Zipf vocabulary of 30,000 words, ~800 words an
// article, titles, sites, tags, some CJK text, from a seeded PRNG; and the query strings each
// class times. Both libraries (ours and the naive reference) get exactly these articles and
// strings, and other work compares runs against them: change nothing here that alters the data.
import type { BulkArticle } from '../../electron/library/library.ts';

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed: number): () => number {
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

export interface Corpus {
  words: string[];
  cjk: string[];
  tags: string[];
  sites: { host: string; name: string }[];
  phrases: string[];
  make(i: number): BulkArticle;
}

export function corpus(total: number, seed: number): Corpus {
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

/** The query classes, in the order they are drawn and timed. */
export const SEARCH_CLASSES = ['common', 'rare', 'twoWords', 'prefix', 'phrase', 'filtered', 'cjk'] as const;
export const LIST_CLASSES = ['listUnread', 'listTag'] as const;
export type SearchClass = (typeof SEARCH_CLASSES)[number];
export type ListClass = (typeof LIST_CLASSES)[number];
export type QueryClass = SearchClass | ListClass;

/** Runs a class makes before it is timed: they warm the page and statement caches. */
export const WARM_UPS = 3;

export interface QueryPlan {
  /** Per search class: the query strings, warm-ups first. */
  search: Record<SearchClass, string[]>;
  /** The tag of each tag-list call, warm-ups first (the unread list takes no argument). */
  listTags: string[];
}

/**
 * Every class's query strings, drawn from one PRNG in class order: the same strings, in the
 * same order, that the bench drew while timing before they were drawn up front.
 */
export function queryPlan(data: Corpus, seed: number, perClass: number): QueryPlan {
  const rand = prng(seed + 99);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const wordIn = (lo: number, hi: number): string => data.words[lo + Math.floor(rand() * (hi - lo))]!;
  const popularTags = data.tags.slice(0, 10);
  const draw = (make: () => string): string[] => Array.from({ length: WARM_UPS + perClass }, make);
  const search: Record<SearchClass, string[]> = {
    common: draw(() => wordIn(0, 100)),
    rare: draw(() => wordIn(10_000, 30_000)),
    twoWords: draw(() => `${wordIn(100, 2_000)} ${wordIn(100, 2_000)}`),
    prefix: draw(() => `${wordIn(100, 3_000).slice(0, 4)}*`),
    phrase: draw(() => `"${pick(data.phrases)}"`),
    filtered: draw(() => `${wordIn(100, 1_000)} tag:"${pick(popularTags)}" is:unread`),
    cjk: draw(() => pick(data.cjk.slice(0, 500))),
  };
  return { search, listTags: draw(() => pick(popularTags)) };
}
