// Feeds and their items, and highlights. A feed's articles carry its id (feed_id) so a feed's
// list and its unread count walk one index; feed_items remembers every item seen, by GUID and
// by URL, so an item removed by retention or deleted by the reader never comes back. Highlights
// are stored the W3C Web Annotation way: the quote with its prefix and suffix, and a text
// position as a hint; one that can no longer be placed is kept (orphaned), never dropped.
// pending_content holds an article's HTML from a feed or an import until its images are cached.
import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './types.ts';

export const migration0007: Migration = {
  version: 7,
  description: 'feeds, feed items, highlights, content waiting to be saved',
  up(db: DatabaseSync): void {
    db.exec(`
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,              -- UUID
        url TEXT NOT NULL,                -- the feed's own address (after discovery)
        title TEXT NOT NULL DEFAULT '',   -- as the feed names itself
        custom_title TEXT,                -- the reader's rename, shown instead
        site_url TEXT,
        folder TEXT,                      -- one level, as OPML folders
        fetch_full INTEGER NOT NULL DEFAULT 1 CHECK (fetch_full IN (0, 1)),
        -- It answered from this computer or the local network: only then may its items and
        -- their images be fetched there. A feed on the internet cannot send Lectern into the LAN.
        local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1)),
        keep_days INTEGER,                -- retention; NULL keeps everything
        keep_items INTEGER,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT,                  -- last attempt
        succeeded_at TEXT,
        next_check_at TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        error TEXT,                       -- why the last attempt failed, for the reader
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE UNIQUE INDEX feeds_live_url ON feeds(url) WHERE deleted_at IS NULL;
      CREATE INDEX feeds_due ON feeds(next_check_at) WHERE deleted_at IS NULL;

      CREATE TABLE feed_items (
        feed_id TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,           -- 'guid:' + GUID, or 'url:' + URL when there is none
        url TEXT,
        article_id TEXT,                  -- the article it became (a tombstone once removed)
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, item_key)
      ) WITHOUT ROWID;
      CREATE INDEX feed_items_by_url ON feed_items(feed_id, url);

      ALTER TABLE articles ADD COLUMN feed_id TEXT;
      CREATE INDEX articles_by_feed ON articles(feed_id, archived, created_at, rid)
        WHERE deleted_at IS NULL AND feed_id IS NOT NULL;

      CREATE TABLE highlights (
        id TEXT PRIMARY KEY,              -- UUID
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote TEXT NOT NULL,              -- text-quote selector: exact
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start_pos INTEGER,                -- text-position selector (a hint), in the article's text
        end_pos INTEGER,
        color TEXT NOT NULL DEFAULT 'yellow',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE INDEX highlights_by_article ON highlights(article_id, start_pos) WHERE deleted_at IS NULL;
      CREATE INDEX highlights_by_created ON highlights(created_at) WHERE deleted_at IS NULL;

      -- What an article is to be saved from instead of fetching its page: a feed item's own
      -- content, or an import that carried the article. The capture queue takes it, caches its
      -- images and stores the article; the row goes once it is saved.
      CREATE TABLE pending_content (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        content TEXT NOT NULL            -- JSON: html, text, byline, siteName, excerpt, publishedAt, lang
      ) WITHOUT ROWID;

      -- A deleted article takes its highlights with it (its tombstone keeps id and url only).
      CREATE TRIGGER articles_highlights_tombstone AFTER UPDATE OF deleted_at ON articles
        WHEN new.deleted_at IS NOT NULL AND old.deleted_at IS NULL BEGIN
        UPDATE highlights SET deleted_at = new.deleted_at, updated_at = new.deleted_at
        WHERE article_id = new.id AND deleted_at IS NULL;
      END;
    `);
  },
};
