// The search bench's reference: the library a first attempt would build. One FTS5 table over
// title and body (default unicode61 tokenizer, content stored in the table), a plain articles
// table with an index on (archived, created_at), and tag links keyed by (tag, saved date) so a
// tag list is also one indexed ORDER BY … LIMIT 50. It gets the same articles, in the same
// batches and transactions, as ours; its searches are the literal SQL.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BulkArticle } from '../../electron/library/library.ts';

const SCHEMA = `
  CREATE VIRTUAL TABLE naive USING fts5(title, body);
  CREATE TABLE articles (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL, title TEXT NOT NULL, site TEXT, byline TEXT,
    excerpt TEXT, word_count INTEGER NOT NULL, created_at TEXT NOT NULL,
    starred INTEGER NOT NULL, archived INTEGER NOT NULL);
  CREATE INDEX articles_by_state_saved ON articles(archived, created_at);
  CREATE TABLE article_tags (
    tag TEXT NOT NULL, created_at TEXT NOT NULL, article_id INTEGER NOT NULL,
    PRIMARY KEY (tag, created_at, article_id)) WITHOUT ROWID;`;

const LIST_COLUMNS = 'a.id, a.url, a.title, a.site, a.byline, a.excerpt, a.word_count, a.created_at, a.starred, a.archived';
const SNIPPET = `snippet(naive, 1, '<mark>', '</mark>', '…', 12)`;

/** One of the bench's query strings as the naive library runs it. */
export interface NaiveQuery {
  /** The FTS5 MATCH expression. */
  match: string;
  tag: string | null;
  unread: boolean;
}

const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * Translates the bench's query strings (words, `pre*`, `"a phrase"`, `tag:"…"`, `is:unread`)
 * into FTS5 syntax and filters. Only those forms: anything else is a bench bug, so it throws.
 */
export function toNaiveQuery(query: string): NaiveQuery {
  const terms: string[] = [];
  let tag: string | null = null;
  let unread = false;
  for (const [, phrase, tagName, token] of query.matchAll(/"([^"]*)"|tag:"([^"]*)"|(\S+)/g)) {
    if (phrase !== undefined) terms.push(quote(phrase));
    else if (tagName !== undefined) tag = tagName;
    else if (token === 'is:unread') unread = true;
    else if (/^[\p{L}\p{N}]+\*$/u.test(token!)) terms.push(`${quote(token!.slice(0, -1))} *`);
    else if (/^[\p{L}\p{N}]+$/u.test(token!)) terms.push(quote(token!));
    else throw new Error(`The naive library cannot run the query ${JSON.stringify(query)}`);
  }
  if (terms.length === 0) throw new Error(`No words in the query ${JSON.stringify(query)}`);
  return { match: terms.join(' '), tag, unread };
}

export interface NaiveSearchResult {
  total: number;
  hits: { rowid: number; title: string; snippet: string }[];
}

export class NaiveLibrary {
  readonly #db: DatabaseSync;
  readonly #stmts = new Map<string, StatementSync>();
  #nextId = 1;

