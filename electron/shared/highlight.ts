// A highlight in an article, anchored as the W3C Web Annotation model does: the exact quote
// with some text either side, and its position in the article's text as a hint.

export type HighlightColor = 'yellow' | 'green' | 'blue' | 'pink';
export const HIGHLIGHT_COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink'];

export interface Highlight {
  id: string;
  articleId: string;
  quote: string;
  prefix: string;
  suffix: string;
  /** Offsets in the article's plain text; null when not known (an import before anchoring). */
  start: number | null;
  end: number | null;
  color: HighlightColor;
  note: string;
  createdAt: string;
  updatedAt: string;
}
