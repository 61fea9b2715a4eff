// Writes finished articles straight into the library file the running core uses, with the
// library's own bulk loader (the one an importer would use). For lists too big to capture.
import { join } from 'node:path';
import { openLibrary, type BulkArticle } from '../../electron/library/library.ts';

export interface SeedOptions {
  count: number;
  /** Tags for article i, if any. */
  tags?: (i: number) => string[];
  /** Body HTML for article i, stored as given: it skips the capture sanitiser on purpose. */
  html?: (i: number) => string;
  /** Saved images article i uses (so the image keeper leaves them be). */
  assetHashes?: (i: number) => string[];
  /** The site icon's app URL for article i. */
  favicon?: (i: number) => string | null;
  batch?: number;
}

export function seedArticles(dataDir: string, { count, tags, html, assetHashes, favicon, batch = 5_000 }: SeedOptions): void {
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
          text: `Body of article ${i}.`,
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
