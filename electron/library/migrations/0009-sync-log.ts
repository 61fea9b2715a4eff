// Sync's local change log (electron/sync/sync-triggers.ts): an outbox that triggers fill with
// which fields changed, and the engine's own tables (clock, field stamps, what was seen). What
// the library already holds goes into the outbox, so the first round pushes all of it.
import type { DatabaseSync } from 'node:sqlite';
import { SYNC_LOG_SQL_V1 } from '../../sync/sync-triggers.ts';
import type { Migration } from './types.ts';

export const migration0009: Migration = {
  version: 9,
  description: 'sync change log',
  up(db: DatabaseSync): void {
    db.exec(SYNC_LOG_SQL_V1);
    db.exec(`
      INSERT INTO sync_outbox (entity, entity_id, field, at)
        SELECT 'article', id, '*', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM articles WHERE deleted_at IS NULL;
      INSERT INTO sync_outbox (entity, entity_id, field, at)
        SELECT 'highlight', h.id, '*', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM highlights h
        JOIN articles a ON a.id = h.article_id WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL;
      INSERT INTO sync_outbox (entity, entity_id, field, at)
        SELECT 'feed', id, '*', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM feeds WHERE deleted_at IS NULL;
    `);
  },
};
