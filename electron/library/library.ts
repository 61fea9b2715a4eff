// The article library: one SQLite file, opened through openLibrary(). Synchronous by design
// (node:sqlite); the main process calls it from one place.
import type { DatabaseSync } from 'node:sqlite';
import type { Article, ArticleSummary } from '../shared/article.ts';
import type { ListPage } from '../shared/listing.ts';
import type { CapturedArticle } from '../shared/captured-article.ts';
import type { HighlightPage, HighlightQuery } from '../shared/highlight.ts';
import { ARTICLE_COLUMNS, hostOf, SUMMARY_COLUMNS, toArticle, toSummary, type Row } from './article-rows.ts';
import { backupInBackground, backupNow, dailyBackupDue, listBackups } from './backup.ts';
import { bulkInsertArticles, type BulkArticle } from './bulk-insert.ts';
import { insertPendingLinks, type PendingLink } from './pending-insert.ts';
import { FIND_SAVED_URL_SQL } from './saved-url.ts';
import { nowIso } from './clock.ts';
import { inTransaction, openConnection, probeUserVersion, StatementCache } from './db.ts';
import { ArticleNotFoundError } from './errors.ts';
import { cjkIndexText } from './fts-match.ts';
import { packBody, unpackBody } from './compress.ts';
import { integrityProblems, isCorruptionError, LibraryCorruptError } from './integrity.ts';
import { LibraryStorageError, storageProblemOf } from './storage-error.ts';
import { listArticles, type LibraryListQuery } from './listing.ts';
import { latestVersion, migrate, NewerSchemaError, userVersion, type MigrationProgress } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { COUNT_LIMIT, RANK_ALL_LIMIT, searchArticles, searchSnippets, type LibrarySearchResult } from './searching.ts';
import { stripMarkers } from './snippet.ts';
import { linkTags, listTags, renameTag, unlinkTag, type TagCount } from './tags.ts';
import { FeedStore } from './feed-store.ts';
import { readStats, type LibraryStats } from './library-stats.ts';
import { assetsInUse, forgetAssets, unusedAssetHashes } from './asset-rows.ts';
import { anchorTextOf } from './anchor-text.ts';
import { browseHighlights } from './highlight-listing.ts';
import { HighlightStore } from './highlight-store.ts';
import { removableFeedArticles, type Retention } from './feed-retention.ts';
import type { ArticleContent } from '../shared/article-content.ts';
import type { PortableArticle, PortableFeed } from '../shared/portable.ts';
import { readPortableArticles, readPortableFeeds, restorePortableArticle, restorePortableFeed } from './portable-rows.ts';
import { newArticleId } from './article-id.ts';

export type { BulkArticle } from './bulk-insert.ts';
export type { PendingLink } from './pending-insert.ts';
export type { LibraryListQuery, LibrarySort } from './listing.ts';
export type { TagCount } from './tags.ts';
export type { LibraryStats } from './library-stats.ts';
export type { LibrarySearchResult } from './searching.ts';
export { NewerSchemaError } from './migrate.ts';
export { LibraryCorruptError } from './integrity.ts';
export { LibraryStorageError, storageFailureMessage, type StorageProblem } from './storage-error.ts';
export { listBackups, restoreBackup } from './backup.ts';

export { FIND_SAVED_URL_SQL } from './saved-url.ts';

export interface OpenLibraryOptions {
  /** Where automatic backups go; none are made when omitted. */
  backupDir?: string;
  /** PRAGMA integrity_check on open (default true). */
  checkIntegrity?: boolean;
  /** Matches above which a search counts as broad (see searching.ts); Infinity = bm25 wherever it is used. */
  rankAllLimit?: number;
  /**
   * Put rows left 'fetching' back in the queue (default true). Off for a second process on the
   * same file (the command line): those rows are the running app's, mid-fetch.
   */
  recoverInterrupted?: boolean;
  /** Stop counting search matches here and flag the total as "at least" (default COUNT_LIMIT, 1,000; Infinity: exact). */
  countLimit?: number;
  /** What a slow open is doing: checking the file, backing it up before an upgrade, upgrading. */
  onOpenProgress?: (progress: OpenProgress) => void;
}

