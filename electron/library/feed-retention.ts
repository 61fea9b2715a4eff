// Which of a feed's articles its retention lets go. Never one the reader has made theirs:
// starred, tagged, noted or highlighted articles stay however old, and do not count against
// "keep N items" (the newest N are counted among the others).
import type { Row } from './article-rows.ts';
import type { StatementCache } from './db.ts';

export interface Retention {
  keepDays: number | null;
  keepItems: number | null;
  /** Only articles still unread (unsubscribing keeps what was archived, as read history). */
  unreadOnly?: boolean;
}

const UNHELD = `a.starred = 0 AND a.note = ''
  AND NOT EXISTS (SELECT 1 FROM article_tags at WHERE at.article_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.deleted_at IS NULL)`;

export function removableFeedArticles(stmts: StatementCache, feedId: string, retention: Retention, now: Date): string[] {
  if (retention.keepDays === null && retention.keepItems === null) return [];
  const unread = retention.unreadOnly ? 'AND a.archived = 0' : '';
  const rows = stmts
    .get(`SELECT a.id, a.created_at FROM articles a
          WHERE a.feed_id = :feedId AND a.deleted_at IS NULL AND a.status <> 'fetching' AND ${UNHELD} ${unread}
          ORDER BY a.created_at DESC, a.rid DESC`)
    .all({ feedId }) as Row[];
  const cutoff = retention.keepDays === null ? null : new Date(now.getTime() - retention.keepDays * 86_400_000).toISOString();
  return rows
    .filter((row, index) => (retention.keepItems !== null && index >= retention.keepItems) || (cutoff !== null && String(row.created_at) < cutoff))
    .map((row) => String(row.id));
}
