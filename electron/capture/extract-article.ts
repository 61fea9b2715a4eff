import { Readability } from '@mozilla/readability';
import { cleanArticle } from './clean-article.ts';
import { CaptureError } from './capture-error.ts';
import { countWords, elementToText } from './html-to-text.ts';
import { tryNormalizeUrl } from './normalize-url.ts';
import { readPageMetadata, normalizeDate, normalizeLang, isRtlLanguage } from './page-metadata.ts';
import { parseDocument, prepareDocument } from './prepare-document.ts';
import { sanitizeArticleHtml } from './sanitize-article.ts';
import { normalizeSpace } from './boilerplate.ts';

/** What extraction finds in one page's HTML; image URLs are still remote here. */
export interface Extracted {
  title: string;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601 (UTC), or null. */
  publishedTime: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  excerpt: string | null;
  canonicalUrl: string | null;
  /** Absolute URL of the page's chosen lead image, or null. */
  leadImageUrl: string | null;
  /** Sanitised article HTML; <img src> are absolute http(s) URLs (or raster data: URLs). */
  html: string;
  /** Plain text, blocks separated by blank lines. */
  text: string;
  wordCount: number;
  /** Every distinct image source in `html`, in document order. */
  imageUrls: string[];
}

export function extractArticle(html: string, url: string): Extracted {
  const document = parseDocument(html);
  const metadata = readPageMetadata(document, url);
  const base = prepareDocument(document, url);
  // keepClasses: our clean-up after Readability still needs them; the sanitiser drops them.
  const parsed = new Readability(document, { keepClasses: true, serializer: (node) => node }).parse();
  // Readability gives up on very short pages; what is left of the body is the article then.
  const content = (parsed?.content as unknown as Element | null | undefined) ?? fallbackBody(html, url);
  if (!content) throw new CaptureError('no-content', 'Lectern could not find an article on this page.');
  const siteName = clean(parsed?.siteName) ?? metadata.siteName;
  const rawTitle = clean(parsed?.title) ?? metadata.title ?? clean(document.querySelector('title')?.textContent) ?? '';
  const title = preferHeading(stripSiteName(rawTitle, siteName), metadata.heading) || fallbackTitle(url);
  const byline = cleanByline(parsed?.byline) ?? cleanByline(metadata.byline);
  cleanArticle(content, title, byline);
  const safeHtml = sanitizeArticleHtml(content.innerHTML).trim();
  if (!safeHtml) throw new CaptureError('no-content', 'Lectern could not find an article on this page.');
  const text = elementToText(content);
  const imageUrls = imageSources(safeHtml);
  const lang = normalizeLang(parsed?.lang) ?? metadata.lang;
  const dirValue = parsed?.dir === 'rtl' || parsed?.dir === 'ltr' ? parsed.dir : metadata.dir;
  return {
    title,
    byline,
    siteName,
    publishedTime: metadata.publishedTime ?? normalizeDate(parsed?.publishedTime),
    lang,
    dir: dirValue ?? (isRtlLanguage(lang) ? 'rtl' : null),
    excerpt: clean(metadata.excerpt) ?? keptExcerpt(clean(parsed?.excerpt), text) ?? excerptOf(text),
    canonicalUrl: tryNormalizeUrl(metadata.canonicalUrl, base),
    leadImageUrl: metadata.leadImageUrl ?? imageUrls.find((src) => /^https?:/i.test(src)) ?? null,
    html: safeHtml,
    text,
    wordCount: countWords(text),
    imageUrls,
  };
}

// Readability dismantles the document as it works, so the fallback starts from a fresh parse.
function fallbackBody(html: string, url: string): Element | null {
  const document = parseDocument(html);
  prepareDocument(document, url);
  const body = document.body;
  return body && (body.textContent ?? '').trim() !== '' ? body : null;
}

const clean = (value: string | null | undefined): string | null => {
  const text = value ? normalizeSpace(value) : '';
  return text || null;
};

function cleanByline(value: string | null | undefined): string | null {
  let text = clean(value);
  if (!text) return null;
  text = text.replace(/^(?:by|written by|posted by|von|par|por|di)\s*[:\s]\s*/i, '').replace(/^(?:文|記者|筆者|취재|글)\s*[・:：]\s*/, '').replace(/\s*[-–—|·,]\s*$/, '').trim();
  if (!text || /^https?:\/\//i.test(text) || text.length > 120) return null;
  return text;
}

const TITLE_SEPARATORS = /\s+[|\-–—·:»/｜]\s+|\s*[｜]\s*/;

/** "Lake Varen - Encyclopedia" with an <h1> of "Lake Varen": the heading names the article. */
function preferHeading(title: string, heading: string | null): string {
  if (!heading || heading === title) return title;
  const parts = title.split(TITLE_SEPARATORS).map((part) => part.trim());
  return parts.length > 1 && (parts[0] === heading || parts.at(-1) === heading) ? heading : title;
}

/** Readability's excerpt is the first paragraph it kept; it only counts if our clean-up kept it too. */
const keptExcerpt = (excerpt: string | null, text: string): string | null =>
  excerpt && excerpt.length >= 20 && text.includes(excerpt) ? excerpt : null;

/** First real paragraph, for pages without a description. */
function excerptOf(text: string): string | null {
  const block = text.split('\n\n').find((candidate) => candidate.length >= 60) ?? text.split('\n\n')[0];
  if (!block) return null;
  return block.length > 300 ? `${block.slice(0, 297).replace(/\s+\S*$/, '')}…` : block;
}

/** "Headline | Site" → "Headline": drop a site name the page states, on either end. */
export function stripSiteName(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const site = siteName.toLowerCase();
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title;
  const separators = title.match(new RegExp(TITLE_SEPARATORS.source, 'g')) ?? [];
  if (parts.at(-1)?.toLowerCase() === site) return title.slice(0, title.lastIndexOf(separators.at(-1) ?? '')).trim();
  if (parts[0]?.toLowerCase() === site) return title.slice(title.indexOf(separators[0] ?? '') + (separators[0]?.length ?? 0)).trim();
  return title;
}

const fallbackTitle = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

function imageSources(html: string): string[] {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)) {
    if (match[1]) sources.add(decodeEntities(match[1]));
  }
  return [...sources];
}

const decodeEntities = (value: string): string =>
  value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
