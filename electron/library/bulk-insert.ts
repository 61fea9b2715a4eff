// Inserting many finished articles at once: the benchmark's loader, and the shape a future
// importer (Pocket/Instapaper export) would use. The caller wraps it in one transaction.
import { randomUUID } from 'node:crypto';
import type { CapturedArticle } from '../shared/captured-article.ts';
import { hostOf } from './article-rows.ts';
import { nowIso } from './clock.ts';
import type { StatementCache } from './db.ts';
import { packBody } from './compress.ts';
import { cjkIndexText } from './fts-match.ts';
import { TAGS_TEXT_OF } from './fts-sql.ts';
import { stripMarkers } from './snippet.ts';
import { linkTags } from './tags.ts';

export interface BulkArticle extends CapturedArticle {
  createdAt?: string;
  tags?: string[];
  starred?: boolean;
  archived?: boolean;
}

// Tag links go in first (foreign keys deferred to COMMIT), so tags_text is right when the row
// is inserted and the FTS trigger indexes each article once instead of once per tag.
const INSERT = `INSERT INTO articles (id, url, final_url, canonical_url, title, byline, site, host, excerpt,
    lead_image, body_z, lang, dir, word_count, published_at, status, starred, archived, cjk,
    tags_text, created_at, updated_at)
  VALUES (:id, :url, :url, :canonicalUrl, :title, :byline, :site, :host, :excerpt, :leadImage, :body,
    :lang, :dir, :wordCount, :publishedAt, 'done', :starred, :archived, :cjk, ${TAGS_TEXT_OF(':id')},
    :createdAt, :now)`;

export function bulkInsertArticles(stmts: StatementCache, items: readonly BulkArticle[]): string[] {
  const ids: string[] = [];
  stmts.get('PRAGMA defer_foreign_keys = ON').run();
  for (const a of items) {
    const id = randomUUID();
    const now = nowIso();
    const text = stripMarkers(a.text);
    if (a.tags?.length) linkTags(stmts, id, a.tags, now);
    stmts.get(INSERT).run({
      id,
      url: a.url,
      canonicalUrl: a.canonicalUrl,
      title: stripMarkers(a.title),
      byline: a.byline,
      site: a.siteName,
      host: hostOf(a.url),
      excerpt: a.excerpt,
      leadImage: a.leadImage,
      body: packBody(text, a.html),
      lang: a.lang,
      dir: a.dir,
      wordCount: Math.max(0, Math.trunc(a.wordCount)),
      publishedAt: a.publishedAt,
      starred: a.starred ? 1 : 0,
      archived: a.archived ? 1 : 0,
      cjk: cjkIndexText(a.title, a.byline, text),
      createdAt: a.createdAt ?? now,
      now,
    });
    for (const hash of new Set(a.assetHashes)) {
      stmts.get('INSERT OR IGNORE INTO assets (hash, created_at) VALUES (:hash, :now)').run({ hash, now });
      stmts.get('INSERT INTO article_assets (article_id, hash) VALUES (:id, :hash)').run({ id, hash });
    }
    ids.push(id);
  }
  return ids;
}
