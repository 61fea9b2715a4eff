// Counts over the whole library, for `lectern stats` and the like.
import type { Row } from './article-rows.ts';
import type { StatementCache } from './db.ts';

export interface LibraryStats {
  articles: number;
  unread: number;
  archived: number;
  starred: number;
  /** Waiting to be fetched, or being fetched. */
  pending: number;
  failed: number;
  words: number;
  feeds: number;
  highlights: number;
  tags: number;
  databaseBytes: number;
}

const STATS_SQL = `SELECT count(*) AS articles, coalesce(sum(archived = 0), 0) AS unread, coalesce(sum(archived = 1), 0) AS archived,
         coalesce(sum(starred = 1), 0) AS starred, coalesce(sum(status = 'pending' OR status = 'fetching'), 0) AS pending,
         coalesce(sum(status = 'failed'), 0) AS failed, coalesce(sum(word_count), 0) AS words,
         (SELECT count(*) FROM feeds WHERE deleted_at IS NULL) AS feeds,
         (SELECT count(*) FROM highlights h JOIN articles x ON x.id = h.article_id WHERE h.deleted_at IS NULL AND x.deleted_at IS NULL) AS highlights,
         (SELECT count(DISTINCT tag_id) FROM article_tags) AS tags
       FROM articles WHERE deleted_at IS NULL`;

export function readStats(stmts: StatementCache): LibraryStats {
  const row = stmts.get(STATS_SQL).get() as Row;
  const pages = stmts.get('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as Row | undefined;
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    articles: n('articles'), unread: n('unread'), archived: n('archived'), starred: n('starred'), pending: n('pending'),
    failed: n('failed'), words: n('words'), feeds: n('feeds'), highlights: n('highlights'), tags: n('tags'),
    databaseBytes: Number(pages?.bytes ?? 0),
  };
}
