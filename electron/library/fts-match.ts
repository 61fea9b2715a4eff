// Compiles a parsed query into an FTS5 MATCH expression. Every piece of user text is emitted
// inside double quotes (with " doubled), so it can only ever be a phrase, never syntax.
import type { ParsedQuery, TextTerm } from './search-query.ts';

/** Han, kana, Hangul: scripts written without spaces between words. */
export const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/gu;

export interface MatchOptions {
  /** FTS column holding CJK bigrams; when null, CJK text is matched as ordinary terms. */
  cjkColumn: string | null;
}

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/** Overlapping bigrams of a CJK run, plus the last character alone so every char starts a token. */
export function cjkBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!);
  grams.push(chars.at(-1)!);
  return grams;
}

/** The CJK search column's text for a document: bigrams of each CJK run, space-separated. */
export function cjkIndexText(...parts: (string | null | undefined)[]): string {
  const out: string[] = [];
  for (const part of parts) for (const m of (part ?? '').matchAll(CJK_RUN)) out.push(cjkBigrams(m[0]).join(' '));
  return out.join(' ');
}

function cjkTerm(run: string, column: string, prefix: boolean): string {
  const chars = [...run];
  if (chars.length === 1) return `${column} : ${quote(run)}*`;
  const grams = cjkBigrams(run).slice(0, -1); // query bigrams only: the doc has the run's bigrams
  return `${column} : ${quote(grams.join(' '))}${prefix ? '*' : ''}`;
}

function termExpr(term: TextTerm, opts: MatchOptions): string {
  const star = term.prefix ? '*' : '';
  if (!opts.cjkColumn || !new RegExp(CJK_RUN.source, 'u').test(term.text)) return `${quote(term.text)}${star}`;
  // Split CJK runs out of the term; the rest stays an ordinary phrase.
  const parts: string[] = [];
  const rest = term.text.replace(CJK_RUN, (run) => {
    parts.push(cjkTerm(run, opts.cjkColumn!, term.prefix));
    return ' ';
  });
  if (/[\p{L}\p{N}]/u.test(rest)) parts.unshift(`${quote(rest.trim())}${star}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

function anyOf(terms: TextTerm[], opts: MatchOptions): string {
  const exprs = terms.map((t) => termExpr(t, opts));
  return exprs.length === 1 ? exprs[0]! : `(${exprs.join(' OR ')})`;
}

export interface CompiledMatch {
  /** The whole query (positives, minus exclusions); null when there are no positive terms. */
  match: string | null;
  /** The positive terms alone. */
  positive: string | null;
  /** The excluded terms, OR-ed; null when none. */
  exclude: string | null;
}

export function compileMatch(q: ParsedQuery, opts: MatchOptions): CompiledMatch {
  const exclude = q.excluded.length > 0 ? anyOf(q.excluded, opts) : null;
  if (q.groups.length === 0) return { match: null, positive: null, exclude };
  const positive = q.groups.map((g) => anyOf(g, opts)).join(' AND ');
  return { match: exclude ? `(${positive}) NOT ${exclude}` : positive, positive, exclude };
}

/** The same query with its positive terms required in the given columns (excluded anywhere). */
export function restrictToColumns(m: CompiledMatch, columns: readonly string[]): string | null {
  if (!m.positive) return null;
  const restricted = `{${columns.join(' ')}} : (${m.positive})`;
  return m.exclude ? `(${restricted}) NOT ${m.exclude}` : restricted;
}
