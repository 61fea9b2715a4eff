// The search bench's floors: what parts of the work cost alone on this machine, measured in the
// same run, so a target that sits below its floor shows as such rather than as a slow library.
//   - Inserts: a contentless FTS5 index of the bodies alone, with what phrases and bm25 need
//     (positions and column sizes), the default tokenizer and ours' bulk-load settings
//     (hashsize, automerge), no rows and nothing stored: the FTS5 work any library that
//     searches the same text by phrase and rank does, whatever else it stores.
//   - Searches: on our library, the FTS5 part of what ours does (the count to the cap, then the
//     top 50 by bm25, or the newest 50 when the count is capped), then the same plus unpacking
//     the bodies of the rows on screen, which their snippets need (the text is stored
//     compressed, for the size target). Ours also reads its short-field index and the rows.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BulkArticle } from '../../electron/library/library.ts';
import { unpackBody } from '../../electron/library/compress.ts';
import { inTransaction } from '../../electron/library/db.ts';
import { BULK_AUTOMERGE } from '../../electron/library/bulk-insert.ts';
import { FTS_CURRENT } from '../../electron/library/fts-sql.ts';
import { FTS_HASH_SIZE } from '../../electron/library/migrations/0003-tag-links-for-lists.ts';
import { toNaiveQuery } from './naive-library.ts';

export class BareBodyIndex {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  #nextId = 1;

  constructor(file: string) {
    this.#db = new DatabaseSync(file);
    // The connection settings ours and the naive library use.
    this.#db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
      PRAGMA cache_size = -8000; CREATE VIRTUAL TABLE bodies USING fts5(body, content='');
      INSERT INTO bodies(bodies, rank) VALUES ('hashsize', ${FTS_HASH_SIZE});
      INSERT INTO bodies(bodies, rank) VALUES ('automerge', ${BULK_AUTOMERGE});`);
    this.#insert = this.#db.prepare('INSERT INTO bodies (rowid, body) VALUES (?, ?)');
  }

  /** One batch in one transaction, as ours and the naive library take it. */
  insert(batch: readonly BulkArticle[]): void {
    inTransaction(this.#db, () => {
      for (const a of batch) this.#insert.run(this.#nextId++, a.text);
    });
  }

  close(): void {
    this.#db.close();
  }
}

/** The parts of one search on our library that no design over this storage can skip. */
export class SearchFloor {
  readonly #db: DatabaseSync;
  readonly #countLimit: number;
  readonly #count: StatementSync;
  readonly #top: StatementSync;
  readonly #newest: StatementSync;
  readonly #bodies: StatementSync;

  constructor(file: string, countLimit: number) {
    this.#db = new DatabaseSync(file, { readOnly: true });
    this.#db.exec('PRAGMA cache_size = -8000');
    this.#countLimit = countLimit;
    const fts = FTS_CURRENT.table;
    this.#count = this.#db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH :m LIMIT ${countLimit + 1})`);
    this.#top = this.#db.prepare(`SELECT rowid AS rid FROM ${fts} WHERE ${fts} MATCH :m ORDER BY rank LIMIT 50`);
    this.#newest = this.#db.prepare(`SELECT rowid AS rid FROM ${fts} WHERE ${fts} MATCH :m ORDER BY rowid DESC LIMIT 50`);
    this.#bodies = this.#db.prepare('SELECT body_z FROM articles WHERE rid IN (SELECT value FROM json_each(:rids))');
  }

  /** The count and the top 50 (bm25, or newest when capped); then the first `unpack` bodies. */
  run(query: string, unpack: number): void {
    const m = toNaiveQuery(query).match;
    const { n } = this.#count.get({ m }) as { n: number };
    const rids = ((n > this.#countLimit ? this.#newest : this.#top).all({ m }) as { rid: number }[]).map((r) => r.rid);
    if (unpack === 0) return;
    for (const row of this.#bodies.all({ rids: JSON.stringify(rids.slice(0, unpack)) }) as { body_z: Uint8Array }[]) unpackBody(row.body_z);
  }

  close(): void {
    this.#db.close();
  }
}
