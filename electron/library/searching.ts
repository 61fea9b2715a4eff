// Full-text search: parse → FTS5 MATCH + SQL filters → top N by bm25 (title weighs most, newer
// first on ties) → snippets for those N only.
import type { SearchHit, SearchResult } from '../shared/search.ts';
import type { StatementCache } from './db.ts';
import { SUMMARY_COLUMNS, toSummary, type Row } from './article-rows.ts';
import { unpackBody } from './compress.ts';
import { CJK_RUN, compileMatch, restrictToColumns, type CompiledMatch } from './fts-match.ts';
import { highlighterFor, highlightSnippet } from './highlight.ts';
import { FTS_CURRENT, FTS_META } from './fts-sql.ts';
import { parseSearchQuery, type ParsedQuery, type TextTerm } from './search-query.ts';
import { escapeHtml } from './snippet.ts';
import { countHighlightMatches, searchHighlights } from './highlight-listing.ts';
import { tagKey } from './tag-names.ts';

export const MAX_SEARCH_LIMIT = 200;
/** Highlights shown beside an ordinary search's articles (in:highlights shows up to its limit). */
export const HIGHLIGHTS_BESIDE_ARTICLES = 5;
const FTS = FTS_CURRENT.table;
const CJK_COLUMN = FTS_CURRENT.columns.some((c) => c.name === 'cjk') ? 'cjk' : null;

type Params = Record<string, string | number>;

interface Filters {
  /** Conditions on the article's rid alone (written with `$rid`): answered from article_tags. */
  byRid: string[];
  /** Conditions that need the article row, `articles a`. */
  byRow: string[];
}

/**
 * SQL conditions for the query's filters. Tag filters, and is:unread/is:archived next to a
 * positive tag, are answered from article_tags (which carries rid and archived, migration
 * 0003), so a filtered search reads no article rows for them.
 */
function filterSql(q: ParsedQuery, params: Params): Filters {
  const byRid: string[] = [];
  const byRow: string[] = [];
  // is:unread / is:archived as one archived value; null when absent or contradictory.
  const wanted = new Set<boolean>();
  if (q.is.unread !== undefined) wanted.add(!q.is.unread);
  if (q.is.archived !== undefined) wanted.add(q.is.archived);
  const archived = wanted.size === 1 && q.tags.length > 0 ? [...wanted][0]! : null;
  const tagCond = (name: string, i: number, negate: boolean): string => {
    params[`tag${i}`] = tagKey(name);
    const state = i === 0 && !negate && archived !== null ? ` AND at.archived = ${archived ? 1 : 0}` : '';
    return `$rid ${negate ? 'NOT IN' : 'IN'} (SELECT at.article_rid FROM article_tags at JOIN tags t
      ON t.id = at.tag_id WHERE t.key = :tag${i} AND t.deleted_at IS NULL${state})`;
  };
  q.tags.forEach((t, i) => byRid.push(tagCond(t, i, false)));
  q.notTags.forEach((t, i) => byRid.push(tagCond(t, i + q.tags.length, true)));
  // site:example.com also matches blog.example.com.
  const siteCond = (host: string, i: number): string => {
    params[`site${i}`] = host;
    return `(a.host = :site${i} OR substr(a.host, -length(:site${i}) - 1) = '.' || :site${i})`;
  };
  if (q.sites.length > 0) byRow.push(`(${q.sites.map((s, i) => siteCond(s, i)).join(' OR ')})`);
  q.notSites.forEach((s, i) => byRow.push(`NOT ${siteCond(s, i + q.sites.length)}`));
  const states: Record<string, [string, string]> = {
    starred: ['a.starred = 1', 'a.starred = 0'],
    unread: ['a.archived = 0', 'a.archived = 1'],
    archived: ['a.archived = 1', 'a.archived = 0'],
    read: ['a.read_at IS NOT NULL', 'a.read_at IS NULL'],
  };
  for (const [state, wanted] of Object.entries(q.is)) {
    const onLink = (state === 'unread' || state === 'archived') && archived !== null;
    if (!onLink) byRow.push(states[state]![wanted ? 0 : 1]);
  }
  if (q.after) {
    params.after = q.after;
    byRow.push('a.created_at >= :after');
  }
  if (q.before) {
    params.before = q.before;
    byRow.push('a.created_at < :before');
  }
  return { byRid, byRow };
}

