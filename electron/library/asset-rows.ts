// Which cached image files live articles still use, so unused ones can be freed.
import type { Row } from './article-rows.ts';
import type { StatementCache } from './db.ts';

export function unusedAssetHashes(stmts: StatementCache): string[] {
  return stmts
    .get(
      `SELECT s.hash FROM assets s WHERE NOT EXISTS (
         SELECT 1 FROM article_assets aa JOIN articles a ON a.id = aa.article_id
         WHERE aa.hash = s.hash AND a.deleted_at IS NULL)
       ORDER BY s.hash`,
    )
    .all()
    .map((r) => String((r as Row).hash));
}

export function assetsInUse(stmts: StatementCache, hashes: readonly string[]): Set<string> {
  const used = new Set<string>();
  const stmt = stmts.get(
    `SELECT 1 FROM article_assets aa JOIN articles a ON a.id = aa.article_id
     WHERE aa.hash = :hash AND a.deleted_at IS NULL LIMIT 1`,
  );
  for (const hash of new Set(hashes)) if (stmt.get({ hash })) used.add(hash);
  return used;
}

/** Run inside a transaction: forgets the hashes still unused; returns those forgotten. */
export function forgetAssets(stmts: StatementCache, hashes: readonly string[]): string[] {
  const unused = new Set(unusedAssetHashes(stmts));
  const gone = [...new Set(hashes)].filter((h) => unused.has(h));
  for (const hash of gone) stmts.get('DELETE FROM assets WHERE hash = :hash').run({ hash });
  return gone;
}