  constructor(file: string, create: boolean) {
    this.#db = new DatabaseSync(file, { timeout: 5000 });
    // The connection settings ours uses (electron/library/db.ts), so only the schema differs.
    this.#db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
      PRAGMA cache_size = -8000;`);
    if (create) this.#db.exec(SCHEMA);
    else this.#nextId = Number((this.#get('SELECT coalesce(max(id), 0) + 1 AS n FROM articles').get() as { n: number }).n);
  }

  #get(sql: string): StatementSync {
    let stmt = this.#stmts.get(sql);
    if (!stmt) this.#stmts.set(sql, (stmt = this.#db.prepare(sql)));
    return stmt;
  }

  /** One batch in one transaction, as ours takes it. */
  insert(batch: readonly BulkArticle[]): void {
    const article = this.#get(`INSERT INTO articles (id, url, title, site, byline, excerpt, word_count, created_at, starred, archived)
      VALUES (:id, :url, :title, :site, :byline, :excerpt, :wordCount, :createdAt, :starred, :archived)`);
    const text = this.#get('INSERT INTO naive (rowid, title, body) VALUES (:id, :title, :body)');
    const link = this.#get('INSERT OR IGNORE INTO article_tags (tag, created_at, article_id) VALUES (:tag, :createdAt, :id)');
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const a of batch) {
        const id = this.#nextId++;
        const createdAt = a.createdAt ?? new Date().toISOString();
        article.run({
          id, url: a.url, title: a.title, site: a.siteName, byline: a.byline, excerpt: a.excerpt,
          wordCount: a.wordCount, createdAt, starred: a.starred ? 1 : 0, archived: a.archived ? 1 : 0,
        });
        text.run({ id, title: a.title, body: a.text });
        for (const tag of a.tags ?? []) link.run({ tag, createdAt, id });
      }
      this.#db.exec('COMMIT');
    } catch (err) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  /** What ours does after a bulk load: one index segment, fresh planner statistics. */
  optimize(): void {
    this.#db.exec(`INSERT INTO naive(naive) VALUES ('optimize'); PRAGMA optimize;`);
  }

  /** The top 50 by bm25 with snippets, and the uncapped count; filters as a join on articles. */
  search(query: string, limit = 50): NaiveSearchResult {
    const q = toNaiveQuery(query);
    const conds = ['naive MATCH :match'];
    const params: Record<string, string | number> = { match: q.match };
    if (q.unread) conds.push('a.archived = 0');
    if (q.tag !== null) {
      conds.push('a.id IN (SELECT article_id FROM article_tags WHERE tag = :tag)');
      params.tag = q.tag;
    }
    const join = q.unread || q.tag !== null ? 'JOIN articles a ON a.id = naive.rowid' : '';
    const where = conds.join(' AND ');
    const total = Number((this.#get(`SELECT count(*) AS n FROM naive ${join} WHERE ${where}`).get(params) as { n: number }).n);
    const hits = this.#get(`SELECT naive.rowid AS rowid, naive.title AS title, ${SNIPPET} AS snippet FROM naive ${join}
      WHERE ${where} ORDER BY rank LIMIT :limit`).all({ ...params, limit }) as unknown as NaiveSearchResult['hits'];
    return { total, hits };
  }

  /**
   * A word the index cannot find (a CJK word inside a run unicode61 keeps as one token), found
   * the only way this schema can: by scanning every title and body. Newest first, with the
   * count, in one pass (the window counts every row before LIMIT).
   */
  scan(word: string, limit = 50): NaiveSearchResult {
    const rows = this.#get(`SELECT rowid, title, substr(body, max(1, instr(body, :word) - 60), 160) AS snippet,
        count(*) OVER () AS total FROM naive WHERE instr(body, :word) > 0 OR instr(title, :word) > 0
      ORDER BY rowid DESC LIMIT :limit`).all({ word, limit }) as unknown as (NaiveSearchResult['hits'][number] & { total: number })[];
    return { total: rows[0]?.total ?? 0, hits: rows.map(({ rowid, title, snippet }) => ({ rowid, title, snippet })) };
  }

  /** The unread list's first page: one indexed ORDER BY … LIMIT 50. */
  listUnread(limit = 50): unknown[] {
    return this.#get(`SELECT ${LIST_COLUMNS} FROM articles a WHERE a.archived = 0 ORDER BY a.created_at DESC LIMIT :limit`)
      .all({ limit });
  }

  /** A tag's list, every state, newest first: one indexed ORDER BY … LIMIT 50 on the links. */
  listTag(tag: string, limit = 50): unknown[] {
    return this.#get(`SELECT ${LIST_COLUMNS} FROM article_tags t JOIN articles a ON a.id = t.article_id
      WHERE t.tag = :tag ORDER BY t.created_at DESC LIMIT :limit`).all({ tag, limit });
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
