// Snippets built in JS: pick the window of the article text with the most query-term hits and
// mark them. Used for every ranked hit, so search needs no per-row FTS5 snippet() call (which
// would re-expand prefix terms for each row). Matching mirrors the index's tokenizer:
// letters/digits runs, case- and diacritic-folded, prefix terms by startsWith.
//
// Speed matters (one call per hit, 50 hits a page): hits are found with indexOf on the
// lower-cased text, and only tokens near hits are ever tokenized. Tokens with non-ASCII
// letters (which may fold to an ASCII term, café → cafe) are checked one by one.
import { CJK_RUN } from './fts-match.ts';
import type { TextTerm } from './search-query.ts';
import { MARK_CLOSE, MARK_OPEN, markedToHtml } from './snippet.ts';

const TOKEN = /[\p{L}\p{N}]+/gu;
/** Stateful (lastIndex) scanner, reused: building a RegExp per call costs more than the scan. */
const SCAN = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const NON_ASCII = /[\u0080-\uFFFF]/g;
/** Hits looked at when choosing the window; later ones are still marked if inside it. */
const MAX_WINDOW_HITS = 16;

export function foldToken(token: string): string {
  const lower = token.toLowerCase();
  // Only non-ASCII tokens can carry diacritics; skip the costly normalize for the rest.
  return /[^a-z0-9]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

export interface Highlighter {
  exact: Set<string>;
  prefixes: string[];
  /** CJK runs are matched as substrings (they are not separate tokens in the text). */
  cjk: string[];
}

export function highlighterFor(terms: readonly TextTerm[]): Highlighter {
  const h: Highlighter = { exact: new Set(), prefixes: [], cjk: [] };
  for (const term of terms) {
    const text = term.text.replace(CJK_RUN, (run) => {
      h.cjk.push(run);
      return ' ';
    });
    const tokens = [...text.matchAll(TOKEN)].map((m) => foldToken(m[0]));
    tokens.forEach((t, i) => (term.prefix && i === tokens.length - 1 ? h.prefixes.push(t) : h.exact.add(t)));
  }
  return h;
}

function isHit(h: Highlighter, token: string): boolean {
  const folded = foldToken(token);
  return h.exact.has(folded) || h.prefixes.some((p) => folded.startsWith(p)) || h.cjk.some((c) => token.includes(c));
}

function markToken(h: Highlighter, token: string): string {
  if (h.cjk.length === 0 || h.exact.has(foldToken(token))) return `${MARK_OPEN}${token}${MARK_CLOSE}`;
  const cjk = h.cjk.find((c) => token.includes(c));
  return cjk ? token.replaceAll(cjk, `${MARK_OPEN}${cjk}${MARK_CLOSE}`) : `${MARK_OPEN}${token}${MARK_CLOSE}`;
}

/** Length of the letter/digit code point starting at i (0 when it is not one). */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return 0;
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  const cp = text.codePointAt(i)!;
  return WORD_CHAR.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Length of the letter/digit code point ending just before i (0 when it is not one). */
function wordCharBefore(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? 2 : 1;
  return wordCharAt(text, i - pair) === pair ? pair : 0;
}

function tokenStart(text: string, i: number): number {
  for (let n; (n = wordCharBefore(text, i)) > 0; ) i -= n;
  return i;
}

function tokenEnd(text: string, i: number): number {
  for (let n; (n = wordCharAt(text, i)) > 0; ) i += n;
  return i;
}

/** Start offsets of the tokens that are hits, ascending. */
function findHits(text: string, h: Highlighter): number[] {
  const lower = text.toLowerCase();
  const starts = new Set<number>();
  if (lower.length !== text.length) {
    // Lower-casing changed lengths (e.g. İ), so offsets would not line up: check every token.
    for (const m of text.matchAll(TOKEN)) if (isHit(h, m[0])) starts.add(m.index);
    return [...starts].sort((a, b) => a - b);
  }
  const scan = (needle: string, wholeToken: boolean): void => {
    if (!needle) return;
    for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
      if (wordCharBefore(text, i) === 0 && (!wholeToken || wordCharAt(text, i + needle.length) === 0)) starts.add(i);
    }
  };
  for (const term of h.exact) scan(term, true);
  for (const prefix of h.prefixes) scan(prefix, false);
  for (const run of h.cjk) {
    for (let i = text.indexOf(run); i !== -1; i = text.indexOf(run, i + 1)) starts.add(tokenStart(text, i));
  }
  // Tokens with non-ASCII letters may fold to a term that indexOf cannot see. A plain
  // non-ASCII scan is several times faster than a Unicode-property one.
  NON_ASCII.lastIndex = 0;
  for (let m; (m = NON_ASCII.exec(text)); ) {
    if (wordCharAt(text, m.index) === 0) continue;
    const start = tokenStart(text, m.index);
    const end = tokenEnd(text, m.index);
    if (isHit(h, text.slice(start, end))) starts.add(start);
    NON_ASCII.lastIndex = end;
  }
  return [...starts].sort((a, b) => a - b);
}