export type OpenProgress = { phase: 'checking' } | { phase: 'backing-up' } | ({ phase: 'migrating' } & MigrationProgress);

export interface SiteCount {
  site: string;
  count: number;
}


/** Progress at or past this counts as read. */
export const READ_THRESHOLD = 0.98;

export function openLibrary(file: string, opts: OpenLibraryOptions = {}): Library {
  const known = latestVersion(MIGRATIONS);
  const backups = (): string[] => (opts.backupDir ? listBackups(opts.backupDir) : []);
  let db: DatabaseSync | null = null;
  try {
    // Probe read-only first: a newer file must not even get switched to WAL. Inside the try:
    // a file that is not a database at all fails here, and is reported as damaged.
    const found = probeUserVersion(file);
    if (found !== null && found > known) throw new NewerSchemaError(file, found, known);
    db = openConnection(file);
    if (opts.checkIntegrity !== false) opts.onOpenProgress?.({ phase: 'checking' });
    const problems = opts.checkIntegrity === false ? [] : integrityProblems(db);
    if (problems.length > 0) throw new LibraryCorruptError(file, problems, backups());
    const fresh = userVersion(db) === 0;
    const conn = db;
    migrate(conn, MIGRATIONS, {
      before: (from) => {
        if (!opts.backupDir || fresh) return;
        opts.onOpenProgress?.({ phase: 'backing-up' });
        backupNow(conn, opts.backupDir, `before-v${from + 1}`);
      },
      onProgress: (progress) => opts.onOpenProgress?.({ phase: 'migrating', ...progress }),
    });
    return new Library(conn, opts);
  } catch (err) {
    db?.close();
    if (isCorruptionError(err)) throw new LibraryCorruptError(file, [(err as Error).message], backups());
    // A read-only folder or a full disk is not damage: told as such, and the file left alone.
    const problem = storageProblemOf(err, file);
    if (problem) throw new LibraryStorageError(file, problem, err);
    throw err;
  }
}

export class Library {
  readonly #db: DatabaseSync;
  readonly #stmts: StatementCache;
  readonly #backupDir: string | null;
  readonly #rankAllLimit: number;
  readonly #countLimit: number;
  readonly feeds: FeedStore;
  readonly highlights: HighlightStore;

