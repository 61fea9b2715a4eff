// The full-text index rebuilt with the body text as its first column (FTS_V3). FTS5 writes a
// column number before each position list outside column 0; with the text seventh, that was
// 2 bytes for nearly every word of every article. First, the index is about a quarter smaller.
// The rebuild reads every body once, about 40 s at 100,000 articles, so it fills the index a
// range of rows at a time and says how far it is: the app shows that while it waits.
import type { DatabaseSync } from 'node:sqlite';
import { createFtsSql, dropFtsSql, FTS_V2, FTS_V3, type FtsSpec } from '../fts-sql.ts';
import { FTS_HASH_SIZE } from './0003-tag-links-for-lists.ts';
import type { Migration, StepProgress } from './types.ts';

/** Rows read per INSERT … SELECT: small enough for steady progress, large enough to cost nothing. */
const FILL_BATCH = 2_000;

/**
 * What FTS5's 'rebuild' does for an external-content index, FILL_BATCH source rows at a time
 * (found by row id, so gaps and huge ids cost nothing), with progress by rows done.
 */
function fillIndex(db: DatabaseSync, spec: FtsSpec, progress: StepProgress, share: number): void {
  const { table, rowKey } = { table: 'articles', rowKey: 'rid', ...spec.source };
  const { total } = db.prepare(`SELECT count(*) AS total FROM ${table}`).get() as { total: number };
  const lastOfBatch = db.prepare(`SELECT max(${rowKey}) AS last, count(*) AS n FROM (SELECT ${rowKey} FROM ${table} WHERE ${rowKey} > ? ORDER BY ${rowKey} LIMIT ${FILL_BATCH})`);
  const columns = spec.columns.map((c) => c.name).join(', ');
  const fill = db.prepare(`INSERT INTO ${spec.table}(rowid, ${columns}) SELECT rid, ${columns} FROM ${spec.view} WHERE rid > ? AND rid <= ?`);
  let after = Number.MIN_SAFE_INTEGER;
  let done = 0;
  for (;;) {
    const batch = lastOfBatch.get(after) as { last: number | null; n: number };
    if (batch.last === null) return;
    fill.run(after, batch.last);
    after = batch.last;
    done += batch.n;
    progress((share * done) / Math.max(1, total));
  }
}

export const migration0011: Migration = {
  version: 11,
  description: 'the full-text index with the body text first',
  up(db: DatabaseSync, progress: StepProgress): void {
    db.exec(dropFtsSql(FTS_V2));
    db.exec(createFtsSql(FTS_V3, { rebuild: false }));
    // As migration 0003 set it on the old index: few large segments when many rows go in at once.
    db.exec(`INSERT INTO ${FTS_V3.table}(${FTS_V3.table}, rank) VALUES ('hashsize', ${FTS_HASH_SIZE})`);
    // Filling is most of the time; the merge into one segment after it is the rest.
    fillIndex(db, FTS_V3, progress, 0.9);
    db.exec(`INSERT INTO ${FTS_V3.table}(${FTS_V3.table}) VALUES ('optimize')`);
  },
};
