// The Highlights view and highlight search. The view walks highlights newest first, a keyset
// page at a time, optionally by colour or the article's tag. Search matches quotes and notes in
// their own FTS index (migration 0008) under the same query language and filters as articles.
import type { HighlightPage, HighlightQuery, HighlightSearchHit, HighlightWithArticle } from '../shared/highlight.ts';
import { SUMMARY_COLUMNS, toSummary, type Row } from './article-rows.ts';
import type { StatementCache } from './db.ts';
import { FTS_HIGHLIGHTS } from './fts-sql.ts';
import type { CompiledMatch } from './fts-match.ts';
import { highlighterFor, highlightSnippet } from './highlight.ts';
import { HIGHLIGHT_COLUMNS, toHighlight } from './highlight-store.ts';
import type { ParsedQuery } from './search-query.ts';
import { tagKey } from './tag-names.ts';

export const HIGHLIGHT_PAGE_LIMIT = 200;
const FTS = FTS_HIGHLIGHTS.table;
type Params = Record<string, string | number>;

const ROW_FROM = 'FROM highlights h JOIN articles a ON a.id = h.article_id';
const ROW_SQL = `SELECT ${HIGHLIGHT_COLUMNS}, h.rid AS h_rid, ${SUMMARY_COLUMNS} ${ROW_FROM}`;
const withArticle = (row: Row): HighlightWithArticle => ({ highlight: toHighlight(row), article: toSummary(row) });

function encodeCursor(createdAt: string, rid: number): string {
  return Buffer.from(JSON.stringify([createdAt, rid]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; rid: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && Number.isInteger(parsed[1])) return { createdAt: parsed[0], rid: parsed[1] as number };
  } catch {
    // falls through
  }
  throw new RangeError('Invalid or stale highlights cursor');
}

export function browseHighlights(stmts: StatementCache, q: HighlightQuery): HighlightPage {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), HIGHLIGHT_PAGE_LIMIT);
  const where = ['h.deleted_at IS NULL', 'a.deleted_at IS NULL'];
  const params: Params = {};
  if (q.color) {
    where.push('h.color = :color');
    params.color = q.color;
  }
  if (q.tag) {
    where.push(`h.article_id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id
      WHERE t.key = :tag AND t.deleted_at IS NULL)`);
    params.tag = tagKey(q.tag);
  }
  const total = Number((stmts.get(`SELECT count(*) AS n FROM highlights h JOIN articles a ON a.id = h.article_id WHERE ${where.join(' AND ')}`).get(params) as Row).n);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push('(h.created_at < :cAt OR (h.created_at = :cAt AND h.rid < :cRid))');
    Object.assign(params, { cAt: c.createdAt, cRid: c.rid });
  }
  const rows = stmts
    .get(`${ROW_SQL} WHERE ${where.join(' AND ')} ORDER BY h.created_at DESC, h.rid DESC LIMIT :limit`)
    .all({ ...params, limit: limit + 1 }) as Row[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(withArticle),
    nextCursor: more && last ? encodeCursor(String(last.h_created_at), Number(last.h_rid)) : null,
    total,
  };
}

/** The article filters of a search (see searching.ts): conditions over `articles a` and `$rid`. */
export interface ArticleFilters {
  byRid: string[];
  byRow: string[];
}

/**
 * Highlights matching a search, best first (newest when the query has only filters). The
 * article filters (tag:, site:, is:, dates) apply to the highlight's article.
 */
export function searchHighlights(
  stmts: StatementCache, parsed: ParsedQuery, m: CompiledMatch, filters: ArticleFilters, params: Params, limit: number,
): HighlightSearchHit[] {
  const { from, order, p } = highlightSearchSql(m, filters, params);
  const sql = `SELECT ${HIGHLIGHT_COLUMNS}, ${SUMMARY_COLUMNS} ${from} ORDER BY ${order} LIMIT :limit`;
  p.limit = limit;
  const highlighter = highlighterFor(parsed.groups.flat());
  return (stmts.get(sql).all(p) as Row[]).map((row) => {
    const hit = withArticle(row);
    const note = hit.highlight.note ? highlightSnippet(hit.highlight.note, highlighter, 32) : '';
    return {
      ...hit,
      snippet: highlightSnippet(hit.highlight.quote, highlighter, 48),
      noteSnippet: note.includes('<mark>') ? note : null,
    };
  });
}

/** How many highlights match, counting no further than `cap` (then `capped`). */
export function countHighlightMatches(
  stmts: StatementCache, m: CompiledMatch, filters: ArticleFilters, params: Params, cap: number,
): { total: number; capped: boolean } {
  const { from, p } = highlightSearchSql(m, filters, params);
  p.cap = cap + 1;
  const { n } = stmts.get(`SELECT count(*) AS n FROM (SELECT 1 ${from} LIMIT :cap)`).get(p) as { n: number };
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

/** FROM … WHERE … of a highlight search, its order, and its parameters. */
function highlightSearchSql(
  m: CompiledMatch, filters: ArticleFilters, params: Params,
): { from: string; order: string; p: Params } {
  const where = ['h.deleted_at IS NULL', 'a.deleted_at IS NULL', ...filters.byRid.map((c) => c.replaceAll('$rid', 'a.rid')), ...filters.byRow];
  const p: Params = { ...params };
  if (m.match) {
    p.hmatch = m.match;
    return {
      from: `FROM ${FTS} f JOIN highlights h ON h.rid = f.rowid JOIN articles a ON a.id = h.article_id WHERE ${FTS} MATCH :hmatch AND ${where.join(' AND ')}`,
      order: 'f.rank, h.created_at DESC',
      p,
    };
  }
  if (m.exclude) {
    where.push(`h.rid NOT IN (SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH :hexclude)`);
    p.hexclude = m.exclude;
  }
  return { from: `${ROW_FROM} WHERE ${where.join(' AND ')}`, order: 'h.created_at DESC, h.rid DESC', p };
}
