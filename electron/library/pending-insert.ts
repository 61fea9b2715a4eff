// Many links at once, waiting to be fetched: an import's rows. The same reason as bulk-insert.ts
// applies: indexed one statement at a time, FTS5 writes one tiny segment per row and spends the
// import merging them (30,000 Pocket rows took 5 s). Rows go in parked (deleted_at set, which
// the index triggers skip) with their tag links made first, and one UPDATE at the end indexes
// the whole chunk. The caller wraps it in one transaction.
import { randomUUID } from 'node:crypto';
import { hostOf } from './article-rows.ts';
import { nowIso } from './clock.ts';
import type { StatementCache } from './db.ts';
import { cjkIndexText } from './fts-match.ts';
import { TAGS_TEXT_OF } from './fts-sql.ts';
import { stripMarkers } from './snippet.ts';
import { ensureTag } from './tags.ts';
import { newArticleId } from './article-id.ts';

export interface PendingLink {
  /** Normalised. */
  url: string;
  title: string | null;
  savedAt: string | null;
  tags: readonly string[];
  archived: boolean;
  starred: boolean;
  progress: number | null;
  readAt: string | null;
}

const INSERT = `INSERT INTO articles (id, url, host, title, status, starred, archived, progress, read_at, cjk,
    tags_text, created_at, updated_at, deleted_at)
  VALUES (:id, :url, :host, :title, 'pending', :starred, :archived, :progress, :readAt, :cjk, ${TAGS_TEXT_OF(':id')},
    :createdAt, :now, :parked)`;
const UNPARK = `UPDATE articles SET deleted_at = NULL WHERE rid BETWEEN :first AND :last AND deleted_at = :parked`;
const LINK_TAG = 'INSERT OR IGNORE INTO article_tags (article_id, tag_id, created_at) VALUES (:id, :tagId, :now)';

/** For each link, in order: the new article's id, or the live article already saved there. */
export function insertPendingLinks(stmts: StatementCache, links: readonly PendingLink[], findSaved: string): Array<{ id: string; created: boolean }> {
  if (links.length === 0) return [];
  stmts.get('PRAGMA defer_foreign_keys = ON').run();
  const parked = `pending-insert:${randomUUID()}`;
  const now = nowIso();
  const tagIds = new Map<string, string | null>();
  // Parked rows are invisible to the lookup: a second row for the same address in this chunk
  // finds the first one here.
  const madeHere = new Map<string, string>();
  let first = 0;
  let last = 0;
  const results = links.map((link) => {
    const existing = madeHere.get(link.url) ?? (stmts.get(findSaved).get({ url: link.url }) as { id: string } | undefined)?.id;
    if (existing) return { id: existing, created: false };
    const id = newArticleId();
    for (const name of link.tags) {
      let tagId = tagIds.get(name);
      if (tagId === undefined) tagIds.set(name, (tagId = ensureTag(stmts, name, now)));
      if (tagId) stmts.get(LINK_TAG).run({ id, tagId, now });
    }
    const title = stripMarkers((link.title ?? '').slice(0, 1000));
    const progress = link.progress === null || !Number.isFinite(link.progress) ? 0 : Math.min(Math.max(link.progress, 0), 1);
    const { lastInsertRowid } = stmts.get(INSERT).run({
      id,
      url: link.url,
      host: hostOf(link.url),
      title,
      starred: link.starred ? 1 : 0,
      archived: link.archived ? 1 : 0,
      progress,
      readAt: link.readAt,
      cjk: cjkIndexText(title),
      createdAt: link.savedAt ?? now,
      now,
      parked,
    });
    last = Number(lastInsertRowid);
    if (first === 0) first = last;
    madeHere.set(link.url, id);
    return { id, created: true };
  });
  if (first !== 0) stmts.get(UNPARK).run({ first, last, parked });
  return results;
}
