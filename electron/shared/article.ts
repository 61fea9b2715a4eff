// An article as the library stores it and answers for it: the summary lists show, and the
// full article the reader opens.

export type ArticleStatus = 'pending' | 'fetching' | 'done' | 'failed';

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
