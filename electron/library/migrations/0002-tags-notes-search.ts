// Notes; tags, URL parts and CJK bigrams in search; text and HTML stored deflated together; list
// indexes for the published/title sorts.
import type { DatabaseSync } from 'node:sqlite';
import { packBody } from '../compress.ts';
import { cjkIndexText } from '../fts-match.ts';
import { createFtsSql, dropFtsSql, FTS_V1, FTS_V2, TAGS_TEXT_OF, TAGS_TEXT_TRIGGERS } from '../fts-sql.ts';
import type { Migration } from './types.ts';

const CHUNK = 500;

/** Packs text + html into body_z and fills cjk, a chunk of rows at a time. */
function backfill(db: DatabaseSync): void {
  const read = db.prepare(
    `SELECT rid, title, byline, text, html FROM articles WHERE rid > ? AND deleted_at IS NULL ORDER BY rid LIMIT ${CHUNK}`,
  );
  const write = db.prepare('UPDATE articles SET body_z = ?, cjk = ? WHERE rid = ?');
  let last = 0;
  for (;;) {
    const rows = read.all(last) as { rid: number; title: string; byline: string | null; text: string; html: string }[];
    for (const r of rows) write.run(packBody(r.text, r.html), cjkIndexText(r.title, r.byline, r.text), r.rid);
    if (rows.length < CHUNK) return;
    last = rows.at(-1)!.rid;
  }
}

export const migration0002: Migration = {
  version: 2,
  description: 'notes, tags/URL/CJK search, text+html deflated, more list indexes',
  up(db: DatabaseSync): void {
    db.exec(dropFtsSql(FTS_V1));
    db.exec(`
      ALTER TABLE articles ADD COLUMN note TEXT NOT NULL DEFAULT '';
      ALTER TABLE articles ADD COLUMN tags_text TEXT NOT NULL DEFAULT '';
      ALTER TABLE articles ADD COLUMN cjk TEXT NOT NULL DEFAULT '';
      ALTER TABLE articles ADD COLUMN body_z BLOB NOT NULL DEFAULT X'';  -- text + html, deflated
    `);
    backfill(db);
    db.exec(`
      ALTER TABLE articles DROP COLUMN text;
      ALTER TABLE articles DROP COLUMN html;
      CREATE INDEX articles_by_published ON articles(archived, coalesce(published_at, created_at), rid)
        WHERE deleted_at IS NULL;
      CREATE INDEX articles_by_title ON articles(archived, lower(title), rid) WHERE deleted_at IS NULL;
      UPDATE articles SET tags_text = ${TAGS_TEXT_OF('articles.id')};
      ${TAGS_TEXT_TRIGGERS}
    `);
    db.exec(createFtsSql(FTS_V2));
  },
};
