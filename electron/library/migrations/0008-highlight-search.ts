// Highlights become searchable and can be orphaned. The table is rebuilt with an integer row
// key (rid), because an external-content FTS index needs one that VACUUM cannot renumber, and
// gains `orphaned`: set when a re-fetch or an import's capture left a quote that can no longer
// be placed. The FTS index over quotes and notes is kept by triggers (fts-sql.ts).
import type { DatabaseSync } from 'node:sqlite';
import { createFtsSql, FTS_HIGHLIGHTS } from '../fts-sql.ts';
import type { Migration } from './types.ts';

export const migration0008: Migration = {
  version: 8,
  description: 'highlight search and orphaned highlights',
  up(db: DatabaseSync): void {
    db.exec(`
      DROP TRIGGER articles_highlights_tombstone;
      CREATE TABLE highlights_v8 (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,          -- UUID
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote TEXT NOT NULL,              -- text-quote selector: exact
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start_pos INTEGER,                -- text-position selector (a hint), in the article's text
        end_pos INTEGER,
        color TEXT NOT NULL DEFAULT 'yellow',
        note TEXT NOT NULL DEFAULT '',
        orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      INSERT INTO highlights_v8 (id, article_id, quote, prefix, suffix, start_pos, end_pos, color, note, created_at, updated_at, deleted_at)
        SELECT id, article_id, quote, prefix, suffix, start_pos, end_pos, color, note, created_at, updated_at, deleted_at
        FROM highlights ORDER BY created_at, id;
      DROP TABLE highlights;
      ALTER TABLE highlights_v8 RENAME TO highlights;
      CREATE INDEX highlights_by_article ON highlights(article_id, start_pos) WHERE deleted_at IS NULL;
      -- The Highlights view: newest first, a keyset page at a time.
      CREATE INDEX highlights_by_created ON highlights(created_at, rid) WHERE deleted_at IS NULL;
      CREATE INDEX highlights_by_color ON highlights(color, created_at, rid) WHERE deleted_at IS NULL;

      -- A deleted article takes its highlights with it (its tombstone keeps id and url only).
      CREATE TRIGGER articles_highlights_tombstone AFTER UPDATE OF deleted_at ON articles
        WHEN new.deleted_at IS NOT NULL AND old.deleted_at IS NULL BEGIN
        UPDATE highlights SET deleted_at = new.deleted_at, updated_at = new.deleted_at
        WHERE article_id = new.id AND deleted_at IS NULL;
      END;
    `);
    db.exec(createFtsSql(FTS_HIGHLIGHTS));
  },
};
