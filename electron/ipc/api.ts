// The one contract between the main process and the renderer. Types only: the renderer
// imports it with `import type`, and main validates every argument (see schemas.ts).

// The domain types live in electron/shared/ so the layers below IPC can use them without
// importing this contract; they are re-exported here so the renderer has one place to look.
import type { ArticleStatus, ArticleSummary, Article } from '../shared/article.ts';
import type { ListPage, ListQuery } from '../shared/listing.ts';
import type { SearchResult } from '../shared/search.ts';
import type { ImportSummary } from '../shared/import-summary.ts';
import type { ReaderPreferences } from '../shared/reader-preferences.ts';
import type { Feed, FeedRefreshResult, FeedSettings } from '../shared/feed.ts';
import type { ImportReport, ImportFormatName } from '../shared/import-summary.ts';
import type { ExportFormat, ExportedFile } from '../shared/export-file.ts';
import type { Highlight, HighlightChange, HighlightInput, HighlightPage, HighlightQuery } from '../shared/highlight.ts';
import type { SyncSettings, SyncStatus } from '../shared/sync.ts';

export type { ArticleStatus, ArticleSummary, Article } from '../shared/article.ts';
export type { ListView, ListSort, ListQuery, ListPage } from '../shared/listing.ts';
export type { SearchHit, SearchResult } from '../shared/search.ts';
export type { ImportSummary } from '../shared/import-summary.ts';
export type { ReaderPreferences } from '../shared/reader-preferences.ts';
export type { Feed, FeedRefreshResult, FeedSettings } from '../shared/feed.ts';
export type { ImportReport, ImportFormatName, RejectedRow } from '../shared/import-summary.ts';
export type { ExportFormat, ExportedFile } from '../shared/export-file.ts';
export type { SyncRemoteSettings, SyncRemoteSummary, SyncRoundSummary, SyncSettings, SyncState, SyncStatus } from '../shared/sync.ts';
export type {
  Highlight, HighlightColor, HighlightChange, HighlightInput, HighlightPage, HighlightQuery, HighlightSearchHit, HighlightWithArticle,
} from '../shared/highlight.ts';