const hasFilters = (f: Filters): boolean => f.byRid.length + f.byRow.length > 0;

/** The filters over `articles a` and a row id expression such as `+f.rowid`. */
function filterConds(f: Filters, rid: string): string[] {
  return [...f.byRid.map((c) => c.replaceAll('$rid', rid)), ...f.byRow];
}

/**
 * Scoring every match with bm25 costs ~0.5 µs per matching row, plus an IDF pass that runs
 * each phrase again over the whole library, and a word found in most articles matches nearly
 * all of them. Above this many matches a query is "broad": hits are the articles matching it
 * in their title, byline, site, tags, note or URL, newest first, topped up with the newest
 * other matches. For such words bm25 itself gives the body almost no weight (IDF is clamped
 * near zero once a term is in half the articles), so the short fields are what matters.
 * Infinity = always exact bm25 (where bm25 is used at all, see usesBm25).
 */
export const RANK_ALL_LIMIT = 8_000;
const META_COLUMNS = FTS_CURRENT.columns.map((c) => c.name).filter((n) => n !== 'text' && n !== 'cjk');

/**
 * bm25's IDF pass evaluates each phrase over every article, unfiltered: for a phrase of common
 * words that alone costs as much as the search, and with filters it is work on articles the
 * filters drop. Such queries are ordered like broad ones (short fields first, then newest).
 */
