// The portable export: one JSON document other tools can read, and Lectern imports back.
// `{"articles": [...], "feeds": [...], "highlights": [...]}`; the full backup holds the same
// records beside the stored pages' images.

export interface PortableArticle {
  id: string;
  url: string;
  finalUrl: string | null;
  canonicalUrl: string | null;
  title: string;
  byline: string | null;
  siteName: string | null;
  excerpt: string | null;
  /** Sanitised article HTML; images point at `/assets/<sha256>` (in the backup's assets/). */
  html: string;
  text: string;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  wordCount: number;
  publishedAt: string | null;
  leadImage: string | null;
  favicon: string | null;
  status: 'pending' | 'done' | 'failed';
  error: string | null;
  createdAt: string;
  updatedAt: string;
  readAt: string | null;
  starred: boolean;
  archived: boolean;
  progress: number;
  note: string;
  tags: string[];
  /** The feed it came from (by address, which survives a move to another library). */
  feedUrl: string | null;
}

export interface PortableFeed {
  id: string;
  url: string;
  title: string;
  customTitle: string | null;
  siteUrl: string | null;
  folder: string | null;
  fetchFull: boolean;
  keepDays: number | null;
  keepItems: number | null;
  createdAt: string;
}

export interface PortableHighlight {
  id: string;
  articleId: string;
  quote: string;
  prefix: string;
  suffix: string;
  start: number | null;
  end: number | null;
  color: string;
  note: string;
  /** Could not be placed in its article's text; absent in files from before it was kept. */
  orphaned?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PortableLibrary {
  /** Format marker and version, so a later Lectern can read an older file. */
  lectern: { format: 'portable-json'; version: 1; exportedAt: string };
  articles: PortableArticle[];
  feeds: PortableFeed[];
  highlights: PortableHighlight[];
}
