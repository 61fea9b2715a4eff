// What the capture pipeline hands to the library: one article, extracted, sanitised and with
// its images already in the asset store.
export interface CapturedArticle {
  /** Final URL after redirects, normalised. */
  url: string;
  canonicalUrl: string | null;
  title: string;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601, or null when the page does not say. */
  publishedAt: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  excerpt: string | null;
  /** Sanitised body; images point at app asset URLs (`/assets/<sha256>`). */
  html: string;
  /** Plain text of the body, blocks separated by blank lines, for search. */
  text: string;
  /** App asset URL of the lead image, or null. */
  leadImage: string | null;
  /** App asset URL of the site's icon, or null. */
  favicon: string | null;
  wordCount: number;
  /** sha256 of every cached asset the article uses, so unused ones can be freed. */
  assetHashes: string[];
}

/** Asset URLs are origin-relative, so the same stored HTML works under every app origin. */
export const ASSET_PREFIX = '/assets/';
export const assetUrl = (hash: string): string => `${ASSET_PREFIX}${hash}`;
