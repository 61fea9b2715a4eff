// The one contract between the main process and the renderer. Types only: the renderer
// imports it with `import type`, and main validates every argument (see schemas.ts).

export type ArticleStatus = 'pending' | 'fetching' | 'done' | 'failed';
export type ListView = 'unread' | 'starred' | 'archive' | 'all';
/** newest/oldest: by saved date; published: newest published first; title: A to Z. */
export type ListSort = 'newest' | 'oldest' | 'longest' | 'shortest' | 'published' | 'title';

export interface ArticleSummary {
  id: string;
  url: string;
  title: string;
  siteName: string | null;
  byline: string | null;
  excerpt: string | null;
  /** App URL of the cached lead image, or null. */
  leadImage: string | null;
  /** App URL of the site's cached icon, or null. */
  favicon: string | null;
  wordCount: number;
  readingMinutes: number;
  starred: boolean;
  archived: boolean;
  status: ArticleStatus;
  /** Why the last fetch failed, in words a reader understands. */
  error: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Reading progress, 0..1. */
  progress: number;
  tags: string[];
}

export interface Article extends ArticleSummary {
  /** Sanitised article body; image sources point at the app's asset URLs. */
  html: string;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  /** The reader's own note on the article. */
  note: string | null;
}

export interface ListQuery {
  view: ListView;
  tag?: string;
  site?: string;
  sort?: ListSort;
  /** Opaque keyset cursor from the previous page. */
  cursor?: string | null;
  limit?: number;
}

export interface ListPage {
  items: ArticleSummary[];
  nextCursor: string | null;
  total: number;
}

export interface SearchHit {
  article: ArticleSummary;
  /** Plain text with matches wrapped in <mark>…</mark>; everything else is escaped. */
  snippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** The library stopped counting at `total`: show it as "at least" (e.g. "1,000+"). */
  totalCapped?: boolean;
}

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

export interface ImportSummary {
  /** Which export format was recognised. */
  format: string;
  added: number;
  alreadySaved: number;
  problemCount: number;
  /** The first problems, each with its row in the file and why it was skipped. */
  problems: Array<{ row: number; reason: string }>;
}

export interface ImportApi {
  /** Imports a Pocket (HTML/CSV), Instapaper (CSV), wallabag/Omnivore (JSON) export or a URL list. */
  importLinks(fileText: string): Promise<Result<ImportSummary>>;
}

export interface SearchApi {
  search(query: string, limit?: number): Promise<Result<SearchResult>>;
}

export interface ReaderPreferences {
  theme: 'system' | 'light' | 'sepia' | 'dark';
  font: 'serif' | 'sans';
  /** Body text size in CSS pixels. */
  fontSize: number;
  lineHeight: number;
  columnWidth: 'narrow' | 'medium' | 'wide';
  /** Archive an article when its end is reached. */
  archiveOnFinish: boolean;
}

export interface PreferencesApi {
  getPreferences(): Promise<Result<ReaderPreferences>>;
  /** Applies a partial change; answers the whole new set. */
  setPreferences(patch: Partial<ReaderPreferences>): Promise<Result<ReaderPreferences>>;
}

export interface ShellApi {
  /** Opens an http(s) link in the system browser; anything else is refused. */
  openExternal(url: string): Promise<Result<{ opened: boolean }>>;
}

export type Api = ArticlesApi & TagsApi & ImportApi & SearchApi & StatusApi & PreferencesApi & ShellApi;
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
  /** Reader preferences changed (in this window or another). */
  preferencesChanged: ReaderPreferences;
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