  /** Use openLibrary(); this assumes a migrated connection. */
  constructor(db: DatabaseSync, opts: OpenLibraryOptions = {}) {
    this.#db = db;
    this.#stmts = new StatementCache(db);
    this.#backupDir = opts.backupDir ?? null;
    this.#rankAllLimit = opts.rankAllLimit ?? RANK_ALL_LIMIT;
    this.#countLimit = opts.countLimit ?? COUNT_LIMIT;
    this.feeds = new FeedStore(this.#stmts);
    this.highlights = new HighlightStore(this.#stmts);
    // Rows left 'fetching' belong to a run that died; queue them again. Live rows only, so the
    // status index answers: without it every open read the whole table (178 ms and 33 MB of
    // page cache at 100,000 articles).
    if (opts.recoverInterrupted !== false) {
      this.#run(`UPDATE articles SET status = 'pending', updated_at = :now WHERE status = 'fetching' AND deleted_at IS NULL`, { now: nowIso() });
    }
  }

  #run(sql: string, params: Record<string, string | number | null | Uint8Array> = {}): number {
    return Number(this.#stmts.get(sql).run(params).changes);
  }

  #row(sql: string, params: Record<string, string | number | null>): Row | undefined {
    return this.#stmts.get(sql).get(params) as Row | undefined;
  }

  /**
   * `savedAt`: when it was saved elsewhere (an import), shown and sorted as its saved date.
   * `title`: what to show until the page is fetched; `feedId`: the feed it came from.
   */
  addPending(
    url: string,
    savedAt: string | null = null,
    extra: { title?: string | null; feedId?: string | null } = {},
  ): { article: ArticleSummary; created: boolean } {
    return inTransaction(this.#db, () => {
      const existing = this.#row(
        FIND_SAVED_URL_SQL,
        { url },
      );
      if (existing) return { article: this.summary(String(existing.id))!, created: false };
      const id = newArticleId();
      const now = nowIso();
      this.#run(
        `INSERT INTO articles (id, url, host, title, feed_id, status, created_at, updated_at)
         VALUES (:id, :url, :host, :title, :feedId, 'pending', :created, :now)`,
        { id, url, host: hostOf(url), title: stripMarkers((extra.title ?? '').slice(0, 1000)), feedId: extra.feedId ?? null, created: savedAt ?? now, now },
      );
      return { article: this.summary(id)!, created: true };
    });
  }

  /** An import's links, many at once (see pending-insert.ts): each one's id, and whether it is new. */
  addPendingMany(links: readonly PendingLink[]): Array<{ id: string; created: boolean }> {
    return inTransaction(this.#db, () => insertPendingLinks(this.#stmts, links, FIND_SAVED_URL_SQL));
  }

  /**
   * For a long run of writes (an import): the WAL is folded back into the database, with its
   * fsyncs, every 40 MB instead of every 4 MB. Safe (WAL keeps every commit durable); returns
   * the function that puts the default back and folds in what is left.
   */
  deferCheckpoints(): () => void {
    this.#db.exec('PRAGMA wal_autocheckpoint = 10000');
    return () => {
      this.#db.exec('PRAGMA wal_autocheckpoint = 1000');
      this.#db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    };
  }

  /** The live article saved under this address (as saved, after redirects, or canonical). */
  findSavedId(url: string): string | null {
    const row = this.#row(FIND_SAVED_URL_SQL, { url });
    return row ? String(row.id) : null;
  }

  /** Runs many changes as one transaction: one disk sync instead of one per change. */
  batch<T>(fn: () => T): T {
    return inTransaction(this.#db, fn);
  }

  /** The body to save this article from instead of fetching its page (see migration 0007). */
  setPendingContent(id: string, content: ArticleContent): void {
    this.#run('INSERT OR REPLACE INTO pending_content (article_id, content) VALUES (:id, :content)', { id, content: JSON.stringify(content) });
  }

  pendingContent(id: string): ArticleContent | null {
    const row = this.#row('SELECT content FROM pending_content WHERE article_id = :id', { id });
    if (!row) return null;
    try {
      return JSON.parse(String(row.content)) as ArticleContent;
    } catch {
      return null;
    }
  }

  /** Reading state another reader knew (an import): progress, and when it was read. */
  setReadState(id: string, state: { progress?: number | null; readAt?: string | null }): void {
    const progress = state.progress == null || !Number.isFinite(state.progress) ? null : Math.min(Math.max(state.progress, 0), 1);
    this.#run(
      `UPDATE articles SET progress = coalesce(:progress, progress), read_at = coalesce(:readAt, read_at)
       WHERE id = :id AND deleted_at IS NULL`,
      { id, progress, readAt: state.readAt ?? null },
    );
  }

  /** A feed's articles past its retention that nothing of the reader's holds (see feed-retention.ts). */
  removeExpiredFeedArticles(feedId: string, retention: Retention, now = new Date()): number {
    const ids = removableFeedArticles(this.#stmts, feedId, retention, now);
    for (const id of ids) this.delete(id);
    return ids.length;
  }

  /** Unsubscribes: unread articles nothing holds go with the feed; the rest stay, as saved ones. */
  unsubscribe(feedId: string): { removed: number; kept: number } | null {
    return inTransaction(this.#db, () => {
      if (!this.feeds.get(feedId)) return null;
      const removed = this.removeExpiredFeedArticles(feedId, { keepDays: null, keepItems: 0, unreadOnly: true });
      const kept = this.#run('UPDATE articles SET feed_id = NULL WHERE feed_id = :feedId AND deleted_at IS NULL', { feedId });
      this.feeds.remove(feedId);
      return { removed, kept };
    });
  }

  markFetching(id: string): void {
    this.#setStatus(id, 'fetching', null);
  }

  completeCapture(id: string, captured: CapturedArticle): ArticleSummary {
    return inTransaction(this.#db, () => {
      const now = nowIso();
      const changed = this.#run(
        `UPDATE articles SET final_url = :finalUrl, canonical_url = :canonicalUrl, title = :title,
           byline = :byline, site = :site, host = :host, excerpt = :excerpt, lead_image = :leadImage,
           favicon = :favicon, body_z = :body, lang = :lang, dir = :dir, word_count = :wordCount,
           published_at = :publishedAt, status = 'done', error = NULL, updated_at = :now,
           cjk = :cjk
         WHERE id = :id AND deleted_at IS NULL`,
        {
          id,
          now,
          cjk: cjkIndexText(captured.title, captured.byline, captured.text, this.getNote(id)),
          finalUrl: captured.url,
          canonicalUrl: captured.canonicalUrl,
          title: stripMarkers(captured.title),
          byline: captured.byline === null ? null : stripMarkers(captured.byline),
          site: captured.siteName === null ? null : stripMarkers(captured.siteName),
          host: hostOf(captured.url),
          excerpt: captured.excerpt,
          leadImage: captured.leadImage,
          favicon: captured.favicon,
          body: packBody(stripMarkers(captured.text), captured.html),
          lang: captured.lang,
          dir: captured.dir,
          wordCount: Math.max(0, Math.trunc(captured.wordCount)),
          publishedAt: captured.publishedAt,
        },
      );
      if (changed === 0) throw new ArticleNotFoundError(id);
      // The text may have changed (a re-fetch, an import's page at last): place highlights again.
      if (this.highlights.count(id) > 0) this.highlights.reanchor(id, anchorTextOf(captured.html));
      this.#run('DELETE FROM pending_content WHERE article_id = :id', { id });
      this.#replaceAssets(id, captured.assetHashes, now);
      return this.summary(id)!;
    });
  }

  #replaceAssets(id: string, hashes: readonly string[], now: string): void {
    this.#run('DELETE FROM article_assets WHERE article_id = :id', { id });
    for (const hash of new Set(hashes)) {
      this.#run('INSERT OR IGNORE INTO assets (hash, created_at) VALUES (:hash, :now)', { hash, now });
      this.#run('INSERT INTO article_assets (article_id, hash) VALUES (:id, :hash)', { id, hash });
    }
  }

  /**
   * Records a failed capture. An article saved before (a re-fetch that failed) stays readable as
   * it was: back to done, with the error kept for the reader to see. Nothing saved is lost.
   */
  failCapture(id: string, error: string): ArticleSummary {
    this.#run(
      `UPDATE articles SET status = CASE WHEN body_z IS NULL OR length(body_z) = 0 THEN 'failed' ELSE 'done' END, error = :error, updated_at = :now
       WHERE id = :id AND deleted_at IS NULL`,
      { id, error, now: nowIso() },
    );
    const summary = this.summary(id);
    if (!summary) throw new ArticleNotFoundError(id);
    return summary;
  }

  requeue(id: string): ArticleSummary | null {
    this.#run(
      `UPDATE articles SET status = 'pending', error = NULL, updated_at = :now
       WHERE id = :id AND deleted_at IS NULL AND status IN ('failed', 'done', 'fetching')`,
      { id, now: nowIso() },
    );
    return this.summary(id);
  }

  #setStatus(id: string, status: 'fetching', error: string | null): ArticleSummary | null {
    this.#run(
      `UPDATE articles SET status = :status, error = :error, updated_at = :now WHERE id = :id AND deleted_at IS NULL`,
      { id, status, error, now: nowIso() },
    );
    return this.summary(id);
  }

  /** Waiting captures, oldest first; the queue asks only for as many as it can start. */
  /** Waiting captures, newest saved first: a link just saved goes before an import's backlog. */
  pendingIds(limit = Infinity): string[] {
    return this.#stmts
      .get(`SELECT id FROM articles WHERE status = 'pending' AND deleted_at IS NULL ORDER BY created_at DESC, rid DESC LIMIT :limit`)
      .all({ limit: Number.isFinite(limit) ? limit : -1 })
      .map((r) => String((r as Row).id));
  }

  pendingCount(): number {
    const row = this.#row(`SELECT count(*) AS n FROM articles WHERE status = 'pending' AND deleted_at IS NULL`, {});
    return Number(row?.n ?? 0);
  }

  get(id: string): Article | null {
    const row = this.#row(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id = :id AND a.deleted_at IS NULL`, { id });
    return row ? toArticle(row) : null;
  }

  summary(id: string): ArticleSummary | null {
    const row = this.#row(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = :id AND a.deleted_at IS NULL`, { id });
    return row ? toSummary(row) : null;
  }

  list(q: LibraryListQuery): ListPage {
    return listArticles(this.#stmts, q);
  }

  setStarred(id: string, v: boolean): ArticleSummary | null {
    return this.#setFlag(id, 'starred', v);
  }

  setArchived(id: string, v: boolean): ArticleSummary | null {
    return this.#setFlag(id, 'archived', v);
  }

  #setFlag(id: string, column: 'starred' | 'archived', v: boolean): ArticleSummary | null {
    this.#run(`UPDATE articles SET ${column} = :v, updated_at = :now WHERE id = :id AND deleted_at IS NULL`, {
      id,
      v: v ? 1 : 0,
      now: nowIso(),
    });
    return this.summary(id);
  }

  setProgress(id: string, p: number): ArticleSummary | null {
    if (!Number.isFinite(p)) throw new RangeError('Progress must be a number between 0 and 1');
    const progress = Math.min(Math.max(p, 0), 1);
    const now = nowIso();
    this.#run(
      `UPDATE articles SET progress = :progress, updated_at = :now,
         read_at = CASE WHEN :progress >= ${READ_THRESHOLD} AND read_at IS NULL THEN :now ELSE read_at END
       WHERE id = :id AND deleted_at IS NULL`,
      { id, progress, now },
    );
    return this.summary(id);
  }

  delete(id: string): boolean {
    return inTransaction(this.#db, () => {
      this.#run('DELETE FROM article_tags WHERE article_id = :id', { id });
      this.#run('DELETE FROM article_assets WHERE article_id = :id', { id });
      this.#run('DELETE FROM pending_content WHERE article_id = :id', { id });
      const now = nowIso();
      // Tombstone: keep id + url so a future sync can propagate the deletion.
      return (
        this.#run(
          `UPDATE articles SET deleted_at = :now, updated_at = :now, final_url = NULL, canonical_url = NULL,
             title = '', byline = NULL, site = NULL, excerpt = NULL, lead_image = NULL, favicon = NULL, body_z = X'',
             note = '', cjk = '',
             lang = NULL, dir = NULL, word_count = 0, published_at = NULL, error = NULL, starred = 0,
             archived = 0, progress = 0, read_at = NULL
           WHERE id = :id AND deleted_at IS NULL`,
          { id, now },
        ) > 0
      );
    });
  }

  /** Adds tags (created as needed); null when the article does not exist. */
  addTags(id: string, tags: readonly string[]): ArticleSummary | null {
    return inTransaction(this.#db, () => {
      if (!this.summary(id)) return null;
      const now = nowIso();
      if (linkTags(this.#stmts, id, tags, now) > 0) this.#touch(id, now);
      return this.summary(id);
    });
  }

  removeTag(id: string, tag: string): ArticleSummary | null {
    return inTransaction(this.#db, () => {
      if (!this.summary(id)) return null;
      if (unlinkTag(this.#stmts, id, tag)) this.#touch(id, nowIso());
      return this.summary(id);
    });
  }

  /** Renames `from`; merges into `to` when that tag exists. False when `from` is unknown. */
  renameTag(from: string, to: string): boolean {
    return inTransaction(this.#db, () => {
      const now = nowIso();
      const affected = renameTag(this.#stmts, from, to, now);
      for (const id of affected ?? []) this.#touch(id, now);
      return affected !== null;
    });
  }

  listTags(): TagCount[] {
    return listTags(this.#stmts);
  }

  /** Counts for `lectern stats` and the like. */
  stats(): LibraryStats {
    return readStats(this.#stmts);
  }

  listSites(): SiteCount[] {
    return this.#stmts
      .get(`SELECT host AS site, count(*) AS count FROM articles WHERE deleted_at IS NULL AND host <> ''
            GROUP BY host ORDER BY count DESC, host`)
      .all()
      .map((r) => ({ site: String((r as Row).site), count: Number((r as Row).count) }));
  }

  /** The reader's note ('' when none); null when the article does not exist. */
  getNote(id: string): string | null {
    const row = this.#row('SELECT note FROM articles WHERE id = :id AND deleted_at IS NULL', { id });
    return row ? String(row.note) : null;
  }

  setNote(id: string, text: string): ArticleSummary | null {
    const note = stripMarkers(text);
    const row = this.#row('SELECT title, byline, body_z FROM articles WHERE id = :id AND deleted_at IS NULL', { id });
    if (!row) return null;
    const cjk = cjkIndexText(String(row.title), row.byline as string | null, unpackBody(row.body_z).text, note);
    this.#run('UPDATE articles SET note = :note, cjk = :cjk, updated_at = :now WHERE id = :id', {
      id, note, cjk, now: nowIso(),
    });
    return this.summary(id);
  }

  #touch(id: string, now: string): void {
    this.#run('UPDATE articles SET updated_at = :now WHERE id = :id', { id, now });
  }

  /** Imports finished articles in one transaction (bench, future importers). Returns their ids. */
  bulkInsert(items: readonly BulkArticle[]): string[] {
    return inTransaction(this.#db, () => bulkInsertArticles(this.#stmts, items));
  }

  /** Every live article (or those given) with all its fields, a page at a time (exports, backups). */
  exportArticles(ids?: readonly string[] | null): Generator<PortableArticle> {
    return readPortableArticles(this.#stmts, ids);
  }

  /** Restores an exported article as it was; 'duplicate' when its id or address is here (a merge). */
  restoreArticle(article: PortableArticle): 'added' | 'duplicate' {
    return inTransaction(this.#db, () => restorePortableArticle(this.#stmts, article));
  }

  exportFeeds(): PortableFeed[] {
    return readPortableFeeds(this.#stmts);
  }

  restoreFeed(feed: PortableFeed): 'added' | 'duplicate' {
    return inTransaction(this.#db, () => restorePortableFeed(this.#stmts, feed));
  }

  /** Merges the FTS index into one segment and refreshes planner stats; for idle time. */
  optimize(): void {
    // incremental_vacuum hands the pages the merge freed back to the file system (a library
    // made before 16 KB pages has no auto-vacuum, and there it does nothing).
    this.#db.exec(`INSERT INTO article_fts(article_fts) VALUES ('optimize'); PRAGMA optimize; PRAGMA incremental_vacuum;`);
  }

  /** Makes the daily backup when the newest one is a day old; null when not due or no backupDir. */
  async backupIfDue(now = new Date()): Promise<string | null> {
    if (!this.#backupDir || !dailyBackupDue(this.#backupDir, now)) return null;
    return backupInBackground(this.#db, this.#backupDir, now);
  }

  /** The Highlights view: newest first, by colour or tag, a keyset page at a time. */
  browseHighlights(query: HighlightQuery): HighlightPage {
    return browseHighlights(this.#stmts, query);
  }

  /** Places a saved article's highlights in its text (those an import brought, unplaced). */
  anchorHighlights(id: string): number {
    const article = this.get(id);
    if (!article || article.status !== 'done' || this.highlights.count(id) === 0) return 0;
    return this.highlights.reanchor(id, anchorTextOf(article.html));
  }

  /** `snippets`: how many of the first hits get their snippet (default all); see searchSnippets. */
  search(query: string, limit: number, snippets?: number): LibrarySearchResult {
    return searchArticles(this.#stmts, query, limit, { rankAllLimit: this.#rankAllLimit, countLimit: this.#countLimit, snippets });
  }

  searchSnippets(query: string, ids: readonly string[]): Record<string, string> {
    return searchSnippets(this.#stmts, query, ids);
  }

  unusedAssetHashes(): string[] {
    return unusedAssetHashes(this.#stmts);
  }

  /** Which of these hashes a live article uses. */
  assetsInUse(hashes: readonly string[]): Set<string> {
    return assetsInUse(this.#stmts, hashes);
  }

  /** After the asset files are freed: forgets those hashes if still unused; returns the ones forgotten. */
  forgetAssets(hashes: readonly string[]): string[] {
    return inTransaction(this.#db, () => forgetAssets(this.#stmts, hashes));
  }

  /** The connection, for the sync engine alone (electron/sync/): it keeps its own tables and merges rows itself. */
  syncConnection(): DatabaseSync {
    return this.#db;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
