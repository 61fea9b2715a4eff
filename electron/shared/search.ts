// Full-text search results: matching articles, each with a highlighted snippet.
import type { ArticleSummary } from './article.ts';
import type { HighlightSearchHit } from './highlight.ts';

export interface SearchHit {
  article: ArticleSummary;
  /**
   * Plain text with matches wrapped in <mark>…</mark>; everything else is escaped. Null past
   * the hits the search was asked to make snippets for (the rows on screen): searchSnippets
   * gives the others.
   */
  snippet: string | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matching articles; for `in:highlights`, matching highlights. */
  total: number;
  /** The library stopped counting at `total`: show it as "at least" (e.g. "1,000+"). */
  totalCapped?: boolean;
  /** Highlights whose quote or note matched, with their own snippets (all of them for `in:highlights`). */
  highlights?: HighlightSearchHit[];
}
