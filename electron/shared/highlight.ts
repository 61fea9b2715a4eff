// A highlight in an article, anchored as the W3C Web Annotation model does: the exact quote
// with some text either side, and its position in the article's text as a hint. The article's
// text is its body's text content: every text node of the sanitised HTML, in order.
import type { ArticleSummary } from './article.ts';

export type HighlightColor = 'yellow' | 'green' | 'blue' | 'pink';
export const HIGHLIGHT_COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink'];

export interface Highlight {
  id: string;
  articleId: string;
  quote: string;
  prefix: string;
  suffix: string;
  /** Offsets in the article's text; null when not known (an import before anchoring). */
  start: number | null;
  end: number | null;
  color: HighlightColor;
  note: string;
  /** It could not be placed in the article's current text; kept, and listed apart. */
  orphaned: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the reader sends for a new highlight: the selection's selector and its look. */
export interface HighlightInput {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  color: HighlightColor;
  note: string;
}

export interface HighlightChange {
  color?: HighlightColor;
  note?: string;
}

/** The Highlights view: newest first, a keyset page at a time. */
export interface HighlightQuery {
  tag?: string;
  color?: HighlightColor;
  cursor?: string | null;
  limit?: number;
}

export interface HighlightWithArticle {
  highlight: Highlight;
  article: ArticleSummary;
}

export interface HighlightPage {
  items: HighlightWithArticle[];
  nextCursor: string | null;
  total: number;
}

/** A highlight found by search: its quote and note as snippets (matches in <mark>, the rest escaped). */
export interface HighlightSearchHit extends HighlightWithArticle {
  snippet: string;
  /** The note's snippet, when the note matched; null otherwise. */
  noteSnippet: string | null;
}
