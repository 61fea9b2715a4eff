// Tag lists and tag filters answered from article_tags alone. Each link carries a copy of its
// article's rid, saved date and archived flag, kept in step by triggers, and one index orders
// a tag's links by saved date. Listing a tag, counting it, or restricting a search to it no
// longer reads every tagged article's row (each is several KB, so that was most of the cost).
// Also: links of tombstoned articles are removed (delete() already does so; the triggers make
// it a rule), and the FTS index buffers up to 16 MB of new terms per statement before writing
// a segment, so bulk inserts write few large segments instead of many small ones.
import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './types.ts';

export const FTS_HASH_SIZE = 16 * 1024 * 1024;

export const migration0003: Migration = {
  version: 3,
  description: 'article copies on tag links for tag lists and filters, larger FTS write buffer',
  up(db: DatabaseSync): void {
    db.exec(`
      DELETE FROM article_tags WHERE article_id IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL);
      ALTER TABLE article_tags ADD COLUMN article_rid INTEGER;
      ALTER TABLE article_tags ADD COLUMN saved_at TEXT;
      ALTER TABLE article_tags ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
      UPDATE article_tags SET (article_rid, saved_at, archived) =
        (SELECT a.rid, a.created_at, a.archived FROM articles a WHERE a.id = article_tags.article_id);
      DROP INDEX article_tags_by_tag;
      CREATE INDEX article_tags_by_tag_saved ON article_tags(tag_id, saved_at, article_rid, archived);

      -- A link made after its article (the usual order) copies the article's fields.
      CREATE TRIGGER article_tags_copy_ai AFTER INSERT ON article_tags BEGIN
        UPDATE article_tags SET (article_rid, saved_at, archived) =
          (SELECT a.rid, a.created_at, a.archived FROM articles a WHERE a.id = new.article_id)
        WHERE article_id = new.article_id AND tag_id = new.tag_id
          AND EXISTS (SELECT 1 FROM articles a WHERE a.id = new.article_id);
      END;
      -- Links made first (bulk insert, foreign keys deferred) get them when the article arrives.
      CREATE TRIGGER articles_tag_links_ai AFTER INSERT ON articles BEGIN
        UPDATE article_tags SET article_rid = new.rid, saved_at = new.created_at, archived = new.archived
        WHERE article_id = new.id;
      END;
      CREATE TRIGGER articles_tag_links_archived AFTER UPDATE OF archived ON articles BEGIN
        UPDATE article_tags SET archived = new.archived WHERE article_id = new.id;
      END;
      CREATE TRIGGER articles_tag_links_tombstone AFTER UPDATE OF deleted_at ON articles
        WHEN new.deleted_at IS NOT NULL BEGIN
        DELETE FROM article_tags WHERE article_id = new.id;
      END;
      INSERT INTO article_fts(article_fts, rank) VALUES ('hashsize', ${FTS_HASH_SIZE});
    `);
  },
};
