// Finding an already-saved article looks at the saved, final (after redirects) and canonical
// URL. Only the first had an index, so each lookup scanned the table: an import of 50,000
// links took minutes. These two partial indexes let SQLite answer the OR from indexes alone.
import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './types.ts';

export const migration0004: Migration = {
  version: 4,
  description: 'indexes for finding an article by its final or canonical URL',
  up(db: DatabaseSync): void {
    db.exec(`
      CREATE INDEX articles_live_final_url ON articles(final_url) WHERE deleted_at IS NULL;
      CREATE INDEX articles_live_canonical_url ON articles(canonical_url) WHERE deleted_at IS NULL;
    `);
  },
};
