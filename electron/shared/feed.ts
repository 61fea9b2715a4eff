// A feed subscription as the library stores it and the sidebar shows it.

export interface Feed {
  id: string;
  url: string;
  /** The reader's name for it if renamed, else the feed's own title (or its address). */
  title: string;
  siteUrl: string | null;
  folder: string | null;
  /** Fetch the full page of items that carry only a summary (on by default). */
  fetchFull: boolean;
  /** Retention: keep items this many days / this many items; null keeps all. */
  keepDays: number | null;
  keepItems: number | null;
  /** Articles from this feed not yet archived. */
  unread: number;
  /** Last attempt and last success (ISO 8601), null before the first. */
  checkedAt: string | null;
  succeededAt: string | null;
  nextCheckAt: string;
  /** Failures in a row; the schedule backs off with them. */
  failures: number;
  /** Why the last refresh failed, in words a reader understands; null when it worked. */
  error: string | null;
}

export interface FeedSettings {
  title?: string | null;
  folder?: string | null;
  fetchFull?: boolean;
  keepDays?: number | null;
  keepItems?: number | null;
}

/** What one refresh did. */
export interface FeedRefreshResult {
  feedId: string;
  /** 'not-modified': the server answered 304 to the conditional request. */
  outcome: 'updated' | 'not-modified' | 'failed';
  added: number;
  /** Items seen before (by GUID or URL), or already saved as articles. */
  known: number;
  removed: number;
  error: string | null;
}
