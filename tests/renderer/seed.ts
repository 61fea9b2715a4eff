// Writes finished articles straight into the library file the running core uses, with the
// library's own bulk loader (the one an importer would use). For lists too big to capture.
// Highlights likewise, for the benchmark's 200,000 (tests add theirs through the core).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openConnection } from '../../electron/library/db.ts';
import { openLibrary, type BulkArticle } from '../../electron/library/library.ts';
import type { HighlightColor } from '../../electron/shared/highlight.ts';

export interface SeedOptions {
  count: number;
  /** Tags for article i, if any. */
  tags?: (i: number) => string[];
  /** Body HTML for article i, stored as given: it skips the capture sanitiser on purpose. */
  html?: (i: number) => string;
  /** Its text, which search indexes; by default a line of its own, not the body's. */
  text?: (i: number) => string;
  /** Saved images article i uses (so the image keeper leaves them be). */
  assetHashes?: (i: number) => string[];
  /** The site icon's app URL for article i. */
  favicon?: (i: number) => string | null;
  batch?: number;
}

export function seedArticles(dataDir: string, { count, tags, html, text, assetHashes, favicon, batch = 5_000 }: SeedOptions): void {
  const library = openLibrary(join(dataDir, 'library.db'), { backupDir: join(dataDir, 'backups') });
  try {
    const base = Date.UTC(2025, 0, 1);
    for (let start = 0; start < count; start += batch) {
      const items: BulkArticle[] = [];
      for (let i = start; i < Math.min(count, start + batch); i++) {
        items.push({
          url: `https://example.com/archive/${i}`,
          canonicalUrl: null,
          title: `Article number ${i}`,
          byline: null,
          siteName: `Site ${i % 37}`,
          publishedAt: null,
          lang: 'en',
          dir: null,
          excerpt: `A short excerpt for article ${i}.`,
          html: html ? html(i) : `<p>Body of article ${i}.</p>`,
          text: text ? text(i) : `Body of article ${i}.`,
          leadImage: null,
          wordCount: 200 + (i % 3000),
          assetHashes: assetHashes ? assetHashes(i) : [],
          createdAt: new Date(base + i * 60_000).toISOString(),
          ...(tags ? { tags: tags(i) } : {}),
          ...(favicon ? { favicon: favicon(i) } : {}),
        });
      }
      library.bulkInsert(items);
    }
  } finally {
    library.close();
  }
}

/** A highlight row written as it is, for libraries too big to highlight one call at a time. */
export interface SeedHighlight {
  articleId: string;
  quote: string;
  prefix?: string;
  suffix?: string;
  start: number | null;
  end: number | null;
  color: HighlightColor;
  note?: string;
  orphaned?: boolean;
  createdAt: string;
}

/** The seeded articles' ids, in the order seedArticles wrote them (article i at index i). */
export function seededArticleIds(dataDir: string): string[] {
  const db = openConnection(join(dataDir, 'library.db'));
  try {
    return (db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY created_at, rid').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

/**
 * Writes highlights with plain INSERTs in one transaction into the library file (already
 * migrated: seed the articles first). The library's own triggers keep the highlight search
 * index, exactly as they do for highlights the app adds.
 */
export function seedHighlights(dataDir: string, rows: Iterable<SeedHighlight>): number {
  const db = openConnection(join(dataDir, 'library.db'));
  let count = 0;
  try {
    const insert = db.prepare(`INSERT INTO highlights (id, article_id, quote, prefix, suffix, start_pos, end_pos, color, note, orphaned, created_at, updated_at)
      VALUES (:id, :articleId, :quote, :prefix, :suffix, :start, :end, :color, :note, :orphaned, :createdAt, :createdAt)`);
    db.exec('BEGIN');
    for (const h of rows) {
      insert.run({
        id: randomUUID(),
        articleId: h.articleId,
        quote: h.quote,
        prefix: h.prefix ?? '',
        suffix: h.suffix ?? '',
        start: h.start,
        end: h.end,
        color: h.color,
        note: h.note ?? '',
        orphaned: h.orphaned ? 1 : 0,
        createdAt: h.createdAt,
      });
      count++;
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.close();
  }
  return count;
}
