// Tags: many per article, matched case-insensitively, renamed or merged without losing links.
// Link changes fire the tags_text triggers (fts-sql.ts), which keep search in step.
import { randomUUID } from 'node:crypto';
import type { StatementCache } from './db.ts';
import { cleanTagName, tagKey } from './tag-names.ts';

type Params = Record<string, string | number | null>;

export interface TagCount {
  name: string;
  count: number;
}

function liveTagId(stmts: StatementCache, name: string): string | null {
  const row = stmts.get('SELECT id FROM tags WHERE key = :key AND deleted_at IS NULL').get({ key: tagKey(name) });
  return row ? String((row as { id: string }).id) : null;
}

/** The live tag for a name, created when missing. Null for a name that is blank once cleaned. */
export function ensureTag(stmts: StatementCache, name: string, now: string): string | null {
  const clean = cleanTagName(name);
  if (!clean) return null;
  const existing = liveTagId(stmts, clean);
  if (existing) return existing;
  const id = randomUUID();
  stmts
    .get('INSERT INTO tags (id, name, key, created_at, updated_at) VALUES (:id, :name, :key, :now, :now)')
    .run({ id, name: clean, key: tagKey(clean), now });
  return id;
}

/** Links tags to an article; returns how many links are new. */
export function linkTags(stmts: StatementCache, articleId: string, names: readonly string[], now: string): number {
  let added = 0;
  for (const name of names) {
    const tagId = ensureTag(stmts, name, now);
    if (!tagId) continue;
    const params: Params = { articleId, tagId, now };
    added += Number(
      stmts
        .get('INSERT OR IGNORE INTO article_tags (article_id, tag_id, created_at) VALUES (:articleId, :tagId, :now)')
        .run(params).changes,
    );
  }
  return added;
}

export function unlinkTag(stmts: StatementCache, articleId: string, name: string): boolean {
  const tagId = liveTagId(stmts, name);
  if (!tagId) return false;
  const res = stmts.get('DELETE FROM article_tags WHERE article_id = :articleId AND tag_id = :tagId').run({ articleId, tagId });
  return Number(res.changes) > 0;
}

/**
 * Renames a tag. When `to` names another live tag, the two merge: links move to `to` and the
 * `from` tag becomes a tombstone. Returns the ids of articles whose tag list changed, or null
 * when `from` does not exist or `to` is blank.
 */
export function renameTag(stmts: StatementCache, from: string, to: string, now: string): string[] | null {
  const src = liveTagId(stmts, from);
  const clean = cleanTagName(to);
  if (!src || !clean) return null;
  const affected = stmts
    .get('SELECT article_id FROM article_tags WHERE tag_id = :src')
    .all({ src })
    .map((r) => String((r as { article_id: string }).article_id));
  const dst = liveTagId(stmts, clean);
  if (!dst || dst === src) {
    stmts.get('UPDATE tags SET name = :name, key = :key, updated_at = :now WHERE id = :src').run({
      src, name: clean, key: tagKey(clean), now,
    });
    return affected;
  }
  stmts
    .get(`INSERT OR IGNORE INTO article_tags (article_id, tag_id, created_at)
          SELECT article_id, :dst, created_at FROM article_tags WHERE tag_id = :src`)
    .run({ src, dst });
  stmts.get('DELETE FROM article_tags WHERE tag_id = :src').run({ src });
  stmts.get('UPDATE tags SET deleted_at = :now, updated_at = :now WHERE id = :src').run({ src, now });
  stmts.get('UPDATE tags SET updated_at = :now WHERE id = :dst').run({ dst, now });
  return affected;
}

/** Live tags that label at least one live article, by name. */
export function listTags(stmts: StatementCache): TagCount[] {
  return stmts
    .get(`SELECT t.name, count(*) AS count FROM tags t JOIN article_tags at ON at.tag_id = t.id
          WHERE t.deleted_at IS NULL GROUP BY t.id ORDER BY t.key`)
    .all()
    .map((r) => ({ name: String(r.name), count: Number(r.count) }));
}
