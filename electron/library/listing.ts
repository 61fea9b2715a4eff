// Article lists: a view (+ optional tag/site), a sort, keyset pagination with an opaque cursor.
import type { ListPage, ListQuery, ListSort, ListView } from '../shared/listing.ts';
import type { StatementCache } from './db.ts';
import { SUMMARY_COLUMNS, toSummary, type Row } from './article-rows.ts';
import { tagKey } from './tag-names.ts';

/** The API's sorts plus the ones the library offers ahead of the contract. */
export type LibrarySort = ListSort | 'published' | 'title';
export interface LibraryListQuery extends Omit<ListQuery, 'sort'> {
  sort?: LibrarySort;
}

interface SortSpec {
  /** Key expression over `articles a`; never NULL, so row-value comparison works. */
  expr: string;
  desc: boolean;
}

const SORTS: Record<LibrarySort, SortSpec> = {
  newest: { expr: 'a.created_at', desc: true },
  oldest: { expr: 'a.created_at', desc: false },
  longest: { expr: 'a.word_count', desc: true },
  shortest: { expr: 'a.word_count', desc: false },
  published: { expr: 'coalesce(a.published_at, a.created_at)', desc: true },
  title: { expr: 'lower(a.title)', desc: false },
};

const VIEWS: Record<ListView, string> = {
  unread: 'a.archived = 0',
  archive: 'a.archived = 1',
  starred: 'a.starred = 1',
  all: '1',
};

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

type CursorKey = string | number;

export function encodeCursor(sort: LibrarySort, key: CursorKey, rid: number): string {
  return Buffer.from(JSON.stringify([sort, key, rid])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: LibrarySort): { key: CursorKey; rid: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === sort) {
      const [, key, rid] = parsed as unknown[];
      if ((typeof key === 'string' || typeof key === 'number') && Number.isInteger(rid)) {
        return { key, rid: rid as number };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new RangeError('Invalid or stale list cursor');
}

/** Conditions on a tag link `at` for each view; null when the view needs the article row. */
const LINK_VIEWS: Record<ListView, string | null> = {
  unread: 'at.archived = 0',
  archive: 'at.archived = 1',
  starred: null,
  all: '1',
};

function liveTagId(stmts: StatementCache, name: string): string | null {
  const row = stmts.get('SELECT id FROM tags WHERE key = :key AND deleted_at IS NULL').get({ key: tagKey(name) }) as Row | undefined;
  return row ? String(row.id) : null;
}

/** Trigger-kept totals (migration 0010) for a whole view, or a tag's links; null when the list is narrower. */
const VIEW_COUNTS: Record<ListView, string> = { unread: 'unread', archive: 'archived', starred: 'starred', all: 'live' };
const LINK_COUNTS: Partial<Record<ListView, string>> = { unread: 'unread', archive: 'links - unread', all: 'links' };

function keptCount(stmts: StatementCache, q: LibraryListQuery, tagId: string | null): number | null {
  if (q.site != null || q.feed != null) return null;
  if (tagId === null) {
    const row = stmts.get(`SELECT ${VIEW_COUNTS[q.view]} AS n FROM article_counts WHERE id = 1`).get() as Row | undefined;
    return row ? Number(row.n) : null;
  }
  const expr = LINK_COUNTS[q.view];
  if (!expr) return null;
  const row = stmts.get(`SELECT ${expr} AS n FROM tag_link_counts WHERE tag_id = :tagId`).get({ tagId }) as Row | undefined;
  return row ? Number(row.n) : 0;
}

function countRows(stmts: StatementCache, from: string, where: string[], params: Record<string, string | number>): number {
  return Number((stmts.get(`SELECT count(*) AS n FROM ${from} WHERE ${where.join(' AND ')}`).get(params) as Row).n);
}

export function listArticles(stmts: StatementCache, q: LibraryListQuery): ListPage {
  const sortName: LibrarySort = q.sort ?? 'newest';
  const sort = SORTS[sortName];
  const view = VIEWS[q.view];
  if (!sort || !view) throw new RangeError(`Unknown list view or sort: ${q.view}/${String(q.sort)}`);
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);

  const params: Record<string, string | number> = {};
  let tagId: string | null = null;
  if (q.tag != null) {
    tagId = liveTagId(stmts, q.tag);
    if (!tagId) return { items: [], nextCursor: null, total: 0 };
    params.tagId = tagId;
  }
  // A tag's links carry the article's saved date and archived flag (migration 0003), so a tag
  // list in saved order, and its count, walk one index instead of every tagged article's row.
  const linkView = LINK_VIEWS[q.view];
  const byLinks = tagId !== null && q.site == null && q.feed == null && linkView !== null && sort.expr === 'a.created_at';
  const where = byLinks ? ['at.tag_id = :tagId', linkView!] : ['a.deleted_at IS NULL', view];
  if (tagId !== null && !byLinks) where.push('a.rid IN (SELECT article_rid FROM article_tags WHERE tag_id = :tagId)');
  if (q.site != null) {
    where.push('a.host = :site');
    params.site = q.site.toLowerCase().replace(/^www\./, '');
  }
  if (q.feed != null) {
    where.push('a.feed_id = :feedId');
    params.feedId = q.feed;
  }
  const total = keptCount(stmts, q, tagId) ?? countRows(stmts, byLinks ? 'article_tags at' : 'articles a', where, params);

  const dir = sort.desc ? 'DESC' : 'ASC';
  const [keyExpr, ridExpr] = byLinks ? ['at.saved_at', 'at.article_rid'] : [sort.expr, 'a.rid'];
  if (q.cursor) {
    const c = decodeCursor(q.cursor, sortName);
    where.push(`(${keyExpr}, ${ridExpr}) ${sort.desc ? '<' : '>'} (:ck, :cr)`);
    params.ck = c.key;
    params.cr = c.rid;
  }
  params.lim = limit + 1;
  // CROSS JOIN keeps the link index as the outer loop, so rows come out already in order.
  const join = byLinks ? 'article_tags at CROSS JOIN articles a ON a.rid = at.article_rid AND a.deleted_at IS NULL' : 'articles a';
  const rows = stmts
    .get(
      `SELECT ${SUMMARY_COLUMNS}, ${sort.expr} AS sort_key FROM ${join}
       WHERE ${where.join(' AND ')} ORDER BY ${keyExpr} ${dir}, ${ridExpr} ${dir} LIMIT :lim`,
    )
    .all(params) as Row[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor(sortName, last.sort_key as CursorKey, Number(last.rid)) : null;
  return { items: page.map(toSummary), nextCursor, total };
}