/** Tokens strictly between two offsets, counting no further than `cap`. */
function tokensBetween(text: string, from: number, to: number, cap: number): number {
  SCAN.lastIndex = from;
  let n = 0;
  for (let m; n < cap && (m = SCAN.exec(text)) && m.index < to; ) n++;
  return n;
}

/** The earliest run of hits that puts most of them within `size` tokens: its first hit and its span in tokens. */
function densestRun(text: string, hits: readonly number[], size: number): { first: number; span: number } {
  const n = Math.min(hits.length, MAX_WINDOW_HITS);
  // Token position of each hit relative to the first; gaps of `size` or more are all "far".
  const pos = [0];
  for (let j = 1; j < n; j++) pos.push(pos[j - 1]! + 1 + tokensBetween(text, tokenEnd(text, hits[j - 1]!), hits[j]!, size));
  let best = { first: 0, span: 1, count: 1 };
  for (let j = 0, k = 0; j < n; j++) {
    k = Math.max(k, j);
    while (k + 1 < n && pos[k + 1]! - pos[j]! < size) k++;
    if (k - j + 1 > best.count) best = { first: j, span: pos[k]! - pos[j]! + 1, count: k - j + 1 };
  }
  return { first: best.first, span: best.span };
}

/** Offset of the token `back` tokens before the one at `start`, and whether any token precedes it. */
function stepBack(text: string, start: number, back: number): { offset: number; more: boolean } {
  let offset = start;
  for (let left = back; ; left--) {
    let i = offset;
    while (i > 0 && wordCharBefore(text, i) === 0) i--;
    if (i === 0) return { offset, more: false };
    if (left === 0) return { offset, more: true };
    offset = tokenStart(text, i);
  }
}

/** Safe HTML: a window of about `size` tokens around the densest hits, hits in <mark>, the rest escaped. */
export function highlightSnippet(text: string, h: Highlighter, size = 24): string {
  const hits = findHits(text, h);
  let from: { offset: number; more: boolean };
  if (hits.length === 0) {
    SCAN.lastIndex = 0;
    const first = SCAN.exec(text);
    if (!first) return markedToHtml(text.slice(0, 200));
    from = { offset: first.index, more: false };
  } else {
    const run = densestRun(text, hits, size);
    from = stepBack(text, hits[run.first]!, Math.floor((size - run.span) / 2));
  }
  const isHitAt = new Set(hits);
  SCAN.lastIndex = from.offset;
  let out = '';
  let pos = from.more ? from.offset : 0; // nothing cut off before: keep any leading punctuation
  let moreAfter = false;
  for (let count = 0, m; (m = SCAN.exec(text)); count++) {
    if (count === size) {
      out += text.slice(pos, m.index).replace(/\s+$/, '');
      moreAfter = true;
      break;
    }
    out += text.slice(pos, m.index) + (isHitAt.has(m.index) ? markToken(h, m[0]) : m[0]);
    pos = m.index + m[0].length;
  }
  if (!moreAfter) out += text.slice(pos);
  return `${from.more ? '…' : ''}${markedToHtml(out.trim())}${moreAfter ? '…' : ''}`;
}
