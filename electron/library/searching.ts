// Full-text search: parse → FTS5 MATCH + SQL filters → top N by bm25 (title weighs most, newer
// first on ties) → snippets for those N only.
import type { SearchHit, SearchResult } from '../ipc/api.ts';
import type { StatementCache } from './db.ts';
import { SUMMARY_COLUMNS, toSummary, type Row } from './article-rows.ts';
import { unpackBody } from './compress.ts';
import { compileMatch, restrictToColumns, type CompiledMatch } from './fts-match.ts';
import { highlighterFor, highlightSnippet } from './highlight.ts';
import { FTS_CURRENT } from './fts-sql.ts';
import { parseSearchQuery, type ParsedQuery } from './search-query.ts';
import { escapeHtml } from './snippet.ts';
import { tagKey } from './tag-names.ts';

export const MAX_SEARCH_LIMIT = 200;
const FTS = FTS_CURRENT.table;
const CJK_COLUMN = FTS_CURRENT.columns.some((c) => c.name === 'cjk') ? 'cjk' : null;

type Params = Record<string, string | number>;

/** SQL conditions over `articles a` for the query's filters. */
function filterSql(q: ParsedQuery, params: Params): string[] {
  const where: string[] = [];
  const tagCond = (name: string, i: number, negate: boolean): string => {
    params[`tag${i}`] = tagKey(name);
    return `a.id ${negate ? 'NOT IN' : 'IN'} (SELECT at.article_id FROM article_tags at JOIN tags t
      ON t.id = at.tag_id WHERE t.key = :tag${i} AND t.deleted_at IS NULL)`;
  };
  q.tags.forEach((t, i) => where.push(tagCond(t, i, false)));
  q.notTags.forEach((t, i) => where.push(tagCond(t, i + q.tags.length, true)));
  // site:example.com also matches blog.example.com.
  const siteCond = (host: string, i: number): string => {
    params[`site${i}`] = host;
    return `(a.host = :site${i} OR substr(a.host, -length(:site${i}) - 1) = '.' || :site${i})`;
  };
  if (q.sites.length > 0) where.push(`(${q.sites.map((s, i) => siteCond(s, i)).join(' OR ')})`);
  q.notSites.forEach((s, i) => where.push(`NOT ${siteCond(s, i + q.sites.length)}`));
  const states: Record<string, [string, string]> = {
    starred: ['a.starred = 1', 'a.starred = 0'],
    unread: ['a.archived = 0', 'a.archived = 1'],
    archived: ['a.archived = 1', 'a.archived = 0'],
    read: ['a.read_at IS NOT NULL', 'a.read_at IS NULL'],
  };
  for (const [state, wanted] of Object.entries(q.is)) where.push(states[state]![wanted ? 0 : 1]);
  if (q.after) {
    params.after = q.after;
    where.push('a.created_at >= :after');
  }
  if (q.before) {
    params.before = q.before;
    where.push('a.created_at < :before');
  }
  return where;
}

/**
 * Scoring every match with bm25 costs ~0.5 µs per matching row (plus an IDF pass), and a
 * word found in most articles matches nearly all of them. Above this many matches a query
 * is "broad": hits are the articles matching it in their title, byline, site, tags, note or
 * URL, newest first, topped up with the newest other matches. For such words bm25 itself
 * gives the body almost no weight (IDF is clamped near zero once a term is in half the
 * articles), so the short fields are what matters. Infinity = always exact bm25.
 */
export const RANK_ALL_LIMIT = 8_000;
const META_COLUMNS = FTS_CURRENT.columns.map((c) => c.name).filter((n) => n !== 'text' && n !== 'cjk');

interface Ranked {
  rid: number;
  score: number;
}

function rankedSearch(
  stmts: StatementCache, m: CompiledMatch, filters: string[], params: Params, limit: number, rankAllLimit: number,
) {
  const join = filters.length > 0 ? `JOIN articles a ON a.rid = f.rowid` : '';
  const cond = [`${FTS} MATCH :match`, ...filters].join(' AND ');
  const run = (sql: string, match: string, lim: number) =>
    stmts.get(sql).all({ ...params, match, limit: lim }) as unknown as Ranked[];
  const full = m.match!;
  const total = Number((stmts.get(`SELECT count(*) AS n FROM ${FTS} f ${join} WHERE ${cond}`).get({ ...params, match: full }) as Row).n);
  if (total === 0) return { total, rids: [] as number[] };

  const newestSql = `SELECT f.rowid AS rid, 0 AS score FROM ${FTS} f ${join} WHERE ${cond} ORDER BY f.rowid DESC LIMIT :limit`;
  const meta = total > rankAllLimit ? restrictToColumns(m, META_COLUMNS) : null;
  let top: Ranked[];
  if (!meta) {
    top = run(`SELECT f.rowid AS rid, f.rank AS score FROM ${FTS} f ${join} WHERE ${cond}
               ORDER BY f.rank, f.rowid DESC LIMIT :limit`, full, limit);
  } else {
    top = run(newestSql, meta, limit);
    if (top.length < limit) {
      const seen = new Set(top.map((r) => r.rid));
      top = [...top, ...run(newestSql, full, limit + top.length).filter((r) => !seen.has(r.rid))].slice(0, limit);
    }
  }
  return { total, rids: top.map((r) => r.rid) };
}

/** Queries with filters or exclusions but no words: newest first, excerpt as the snippet. */
function filteredList(stmts: StatementCache, exclude: string | null, filters: string[], params: Params, limit: number) {
  const where = ['a.deleted_at IS NULL', ...filters];
  if (exclude) {
    params.exclude = exclude;
    where.push(`a.rid NOT IN (SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH :exclude)`);
  }
  const cond = where.join(' AND ');
  const total = Number((stmts.get(`SELECT count(*) AS n FROM articles a WHERE ${cond}`).get(params) as Row).n);
  const rows = stmts
    .get(
      `SELECT ${SUMMARY_COLUMNS}, coalesce(a.excerpt, '') AS snip FROM articles a
       WHERE ${cond} ORDER BY a.created_at DESC, a.rid DESC LIMIT :limit`,
    )
    .all({ ...params, limit }) as Row[];
  return { total, rows };
}

export function searchArticles(
  stmts: StatementCache, query: string, limit: number, rankAllLimit = RANK_ALL_LIMIT,
): SearchResult {
  const n = Math.min(Math.max(Math.trunc(Number.isFinite(limit) ? limit : 20), 1), MAX_SEARCH_LIMIT);
  const parsed = parseSearchQuery(query);
  const compiled = compileMatch(parsed, { cjkColumn: CJK_COLUMN });
  const { match, exclude } = compiled;
  const params: Params = {};
  const filters = filterSql(parsed, params);
  if (!match && !exclude && filters.length === 0) return { hits: [], total: 0 };
  if (!match) {
    const { total, rows } = filteredList(stmts, exclude, filters, params, n);
    return { total, hits: rows.map((row) => ({ article: toSummary(row), snippet: escapeHtml(String(row.snip ?? '')) })) };
  }
  const { total, rids } = rankedSearch(stmts, compiled, filters, params, n, rankAllLimit);
  const highlighter = highlighterFor(parsed.groups.flat());
  const byRid = stmts.get(`SELECT ${SUMMARY_COLUMNS}, a.body_z FROM articles a WHERE a.rid = :rid`);
  const hits: SearchHit[] = [];
  for (const rid of rids) {
    const row = byRid.get({ rid }) as Row | undefined;
    if (row) hits.push({ article: toSummary(row), snippet: highlightSnippet(unpackBody(row.body_z).text, highlighter) });
  }
  return { hits, total };
}