export type ErrorCode = 'invalid-argument' | 'not-found' | 'fetch-failed' | 'internal';
export interface ApiError {
  code: ErrorCode;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ArticlesApi {
  saveUrl(url: string): Promise<Result<ArticleSummary>>;
  listArticles(query: ListQuery): Promise<Result<ListPage>>;
  getArticle(id: string): Promise<Result<Article>>;
  setStarred(id: string, starred: boolean): Promise<Result<ArticleSummary>>;
  setArchived(id: string, archived: boolean): Promise<Result<ArticleSummary>>;
  setProgress(id: string, progress: number): Promise<Result<ArticleSummary>>;
  deleteArticle(id: string): Promise<Result<{ id: string }>>;
  retryArticle(id: string): Promise<Result<ArticleSummary>>;
  /** Stops a waiting or running capture; the article stays, marked failed, and can be retried. */
  cancelCapture(id: string): Promise<Result<ArticleSummary>>;
}

export interface QueueStatus {
  online: boolean;
  /** Captures waiting to start. */
  waiting: number;
  /** Captures running now. */
  fetching: number;
}

export interface StatusApi {
  queueStatus(): Promise<Result<QueueStatus>>;
}

export interface TagCount {
  name: string;
  count: number;
}

export interface SiteCount {
  site: string;
  count: number;
}

export interface TagsApi {
  addTags(id: string, tags: string[]): Promise<Result<ArticleSummary>>;
  removeTag(id: string, tag: string): Promise<Result<ArticleSummary>>;
  /**
   * Renames a tag everywhere; renaming onto an existing tag merges the two. `name` is the tag's
   * name afterwards, as stored (cleaned, or the existing tag's when merged); null if nothing
   * was renamed (no such tag, or a blank new name).
   */
  renameTag(from: string, to: string): Promise<Result<{ renamed: boolean; name: string | null }>>;
  listTags(): Promise<Result<TagCount[]>>;
  listSites(): Promise<Result<SiteCount[]>>;
  setNote(id: string, text: string): Promise<Result<ArticleSummary>>;
}

export interface ImportApi {
  /** Imports a Pocket (HTML/CSV), Instapaper (CSV), wallabag/Omnivore (JSON) export or a URL list. */
  importLinks(fileText: string): Promise<Result<ImportSummary>>;
  /**
   * Imports a file of any supported format (a zip too), detected from its content unless
   * `format` says. Answers when the rows are in; `importProgress` events tell how far it is,
   * and cancelImport(jobId) stops it (rows already in stay). Fetching follows in the background.
   */
  importFile(jobId: string, name: string, bytes: Uint8Array, format: ImportFormatName | null): Promise<Result<ImportReport>>;
  cancelImport(jobId: string): Promise<Result<{ cancelled: boolean }>>;
}

export interface ExportApi {
  /** The whole library (or the given articles) in a format, as a file to save. */
  exportLibrary(format: ExportFormat, ids: string[] | null): Promise<Result<ExportedFile>>;
}

export interface FeedsApi {
  listFeeds(): Promise<Result<Feed[]>>;
  /** Subscribes by a feed's address or a site's (discovered); fetches it once right away. */
  addFeed(url: string, folder: string | null): Promise<Result<Feed>>;
  updateFeed(id: string, settings: FeedSettings): Promise<Result<Feed>>;
  /** Unsubscribes: its unread articles that nothing holds go; the others stay in the library. */
  removeFeed(id: string): Promise<Result<{ removed: number; kept: number }>>;
  /** Refreshes one feed now, or every feed when id is null. */
  refreshFeeds(id: string | null): Promise<Result<FeedRefreshResult[]>>;
}

export interface HighlightsApi {
  /** An article's highlights in reading order; orphaned ones last. */
  listHighlights(articleId: string): Promise<Result<Highlight[]>>;
  addHighlight(articleId: string, input: HighlightInput): Promise<Result<Highlight>>;
  updateHighlight(id: string, change: HighlightChange): Promise<Result<Highlight>>;
  /** Deletes a highlight; restoreHighlight(id) undoes it. */
  deleteHighlight(id: string): Promise<Result<{ id: string }>>;
  restoreHighlight(id: string): Promise<Result<Highlight>>;
  /** The Highlights view across the library: newest first, by tag and colour. */
  browseHighlights(query: HighlightQuery): Promise<Result<HighlightPage>>;
}

export interface SearchApi {
  /** `snippets`: how many of the first hits come with their snippet (default all); the list
   * shows a screenful at once, and each snippet costs a body's decompression. */
  search(query: string, limit?: number, snippets?: number): Promise<Result<SearchResult>>;
  /** Snippets of these articles for the query, by id: for hits the search left without one. */
  searchSnippets(query: string, ids: string[]): Promise<Result<Record<string, string>>>;
}

export interface PreferencesApi {
  getPreferences(): Promise<Result<ReaderPreferences>>;
  /** Applies a partial change; answers the whole new set. */
  setPreferences(patch: Partial<ReaderPreferences>): Promise<Result<ReaderPreferences>>;
}

/** A browser extension asking to pair, shown with its code for the user to compare. */
export interface ConnectorPairingRequest {
  pairingId: string;
  code: string;
  client: string;
}
export interface ConnectedBrowser {
  id: string;
  client: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ConnectorApi {
  /** Allows or denies a pairing request; answered false when it is gone (expired, answered). */
  answerConnectorPairing(pairingId: string, allow: boolean): Promise<Result<{ answered: boolean }>>;
  /** Pairing requests waiting for an answer (a window opened after they came shows them too). */
  listConnectorPairings(): Promise<Result<ConnectorPairingRequest[]>>;
  listConnectedBrowsers(): Promise<Result<ConnectedBrowser[]>>;
  /** Forgets a browser's token: its next request is refused. */
  revokeConnectedBrowser(id: string): Promise<Result<{ revoked: boolean }>>;
  /** Opens an http(s) page in the sandboxed capture window (log in there, then Save This Page). */
  openCaptureWindow(url: string): Promise<Result<{ opened: boolean }>>;
}

export interface ShellApi {
  /** Opens an http(s) link in the system browser; anything else is refused. */
  openExternal(url: string): Promise<Result<{ opened: boolean }>>;
}

export interface SyncApi {
  getSyncStatus(): Promise<Result<SyncStatus>>;
  /** Sets up a new remote (`create`) or joins one; a wrong passphrase is refused and nothing changes. */
  configureSync(settings: SyncSettings): Promise<Result<SyncStatus>>;
  /** Runs a round now (after the one running); answers the state after it. */
  syncNow(): Promise<Result<SyncStatus>>;
  /** Stops syncing on this computer; the library and the remote stay as they are. */
  disableSync(): Promise<Result<SyncStatus>>;
  setSyncKeepOffline(keepOffline: boolean): Promise<Result<SyncStatus>>;
}

export type Api = ArticlesApi & TagsApi & HighlightsApi & ImportApi & ExportApi & FeedsApi & SearchApi & StatusApi & PreferencesApi & ShellApi & SyncApi & ConnectorApi;
export type ApiName = keyof Api;
export type ApiArgs<K extends ApiName> = Parameters<Api[K]>;
export type ApiReturn<K extends ApiName> = Awaited<ReturnType<Api[K]>>;

export interface ApiEvents {
  /** An article was added, changed or deleted; id '*' means many changed at once (reload lists). */
  articleChanged: { id: string; deleted: boolean };
  /** A capture job moved on. */
  jobProgress: { id: string; status: ArticleStatus; error: string | null };
  /** The network went away or came back; captures pause while offline. */
  networkChanged: { online: boolean };
  /** Feeds were added, changed, refreshed or removed (unread counts too). */
  feedsChanged: { id: string | null };
  /** An import is this far: rows read so far and bytes of the file. */
  importProgress: { jobId: string; rows: number; bytesRead: number; totalBytes: number | null };
  /** An article's highlights were added, changed, re-anchored or deleted. */
  highlightsChanged: { articleId: string };
  /** Reader preferences changed (in this window or another). */
  preferencesChanged: ReaderPreferences;
  /** A browser extension asks to pair: the app asks the user, showing the code. */
  connectorPairing: ConnectorPairingRequest;
  /** A pairing request was answered or expired: stop showing it. */
  connectorPairingClosed: { pairingId: string };
  /** Sync's state changed (a round started or ended, it went offline, its settings changed). */
  syncStatusChanged: SyncStatus;
}
export type ApiEventName = keyof ApiEvents;

/** What the preload puts on `window.lectern`, and nothing more. */
export interface LecternBridge {
  invoke<K extends ApiName>(name: K, ...args: ApiArgs<K>): Promise<ApiReturn<K>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** IPC channel names. Types, not values: a sandboxed preload cannot require local modules,
 * so main and preload each write the literal and the compiler checks it against these. */
export type InvokeChannel = 'lectern:invoke';
export type EventChannel = 'lectern:event';
