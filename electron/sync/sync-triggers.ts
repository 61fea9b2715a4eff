// The SQL of sync's local change log, in one place (migration 0009 runs it; frozen: a change is
// a new constant and a new migration).
//
// Triggers note *that* a field changed, never its value: one short outbox row (entity, id,
// field, wall ms), replaced when the same field changes again, so the outbox stays as small as
// the set of changed fields. Values are read from the rows when a round pushes them. A new row
// is one '*' row (all its fields). Nothing is noted while the engine applies a remote's changes
// (a row in sync_applying, inside the applying transaction only), so they never echo back.
//
// Kept cheap for bulk inserts: an article insert costs one outbox row; tag links and assets
// made before their article is live (bulk-insert.ts parks rows) are covered by that '*' row.

/** Not applying a remote's changes: every trigger's guard (an empty table: one page read). */
const LOCAL = 'NOT EXISTS (SELECT 1 FROM sync_applying)';
const MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

const note = (entity: string, id: string, field: string): string =>
  `INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at) VALUES ('${entity}', ${id}, ${field}, ${MS});`;

/** Column changes noted one field each; the compound SELECT keeps it one statement per row. */
function fieldChanges(entity: string, table: string, columns: readonly string[]): string {
  const picks = columns.map((c) => `SELECT '${c}' AS f WHERE old.${c} IS NOT new.${c}`).join(' UNION ALL ');
  return `CREATE TRIGGER sync_${table}_au AFTER UPDATE OF ${columns.join(', ')} ON ${table} WHEN ${LOCAL} BEGIN
    INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at) SELECT '${entity}', new.id, f, ${MS} FROM (${picks});
  END;`;
}

/** The article columns synced as plain fields (see sync-fields.ts); body_z is the 'body' field. */
export const ARTICLE_SYNC_COLUMNS_V1 = [
  'final_url', 'canonical_url', 'title', 'byline', 'site', 'host', 'excerpt', 'lead_image', 'favicon', 'lang',
  'dir', 'word_count', 'published_at', 'status', 'starred', 'archived', 'progress', 'read_at', 'feed_id', 'note', 'body_z',
] as const;
export const HIGHLIGHT_SYNC_COLUMNS_V1 = ['article_id', 'quote', 'prefix', 'suffix', 'start_pos', 'end_pos', 'color', 'note', 'orphaned'] as const;
export const FEED_SYNC_COLUMNS_V1 = ['url', 'title', 'custom_title', 'site_url', 'folder', 'fetch_full', 'keep_days', 'keep_items'] as const;

const LIVE_ARTICLE = (id: string): string => `EXISTS (SELECT 1 FROM articles WHERE id = ${id} AND deleted_at IS NULL)`;
const TAG_KEY = (tagId: string): string => `'tag:' || (SELECT key FROM tags WHERE id = ${tagId})`;

