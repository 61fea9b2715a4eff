// Inserting many finished articles at once: the benchmark's loader, and the shape a future
// importer (Pocket/Instapaper export) would use. The caller wraps it in one transaction.
//
// Why rows go in "parked" and are indexed by one UPDATE at the end: FTS5 writes its pending
// terms to disk as a new segment whenever a statement that may write it opens a savepoint,
// and every statement whose triggers write the index does. Indexing row by row therefore
// wrote one tiny segment per article and spent most of the insert merging them. A row parked
// with deleted_at set is skipped by the FTS insert trigger; the final UPDATE clears deleted_at
// for the whole batch in one statement, so the index takes the batch as a few large segments.
// Nothing parked is ever visible: it is all one transaction, rolled back on any error.
import { randomUUID } from 'node:crypto';
import type { CapturedArticle } from '../shared/captured-article.ts';
import { hostOf } from './article-rows.ts';
import { nowIso } from './clock.ts';
import type { StatementCache } from './db.ts';
import { packBody, RecentBodies, withRecentBodies } from './compress.ts';
import { cjkIndexText } from './fts-match.ts';
import { FTS_CURRENT, TAGS_TEXT_OF } from './fts-sql.ts';
import { stripMarkers } from './snippet.ts';
import { ensureTag } from './tags.ts';
import { newArticleId } from './article-id.ts';

/** A capture from elsewhere (an export, a benchmark) may come without a site icon. */
export interface BulkArticle extends Omit<CapturedArticle, 'favicon'> {
  favicon?: string | null;
  createdAt?: string;
  tags?: string[];
  starred?: boolean;
  archived?: boolean;
}

// Tag links go in first (foreign keys deferred to COMMIT), so tags_text is right when the row
// is inserted and indexed. final_url stays NULL: no redirect is known, and readers take
// coalesce(final_url, url); a copy of url cost 200 bytes an article in the row and its index.
const INSERT = `INSERT INTO articles (id, url, final_url, canonical_url, title, byline, site, host, excerpt,
    lead_image, favicon, body_z, lang, dir, word_count, published_at, status, starred, archived, cjk,
    tags_text, created_at, updated_at, deleted_at)
  VALUES (:id, :url, NULL, :canonicalUrl, :title, :byline, :site, :host, :excerpt, :leadImage, :favicon, :body,
    :lang, :dir, :wordCount, :publishedAt, 'done', :starred, :archived, :cjk, ${TAGS_TEXT_OF(':id')},
    :createdAt, :now, :parked)`;
const UNPARK = `UPDATE articles SET deleted_at = NULL WHERE rid BETWEEN :first AND :last AND deleted_at = :parked`;
const FTS = FTS_CURRENT.table;
const SET_FTS_OPTION = `INSERT INTO ${FTS}(${FTS}, rank) VALUES (:key, :value)`;
/** FTS5's default: merge once 4 segments share a level. */
const DEFAULT_AUTOMERGE = 4;
/** During a bulk insert: merge less often (fewer rewrites of the same postings); reset after. */
export const BULK_AUTOMERGE = 16;
const LINK_TAG = 'INSERT OR IGNORE INTO article_tags (article_id, tag_id, created_at) VALUES (:id, :tagId, :now)';

export function bulkInsertArticles(stmts: StatementCache, items: readonly BulkArticle[]): string[] {
  const ids: string[] = [];
  if (items.length === 0) return ids;
  stmts.get('PRAGMA defer_foreign_keys = ON').run();
  const parked = `bulk-insert:${randomUUID()}`;
  const automerge = stmts.get(`SELECT v FROM ${FTS}_config WHERE k = 'automerge'`).get() as { v: number } | undefined;
  // BigInt: FTS5 takes only an integer here, and node:sqlite binds a number as a double.
  stmts.get(SET_FTS_OPTION).run({ key: 'automerge', value: BigInt(BULK_AUTOMERGE) });
  const tagIds = new Map<string, string | null>();
  let first = 0;
  let last = 0;
  const bodies = new RecentBodies();
  for (const a of items) {
    const id = newArticleId();
    const now = nowIso();
    const text = stripMarkers(a.text);
    for (const name of a.tags ?? []) {
      let tagId = tagIds.get(name);
      if (tagId === undefined) tagIds.set(name, (tagId = ensureTag(stmts, name, now)));
      if (tagId) stmts.get(LINK_TAG).run({ id, tagId, now });
    }
    const body = packBody(text, a.html);
    bodies.add(body, text);
    const { lastInsertRowid } = stmts.get(INSERT).run({
      id,
      url: a.url,
      canonicalUrl: a.canonicalUrl,
      title: stripMarkers(a.title),
      byline: a.byline,
      site: a.siteName,
      host: hostOf(a.url),
      excerpt: a.excerpt,
      leadImage: a.leadImage,
      favicon: a.favicon ?? null,
      body,
      lang: a.lang,
      dir: a.dir,
      wordCount: Math.max(0, Math.trunc(a.wordCount)),
      publishedAt: a.publishedAt,
      starred: a.starred ? 1 : 0,
      archived: a.archived ? 1 : 0,
      cjk: cjkIndexText(a.title, a.byline, text),
      createdAt: a.createdAt ?? now,
      now,
      parked,
    });
    last = Number(lastInsertRowid);
    if (first === 0) first = last;
    // The lead image and site icon are assets the article uses too, whether or not listed.
    const shown = [a.leadImage, a.favicon].map((src) => /^\/assets\/([0-9a-f]{64})$/.exec(src ?? '')?.[1]).filter((hash): hash is string => !!hash);
    for (const hash of new Set([...a.assetHashes, ...shown])) {
      stmts.get('INSERT OR IGNORE INTO assets (hash, created_at) VALUES (:hash, :now)').run({ hash, now });
      stmts.get('INSERT INTO article_assets (article_id, hash) VALUES (:id, :hash)').run({ id, hash });
    }
    ids.push(id);
  }
  withRecentBodies(bodies, () => stmts.get(UNPARK).run({ first, last, parked }));
  stmts.get(SET_FTS_OPTION).run({ key: 'automerge', value: BigInt(automerge?.v ?? DEFAULT_AUTOMERGE) });
  return ids;
}