function usesBm25(q: ParsedQuery, filters: Filters): boolean {
  const words = (t: TextTerm): number => t.text.replace(CJK_RUN, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return !hasFilters(filters) && q.groups.flat().every((t) => words(t) <= 1);
}

/**
 * Counting every match is the floor of a search's cost: a phrase of two common words must
 * check positions in most articles (105 ms at 100,000 articles). Counting stops after this
 * many matches and the result says so (totalCapped, shown as "1,000+"); totals below it are
 * exact. Infinity = always exact.
 */
export const COUNT_LIMIT = 1_000;

/**
 * The rids a statement selects as `rid`, as one JSON array: node:sqlite builds an object per
 * row, which for the ~1,000 rids of a count cost 3× the FTS5 work (0.30 against 0.10 ms for a
 * common word at 100,000 articles). An aggregate keeps its input's order only when told, so
 * `newestFirst` says so.
 */
function ridsOf(stmts: StatementCache, sql: string, params: Params, newestFirst = false): number[] {
  const row = stmts.get(`SELECT json_group_array(rid${newestFirst ? ' ORDER BY rid DESC' : ''}) AS rids FROM (${sql})`).get(params) as Row;
  return JSON.parse(String(row.rids)) as number[];
}

/** FROM … WHERE over the full index with the filters; the caller binds :match. */
function fullIndexFrom(filters: Filters): string {
  const join = filters.byRow.length > 0 ? `JOIN articles a ON a.rid = f.rowid` : '';
  // Unary + keeps rid tests out of FTS5's plan: handed `rowid IN (…)`, FTS5 re-runs the MATCH per rid.
  const cond = [`${FTS} MATCH :match`, ...filterConds(filters, '+f.rowid')].join(' AND ');
  return `FROM ${FTS} f ${join} WHERE ${cond}`;
}

function rankedSearch(
  stmts: StatementCache, m: CompiledMatch, filters: Filters, params: Params, limit: number, bm25Limit: number,
  countLimit: number,
) {
  const from = fullIndexFrom(filters);
  const full = m.match!;
  // With a finite countLimit, counting stops after that many matches.
  const cap = Number.isFinite(countLimit) ? Math.max(Math.trunc(countLimit), limit) : null;
  const meta = metaMatches(m, filters);
  // The short-field matches, newest first, up to the cap: more than the cap make the search
  // broad whatever the bodies hold; fewer are also the broad order's first hits.
  const metaRids = cap === null || !meta ? null : metaNewestRids(stmts, m, meta, filters, params, cap + 1);
  if (metaRids && cap !== null && metaRids.length > cap) return { total: cap, capped: true, rids: metaRids.slice(0, limit) };
  // Counting to the cap collects the matches' rids: when they are fewer than the cap, they are
  // every match, and the newest of them need no second pass over the index (a phrase of common
  // words that is itself rare walks both words' positions in full: that pass cost 3 ms more).
  const matched = cap === null ? null : ridsOf(stmts, `SELECT f.rowid AS rid ${from} LIMIT :limit`, { ...params, match: full, limit: cap + 1 });
  const counted = matched ? matched.length
    : Number((stmts.get(`SELECT count(*) AS n ${from}`).get({ ...params, match: full }) as Row).n);
  const capped = cap !== null && counted > cap;
  const total = capped ? cap : counted;
  if (total === 0) return { total, capped, rids: [] as number[] };
  const newest = (n: number): number[] => matched && !capped
    ? [...matched].sort((a, b) => b - a).slice(0, n)
    : ridsOf(stmts, `SELECT f.rowid AS rid ${from} ORDER BY f.rowid DESC LIMIT :limit`, { ...params, match: full, limit: n }, true);

  if (!capped && total <= bm25Limit) {
    const ranked = stmts.get(`SELECT f.rowid AS rid ${from} ORDER BY f.rank, f.rowid DESC LIMIT :limit`)
      .all({ ...params, match: full, limit }) as unknown as { rid: number }[];
    return { total, capped, rids: ranked.map((r) => r.rid) };
  }
  let top = metaRids ? metaRids.slice(0, limit) : metaNewestRids(stmts, m, meta, filters, params, limit);
  if (top.length < limit) {
    const seen = new Set(top);
    top = [...top, ...newest(limit + top.length).filter((rid) => !seen.has(rid))].slice(0, limit);
  }
  return { total, capped, rids: top };
}

type MetaMatches = { from: string; params: Params } | null;

/**
 * FROM … WHERE for the articles with the positive terms in a short field, from the short-field
 * index (FTS_META), exclusions checked per candidate in the full index; null for a query with
 * CJK terms (the cjk column is only in the full index).
 */
function metaMatches(m: CompiledMatch, filters: Filters): MetaMatches {
  if (!m.positive || (CJK_COLUMN && m.positive.includes(`${CJK_COLUMN} : `))) return null;
  const META = FTS_META.table;
  const join = filters.byRow.length > 0 ? `JOIN articles a ON a.rid = m.rowid` : '';
  const conds = [`${META} MATCH :match`, ...filterConds(filters, '+m.rowid')];
  if (m.exclude) conds.push(`NOT EXISTS (SELECT 1 FROM ${FTS} x WHERE x.rowid = m.rowid AND ${FTS} MATCH :exclude)`);
  return { from: `FROM ${META} m ${join} WHERE ${conds.join(' AND ')}`, params: m.exclude ? { match: m.positive, exclude: m.exclude } : { match: m.positive } };
}

/**
 * The newest `limit` matches with the positive terms in a short field (`meta`, or the full
 * index restricted to those columns when it is null). When more than the cap match there, the
 * search is broad and capped whatever the bodies hold, and these are its hits: the full index,
 * whose prefix queries must merge every matching term's postings first (18 ms for a common
 * 4-letter prefix at 100,000 articles), need not be read.
 */
function metaNewestRids(
  stmts: StatementCache, m: CompiledMatch, meta: MetaMatches, filters: Filters, params: Params, limit: number,
): number[] {
  if (!meta) {
    const sql = `SELECT f.rowid AS rid ${fullIndexFrom(filters)} ORDER BY f.rowid DESC LIMIT :limit`;
    return ridsOf(stmts, sql, { ...params, match: restrictToColumns(m, META_COLUMNS)!, limit }, true);
  }
  return ridsOf(stmts, `SELECT m.rowid AS rid ${meta.from} ORDER BY m.rowid DESC LIMIT :limit`, { ...params, ...meta.params, limit }, true);
}

/** Queries with filters or exclusions but no words: newest first, excerpt as the snippet. */
function filteredList(stmts: StatementCache, exclude: string | null, filters: Filters, params: Params, limit: number) {
  const where = ['a.deleted_at IS NULL', ...filterConds(filters, 'a.rid')];
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

/** The hits' rows in one statement (50 lookups cost several times that), in the given order. */
function rowsInOrder(stmts: StatementCache, rids: readonly number[]): Row[] {
  if (rids.length === 0) return [];
  const rows = stmts.get(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.rid IN (SELECT value FROM json_each(:rids))`)
    .all({ rids: JSON.stringify(rids) }) as Row[];
  const byRid = new Map(rows.map((row) => [Number(row.rid), row]));
  return rids.map((rid) => byRid.get(rid)).filter((row): row is Row => row !== undefined);
}

/**
 * Snippets of these articles for a query, by article id (an id not found has none). Each
 * body is decompressed on its own, ~30 µs in Node whatever its size (a zstd call's fixed cost),
 * so a search makes snippets only for the rows on screen and the list asks for the others as
 * they scroll into view.
 */
function snippetsOf(stmts: StatementCache, key: 'rid' | 'id', keys: readonly (number | string)[], parsed: ParsedQuery): Map<string, string> {
  const snippets = new Map<string, string>();
  if (keys.length === 0) return snippets;
  const highlighter = highlighterFor(parsed.groups.flat());
  const rows = stmts.get(`SELECT a.id, a.body_z FROM articles a WHERE a.${key} IN (SELECT value FROM json_each(:keys)) AND a.deleted_at IS NULL`)
    .all({ keys: JSON.stringify(keys) }) as Row[];
  for (const row of rows) snippets.set(String(row.id), highlightSnippet(unpackBody(row.body_z).text, highlighter));
  return snippets;
}

/** Snippets for hits a search left without one (see SearchHit.snippet), by article id. */
export function searchSnippets(stmts: StatementCache, query: string, ids: readonly string[]): Record<string, string> {
  const wanted = [...new Set(ids)].slice(0, MAX_SEARCH_LIMIT);
  return Object.fromEntries(snippetsOf(stmts, 'id', wanted, parseSearchQuery(query)));
}

/** The API's SearchResult; `totalCapped` is set when counting stopped at countLimit ("N+"). */
export interface LibrarySearchResult extends SearchResult {
  totalCapped?: true;
}

export interface SearchOptions {
  /** How many of the first hits come with their snippet; the rest have null. Default: all. */
  snippets?: number;
  rankAllLimit?: number;
  countLimit?: number;
}

export function searchArticles(stmts: StatementCache, query: string, limit: number, options: SearchOptions = {}): LibrarySearchResult {
  const { rankAllLimit = RANK_ALL_LIMIT, countLimit = COUNT_LIMIT } = options;
  const n = Math.min(Math.max(Math.trunc(Number.isFinite(limit) ? limit : 20), 1), MAX_SEARCH_LIMIT);
  const withSnippets = Math.max(0, Math.trunc(Number.isFinite(options.snippets) ? options.snippets! : n));
  const parsed = parseSearchQuery(query);
  const compiled = compileMatch(parsed, { cjkColumn: CJK_COLUMN });
  const { match, exclude } = compiled;
  const params: Params = {};
  const filters = filterSql(parsed, params);
  if (parsed.inHighlights) {
    const highlights = searchHighlights(stmts, parsed, compiled, filters, params, n);
    // Counted as articles are: to the cap, then "N+".
    const { total, capped } = highlights.length < n ? { total: highlights.length, capped: false } : countHighlightMatches(stmts, compiled, filters, params, countLimit);
    return { hits: [], total, ...(capped ? { totalCapped: true as const } : {}), highlights };
  }
  if (!match && !exclude && !hasFilters(filters)) return { hits: [], total: 0 };
  if (!match) {
    const { total, rows } = filteredList(stmts, exclude, filters, params, n);
    return { total, hits: rows.map((row) => ({ article: toSummary(row), snippet: escapeHtml(String(row.snip ?? '')) })) };
  }
  // Most libraries have few highlights or none; their search is a join the planner cannot skip.
  const anyHighlights = stmts.get('SELECT EXISTS (SELECT 1 FROM highlights WHERE deleted_at IS NULL) AS any').get() as Row;
  const highlights = anyHighlights.any ? searchHighlights(stmts, parsed, compiled, filters, params, HIGHLIGHTS_BESIDE_ARTICLES) : [];
  const bm25Limit = usesBm25(parsed, filters) ? rankAllLimit : 0;
  const { total, capped, rids } = rankedSearch(stmts, compiled, filters, params, n, bm25Limit, countLimit);
  const snippets = snippetsOf(stmts, 'rid', rids.slice(0, withSnippets), parsed);
  const hits: SearchHit[] = rowsInOrder(stmts, rids).map((row) => ({ article: toSummary(row), snippet: snippets.get(String(row.id)) ?? null }));
  const withHighlights = highlights.length > 0 ? { highlights } : {};
  return capped ? { hits, total, totalCapped: true, ...withHighlights } : { hits, total, ...withHighlights };
}
