// An article that arrives with its body (a feed item's content, an export that kept it), to be
// saved without fetching the page. Its HTML is untrusted: sanitised again before it is stored.
export interface ArticleContent {
  html: string;
  /** Plain text, when the source has it; derived from html otherwise. */
  text: string | null;
  byline: string | null;
  siteName: string | null;
  excerpt: string | null;
  publishedAt: string | null;
  lang: string | null;
  wordCount: number | null;
}
