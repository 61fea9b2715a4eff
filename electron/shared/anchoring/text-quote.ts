// Finding a highlight's quote in an article's text, the way the W3C Web Annotation model
// anchors one: a text-quote selector (exact text, with some text before and after) and a
// text-position selector as a hint. Shared by the core (re-anchoring after a re-fetch or an
// import) and the reader (placing highlights on the page), so both agree.
//
// The approach is the Hypothesis client's (match-quote.ts): approximate matches of the quote
// from approx-string-match (Myers' bit-parallel algorithm), each scored by how well the quote,
// its prefix and suffix and its position agree. No DOM: offsets are into a plain string.
import approxSearch from 'approx-string-match';
import { normalizeText } from './normalized-text.ts';

export interface TextQuoteSelector {
  quote: string;
  prefix: string;
  suffix: string;
  /** Where it was, as a hint; null when not known (an imported highlight). */
  start: number | null;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface QuoteMatch extends TextRange {
  /** 0..1; 1 is the quote, prefix and suffix exactly, at the hinted place. */
  score: number;
}

/** How much of the text either side a new highlight keeps as context. */
export const CONTEXT_CHARS = 32;
/** A quote matched with more errors than this share of its length is not the same quote. */
const MAX_ERROR_SHARE = 0.25;
/** The fuzzy search looks at this many candidates at most (a very repetitive text). */
const MAX_CANDIDATES = 200;
/** A changed quote is trusted only where its context still agrees this well (0..1). */
const MIN_FUZZY_CONTEXT = 0.5;

/** The selector for text[start, end): what the reader stores for a new highlight. */
export function selectorFor(text: string, range: TextRange): TextQuoteSelector & TextRange {
  return {
    quote: text.slice(range.start, range.end),
    prefix: text.slice(Math.max(0, range.start - CONTEXT_CHARS), range.start),
    suffix: text.slice(range.end, range.end + CONTEXT_CHARS),
    start: range.start,
    end: range.end,
  };
}

/** Offsets of every exact occurrence (at most `limit`). */
function exactMatches(text: string, quote: string, limit: number): TextRange[] {
  const found: TextRange[] = [];
  for (let i = text.indexOf(quote); i !== -1 && found.length < limit; i = text.indexOf(quote, i + 1)) {
    found.push({ start: i, end: i + quote.length });
  }
  return found;
}

/** 1 when `context` appears exactly in `window`, falling towards 0 with each edit. */
function contextScore(window: string, context: string): number {
  if (!context) return 1;
  if (window.endsWith(context) || window.startsWith(context)) return 1;
  const best = approxSearch(window, context, context.length)[0];
  return best ? 1 - best.errors / context.length : 0;
}

interface Scored extends TextRange {
  errors: number;
}

function score(text: string, sel: TextQuoteSelector, m: Scored, hint: number | null): number {
  const quoteScore = 1 - m.errors / Math.max(1, sel.quote.length);
  // Compare the context against a slightly wider window, so an edit next to it still matches.
  const prefixScore = contextScore(text.slice(Math.max(0, m.start - sel.prefix.length - 4), m.start), sel.prefix);
  const suffixScore = contextScore(text.slice(m.end, m.end + sel.suffix.length + 4), sel.suffix);
  const positionScore = hint === null ? 1 : 1 - Math.min(1, Math.abs(m.start - hint) / Math.max(1, text.length));
  // Hypothesis's weights: the quote counts most, then its context, the position least.
  return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
}

function best(text: string, sel: TextQuoteSelector, candidates: Scored[], hint: number | null): QuoteMatch | null {
  let top: QuoteMatch | null = null;
  for (const m of candidates) {
    const s = score(text, sel, m, hint);
    if (!top || s > top.score) top = { start: m.start, end: m.end, score: s };
  }
  return top;
}

function matchNormalized(text: string, sel: TextQuoteSelector): QuoteMatch | null {
  const { quote } = sel;
  if (!quote) return null;
  const hint = sel.start;
  // The usual case: the text has not changed, and the quote is where it was (with the words
  // around it: after an insertion above, a short quote's old offset may hold the same word
  // in another passage).
  if (hint !== null && quoteStillAt(text, sel, hint)) {
    const m = { start: hint, end: hint + quote.length, errors: 0 };
    return { start: m.start, end: m.end, score: score(text, sel, m, hint) };
  }
  const exact = exactMatches(text, quote, MAX_CANDIDATES);
  if (exact.length > 0) return best(text, sel, exact.map((r) => ({ ...r, errors: 0 })), hint);
  const maxErrors = Math.floor(quote.length * MAX_ERROR_SHARE);
  if (maxErrors === 0) return null;
  const fuzzy = approxSearch(text, quote, maxErrors).slice(0, MAX_CANDIDATES);
  // A changed quote alone can look like many stretches of text (a short one especially): it is
  // placed only where the text around it still reads as it did.
  const trusted = fuzzy.filter((m) => contextAgreement(text, sel, m) >= MIN_FUZZY_CONTEXT);
  const found = best(text, sel, trusted, hint);
  return found ? { ...found, ...refineEdges(text, quote, found, maxErrors) } : null;
}

/** At most this many characters at each end of a changed quote decide where it starts and stops. */
const EDGE_CHARS = 10;

/**
 * Where the quote's edge lies in text[from, to): its last (or first) characters found exactly,
 * the longest piece first, nearest to `near`; failing that, approximately.
 */
function edgeAt(text: string, from: number, to: number, quote: string, near: number, edge: 'start' | 'end'): number | null {
  const window = text.slice(from, to);
  const pieceOf = (n: number) => (edge === 'end' ? quote.slice(-n) : quote.slice(0, n));
  const nearest = (ats: number[]) => ats.reduce((a, b) => (Math.abs(b - near) < Math.abs(a - near) ? b : a));
  for (const n of [EDGE_CHARS, 6, 3]) {
    if (n > quote.length) continue;
    const piece = pieceOf(n);
    const ats: number[] = [];
    for (let i = window.indexOf(piece); i !== -1; i = window.indexOf(piece, i + 1)) ats.push(from + i + (edge === 'end' ? n : 0));
    if (ats.length > 0) return nearest(ats);
  }
  const piece = pieceOf(Math.min(EDGE_CHARS, quote.length));
  const found = approxSearch(window, piece, Math.floor(piece.length / 2));
  if (found.length === 0) return null;
  const fewest = Math.min(...found.map((m) => m.errors));
  return nearest(found.filter((m) => m.errors === fewest).map((m) => from + (edge === 'end' ? m.end : m.start)));
}

/**
 * Approximate matching ends a changed quote wherever the edits cost least, which can be inside
 * a word ("warned for ma" for "warned for years" in "warned for many years"). Its first and
 * last few characters are placed again on their own, near the match, to find the real edges.
 */
function refineEdges(text: string, quote: string, m: TextRange, maxErrors: number): TextRange {
  const n = Math.min(EDGE_CHARS, quote.length);
  const end = edgeAt(text, m.start, Math.min(text.length, m.end + maxErrors + n), quote, m.end, 'end') ?? m.end;
  const start = edgeAt(text, Math.max(0, m.start - maxErrors - n), end, quote, m.start, 'start') ?? m.start;
  return start < end ? { start, end } : m;
}

/** The quote is at `at` in text, and the text around it still reads as its prefix and suffix did. */
export function quoteStillAt(text: string, sel: TextQuoteSelector, at: number): boolean {
  return text.startsWith(sel.quote, at) && contextAgreement(text, sel, { start: at, end: at + sel.quote.length }) >= MIN_FUZZY_CONTEXT;
}

function contextAgreement(text: string, sel: TextQuoteSelector, m: TextRange): number {
  if (!sel.prefix && !sel.suffix) return 1;
  const prefix = contextScore(text.slice(Math.max(0, m.start - sel.prefix.length - 4), m.start), sel.prefix);
  const suffix = contextScore(text.slice(m.end, m.end + sel.suffix.length + 4), sel.suffix);
  return sel.prefix && sel.suffix ? (prefix + suffix) / 2 : sel.prefix ? prefix : suffix;
}

/**
 * Where the quote is in `text`, or null when it cannot be placed (the highlight is orphaned).
 * Matching is in NFC; the offsets returned are into `text` as given.
 */
export function matchQuote(text: string, sel: TextQuoteSelector): QuoteMatch | null {
  const t = normalizeText(text);
  const norm = (s: string) => s.normalize('NFC');
  const found = matchNormalized(t.text, {
    quote: norm(sel.quote),
    prefix: norm(sel.prefix),
    suffix: norm(sel.suffix),
    start: sel.start === null ? null : t.fromOriginal(sel.start),
  });
  if (!found) return null;
  return { start: t.toOriginal(found.start), end: t.toOriginal(found.end), score: found.score };
}
