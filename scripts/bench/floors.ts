// The search bench's floors: the least a part of the work costs on this machine, measured in the
// same run, so a target that sits below its floor shows as such rather than as a slow library.
//   - Inserts: a bare FTS5 index of the bodies alone (contentless, detail=full as phrases need,
//     the default tokenizer, no rows, nothing stored): what any phrase-capable FTS5 index of
//     the same text must do, whatever else a library stores.
//   - Searches: on our library, FTS5 alone (the count to the cap and the top 50 by bm25, as the
//     naive query does), then the same plus unpacking the bodies of the rows on screen, which
//     their snippets need (the text is stored compressed, for the size target).
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BulkArticle } from '../../electron/library/library.ts';
import { unpackBody } from '../../electron/library/compress.ts';
import { FTS_CURRENT } from '../../electron/library/fts-sql.ts';
import { toNaiveQuery } from './naive-library.ts';

export class BareBodyIndex {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  #nextId = 1;

  constructor(file: string) {
    this.#db = new DatabaseSync(file);
    // The connection settings ours and the naive library use.
    this.#db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
      PRAGMA cache_size = -8000; CREATE VIRTUAL TABLE bodies USING fts5(body, content='');`);
    this.#insert = this.#db.prepare('INSERT INTO bodies (rowid, body) VALUES (?, ?)');
  }

  /** One batch in one transaction, as ours and the naive library take it. */
  insert(batch: readonly BulkArticle[]): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const a of batch) this.#insert.run(this.#nextId++, a.text);
      this.#db.exec('COMMIT');
    } catch (err) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  close(): void {
    this.#db.close();
  }
}

/** The parts of one search on our library that no design over this storage can skip. */
export class SearchFloor {
  readonly #db: DatabaseSync;
  readonly #count: StatementSync;
  readonly #top: StatementSync;
  readonly #bodies: StatementSync;

  constructor(file: string, countLimit: number) {
    this.#db = new DatabaseSync(file, { readOnly: true });
    this.#db.exec('PRAGMA cache_size = -8000');
    const fts = FTS_CURRENT.table;
    this.#count = this.#db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH :m LIMIT ${countLimit + 1})`);
    this.#top = this.#db.prepare(`SELECT rowid AS rid FROM ${fts} WHERE ${fts} MATCH :m ORDER BY rank LIMIT 50`);
    this.#bodies = this.#db.prepare('SELECT body_z FROM articles WHERE rid IN (SELECT value FROM json_each(:rids))');
  }

  /** The count and the top 50; with `unpack`, also the first `unpack` of those bodies. */
  run(query: string, unpack: number): void {
    const m = toNaiveQuery(query).match;
    this.#count.get({ m });
    const rids = (this.#top.all({ m }) as { rid: number }[]).map((r) => r.rid);
    if (unpack === 0) return;
    for (const row of this.#bodies.all({ rids: JSON.stringify(rids.slice(0, unpack)) }) as { body_z: Uint8Array }[]) unpackBody(row.body_z);
  }

  close(): void {
    this.#db.close();
  }
}
