// Articles, tags, assets and the first full-text index.
import type { DatabaseSync } from 'node:sqlite';
import { createFtsSql, FTS_V1 } from '../fts-sql.ts';
import type { Migration } from './types.ts';

export const migration0001: Migration = {
  version: 1,
  description: 'articles, tags, assets, full-text index',
  up(db: DatabaseSync): void {
    db.exec(`
      CREATE TABLE articles (
        rid INTEGER PRIMARY KEY,          -- internal key, the FTS rowid
        id TEXT NOT NULL UNIQUE,          -- stable UUID, what the API and a future sync see
        url TEXT NOT NULL,                -- as saved
        final_url TEXT,                   -- after redirects
        canonical_url TEXT,
        title TEXT NOT NULL DEFAULT '',
        byline TEXT,
        site TEXT,                        -- display name of the site
        host TEXT NOT NULL DEFAULT '',    -- hostname without www., for site filters
        excerpt TEXT,
        lead_image TEXT,
        html TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        lang TEXT,
        dir TEXT CHECK (dir IN ('ltr', 'rtl')),
        word_count INTEGER NOT NULL DEFAULT 0,
        published_at TEXT,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fetching', 'done', 'failed')),
        error TEXT,
        starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        read_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT                   -- tombstone: content cleared, id and url kept
      );
      CREATE UNIQUE INDEX articles_live_url ON articles(url) WHERE deleted_at IS NULL;
      CREATE INDEX articles_status ON articles(status, created_at) WHERE deleted_at IS NULL;
      CREATE INDEX articles_by_created ON articles(archived, created_at, rid) WHERE deleted_at IS NULL;
      CREATE INDEX articles_by_words ON articles(archived, word_count, rid) WHERE deleted_at IS NULL;
      CREATE INDEX articles_all_by_created ON articles(created_at, rid) WHERE deleted_at IS NULL;
      CREATE INDEX articles_all_by_words ON articles(word_count, rid) WHERE deleted_at IS NULL;
      CREATE INDEX articles_starred ON articles(created_at, rid) WHERE deleted_at IS NULL AND starred = 1;
      CREATE INDEX articles_host ON articles(host, created_at, rid) WHERE deleted_at IS NULL;
      CREATE INDEX articles_updated ON articles(updated_at);

      CREATE TABLE tags (
        id TEXT PRIMARY KEY,              -- UUID
        name TEXT NOT NULL,               -- as the user typed it
        key TEXT NOT NULL,                -- folded name: tags match case-insensitively
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE UNIQUE INDEX tags_live_key ON tags(key) WHERE deleted_at IS NULL;

      CREATE TABLE article_tags (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (article_id, tag_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);

      -- Every asset hash the library has seen; rows go when the file is freed.
      CREATE TABLE assets (
        hash TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE article_assets (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        hash TEXT NOT NULL REFERENCES assets(hash) ON DELETE CASCADE,
        PRIMARY KEY (article_id, hash)
      ) WITHOUT ROWID;
      CREATE INDEX article_assets_by_hash ON article_assets(hash);
    `);
    db.exec(createFtsSql(FTS_V1));
  },
};
