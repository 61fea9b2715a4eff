// Snippets built in JS: pick the window of the article text with the most query-term hits and
// mark them. Used for every ranked hit, so search needs no per-row FTS5 snippet() call (which
// would re-expand prefix terms for each row). Matching mirrors the index's tokenizer:
// letters/digits runs, case- and diacritic-folded, prefix terms by startsWith.
import { CJK_RUN } from './fts-match.ts';
import type { TextTerm } from './search-query.ts';
import { MARK_CLOSE, MARK_OPEN, markedToHtml } from './snippet.ts';

const TOKEN = /[\p{L}\p{N}]+/gu;

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

/** Safe HTML: the best window of about `size` tokens, hits in <mark>, the rest escaped. */
export function highlightSnippet(text: string, h: Highlighter, size = 24): string {
  const tokens = [...text.matchAll(TOKEN)];
  if (tokens.length === 0) return markedToHtml(text.slice(0, 200));
  const hits = tokens.map((t) => isHit(h, t[0]));
  // Sliding window: the start with the most hits (earliest on ties).
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (hits[i]) count++;
    if (i >= size && hits[i - size]) count--;
    const start = Math.max(0, i - size + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const end = Math.min(tokens.length, best + size);
  let out = '';
  let pos = tokens[best]!.index;
  for (let i = best; i < end; i++) {
    const t = tokens[i]!;
    out += text.slice(pos, t.index) + (hits[i] ? markToken(h, t[0]) : t[0]);
    pos = t.index + t[0].length;
  }
  if (end < tokens.length) out += text.slice(pos, tokens[end]!.index).replace(/\s+$/, '');
  else out += text.slice(pos);
  return `${best > 0 ? '…' : ''}${markedToHtml(out.trim())}${end < tokens.length ? '…' : ''}`;
}