export const SYNC_LOG_SQL_V1 = `
  -- What changed here since the last push (see above). at: wall ms when it changed.
  CREATE TABLE sync_outbox (
    entity TEXT NOT NULL,             -- 'article' | 'highlight' | 'feed'
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,              -- a field name, 'tag:<key>', or '*' for all
    at INTEGER NOT NULL,
    stamp TEXT,                       -- the HLC stamp it was given (before a push or a pull), NULL until then
    PRIMARY KEY (entity, entity_id, field)
  ) WITHOUT ROWID;
  -- Holds one row only inside a transaction that applies a remote's changes.
  CREATE TABLE sync_applying (on_ INTEGER PRIMARY KEY);
  -- The HLC stamp of each field's current value ('*': every field without a row of its own).
  CREATE TABLE sync_stamps (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    stamp TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
  ) WITHOUT ROWID;
  -- An article note's concurrent texts and the edits they replaced (note-merge.ts), JSON.
  CREATE TABLE sync_notes (article_id TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID;
  -- Deletions, with the segment that first carried them, until every device has seen them.
  CREATE TABLE sync_tombstones (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    origin_seq INTEGER NOT NULL,      -- 0 until this device's own deletion is pushed
    PRIMARY KEY (entity, entity_id)
  ) WITHOUT ROWID;
  -- Remote changes waiting for what they belong to (a highlight before its article).
  CREATE TABLE sync_parked (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    entry TEXT NOT NULL,              -- JSON, as in a segment
    PRIMARY KEY (entity, entity_id)
  ) WITHOUT ROWID;
  -- Per remote device: the last segment applied here.
  -- An article deleted as a duplicate of another with the same address: its highlights move there.
  CREATE TABLE sync_aliases (lost TEXT PRIMARY KEY, kept TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE sync_seen (device TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
  -- Blobs known to be on the remote (written by this device, or referenced by a segment read).
  CREATE TABLE sync_blobs (hash TEXT PRIMARY KEY) WITHOUT ROWID;
  -- Device id, clock, next segment number.
  CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

  CREATE TRIGGER sync_articles_ai AFTER INSERT ON articles WHEN ${LOCAL} BEGIN
    ${note('article', 'new.id', "'*'")}
  END;
  ${fieldChanges('article', 'articles', ARTICLE_SYNC_COLUMNS_V1)}
  CREATE TRIGGER sync_articles_deleted AFTER UPDATE OF deleted_at ON articles
    WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL AND ${LOCAL} BEGIN
    ${note('article', 'new.id', "'deleted'")}
  END;
  CREATE TRIGGER sync_article_tags_ai AFTER INSERT ON article_tags WHEN ${LOCAL} AND ${LIVE_ARTICLE('new.article_id')} BEGIN
    ${note('article', 'new.article_id', TAG_KEY('new.tag_id'))}
  END;
  CREATE TRIGGER sync_article_tags_ad AFTER DELETE ON article_tags WHEN ${LOCAL} AND ${LIVE_ARTICLE('old.article_id')} BEGIN
    ${note('article', 'old.article_id', TAG_KEY('old.tag_id'))}
  END;
  CREATE TRIGGER sync_tags_key AFTER UPDATE OF key ON tags WHEN old.key IS NOT new.key AND ${LOCAL} BEGIN
    INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at)
      SELECT 'article', article_id, 'tag:' || k, ${MS} FROM article_tags, (SELECT old.key AS k UNION ALL SELECT new.key)
      WHERE tag_id = new.id;
  END;
  CREATE TRIGGER sync_article_assets_ai AFTER INSERT ON article_assets WHEN ${LOCAL} AND ${LIVE_ARTICLE('new.article_id')} BEGIN
    ${note('article', 'new.article_id', "'assets'")}
  END;
  CREATE TRIGGER sync_article_assets_ad AFTER DELETE ON article_assets WHEN ${LOCAL} AND ${LIVE_ARTICLE('old.article_id')} BEGIN
    ${note('article', 'old.article_id', "'assets'")}
  END;

  CREATE TRIGGER sync_highlights_ai AFTER INSERT ON highlights WHEN ${LOCAL} BEGIN
    ${note('highlight', 'new.id', "'*'")}
  END;
  ${fieldChanges('highlight', 'highlights', HIGHLIGHT_SYNC_COLUMNS_V1)}
  CREATE TRIGGER sync_highlights_deleted AFTER UPDATE OF deleted_at ON highlights
    WHEN (old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL) AND ${LOCAL} BEGIN
    ${note('highlight', 'new.id', "'deleted'")}
  END;

  CREATE TRIGGER sync_feeds_ai AFTER INSERT ON feeds WHEN ${LOCAL} BEGIN
    ${note('feed', 'new.id', "'*'")}
  END;
  ${fieldChanges('feed', 'feeds', FEED_SYNC_COLUMNS_V1)}
  CREATE TRIGGER sync_feeds_deleted AFTER UPDATE OF deleted_at ON feeds
    WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL AND ${LOCAL} BEGIN
    ${note('feed', 'new.id', "'deleted'")}
  END;
`;
