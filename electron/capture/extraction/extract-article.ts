import { Readability } from '@mozilla/readability';
import { cleanArticle } from './cleanup/clean-article.ts';
import { CaptureError } from '../capture-error.ts';
import { indexElements } from './dom-walk.ts';
import { countWords, elementToText } from './html-to-text.ts';
import { tryNormalizeUrl } from '../normalize-url.ts';
import { readPageMetadata, normalizeLang, isRtlLanguage } from './page-metadata.ts';
import { parseDocument, prepareDocument } from './prepare-document.ts';
import { sanitizeArticleHtml } from './sanitize-article.ts';
import { questionAndAcceptedAnswer } from './question-answer.ts';
import { applyReadabilityHints } from './readability-hints.ts';
import { normalizeSpace } from './cleanup/boilerplate.ts';

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
  /** Absolute URL of the site's icon (a plain string: it crosses the worker boundary), or null. */
  faviconUrl: string | null;
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
  const index = indexElements(document);
  const metadata = readPageMetadata(document, url, index);
  const base = prepareDocument(document, url, index);
  // keepClasses: our clean-up after Readability still needs them; the sanitiser drops them.
  // JSON-LD was read above (prepareDocument removes the scripts that carry it).
  const thread = questionAndAcceptedAnswer(document, index.all);
  const pageTitle = clean(metadata.title) ?? stripTitleSuffix(clean(metadata.documentTitle));
  if (!thread) applyReadabilityHints(document, index, metadata.heading, pageTitle);
  // Readability drops the first heading that resembles the document's <title>: let that be the
  // title we show, or a section heading that shares its words ("Bayes' theorem") goes instead.
  if (!thread && pageTitle) retitle(document, preferHeading(stripSiteName(pageTitle, clean(metadata.siteName)), metadata.heading));
  const parsed = thread ? null : new Readability(document, { keepClasses: true, disableJSONLD: true, serializer: (node) => node }).parse();
  // Readability gives up on very short pages; what is left of the body is the article then.
  const grabbed = thread ?? (parsed?.content as unknown as Element | null | undefined);
  const content = (grabbed && narrowToMarkedArticle(grabbed)) ?? fallbackBody(html, url);
  if (!content) throw new CaptureError('no-content', 'Lectern could not find an article on this page.');
  // Our metadata reads what Readability reads, in its order, plus JSON-LD and more tags.
  const siteName = clean(metadata.siteName) ?? clean(parsed?.siteName);
  const rawTitle = pageTitle ?? clean(parsed?.title) ?? '';
  const title = preferHeading(stripSiteName(rawTitle, siteName), metadata.heading) || fallbackTitle(url);
  // Structured data first, then an author marked as such (rel/itemprop="author", outside lists
  // and comments), then Readability's guess: any short element classed "byline" or "author"
  // anywhere in the page, which may be a commenter's name or carry the publication's.
  const byline = cleanByline(metadata.byline) ?? cleanByline(metadata.markupByline) ?? cleanByline(parsed?.byline);
  cleanArticle(content, title, byline, siteName);
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
    publishedTime: metadata.publishedTime,
    lang,
    dir: dirValue ?? (isRtlLanguage(lang) ? 'rtl' : null),
    excerpt: clean(metadata.excerpt) ?? keptExcerpt(clean(parsed?.excerpt), text) ?? excerptOf(text),
    canonicalUrl: tryNormalizeUrl(metadata.canonicalUrl, base),
    leadImageUrl: metadata.leadImageUrl ?? imageUrls.find((src) => /^https?:/i.test(src)) ?? null,
    faviconUrl: metadata.faviconUrl,
    html: safeHtml,
    text,
    wordCount: countWords(text),
    imageUrls,
  };
}

/**
 * When Readability settles on a wrapper that holds the page's one marked-up article body
 * (itemprop="articleBody", inside an <article>) plus widgets around it, and nothing around it
 * reads as prose, that <article> is the article: the widgets ("Make us your homepage") go.
 */
function narrowToMarkedArticle(content: Element): Element {
  const marked = content.querySelectorAll('[itemprop~="articleBody"]');
  const body = marked.length === 1 ? marked[0] : undefined;
  if (!body || body === content) return content;
  // The <article> around it, so its header (headline, standfirst) stays.
  const article = body.parentElement?.closest('article');
  if (!article || article === content || !content.contains(article)) return content;
  const outside = [...content.querySelectorAll('p')].filter((p) => !article.contains(p) && normalizeSpace(p.textContent ?? '').length > 100);
  return outside.length === 0 ? article : content;
}

function retitle(document: Document, title: string): void {
  const head = document.head;
  if (!head) return;
  for (const element of head.querySelectorAll('title')) element.remove();
  const element = document.createElement('title');
  element.textContent = title;
  head.appendChild(element);
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
  text = text.replace(/^(?:by|written by|posted by|von|par|por|di)\s*[:\s]\s*/i, '').replace(/^(?:文|記者|筆者|취재|글)\s*[・:：]\s*/, '').replace(/\s+(?:기자|記者|特派員)$/, '').replace(/\s*[-–—|·,]\s*$/, '').trim();
  if (!text || /^https?:\/\//i.test(text) || text.length > 120 || looksLikeDate(text)) return null;
  return text;
}

// A "byline" element that holds only the date ("Sunday, Feb 1, 2015 11:57 AM UTC") names nobody.
const looksLikeDate = (text: string): boolean =>
  /\d/.test(text) && !/\p{L}/u.test(text.replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:am|pm|utc|gmt|at|on|updated|published)\b/gi, ''));

/**
 * A <title> with no site name to match: "Headline – Site" loses its last part, the way
 * Readability does it (plus en and em dashes), unless that leaves too few words to be a title.
 */
function stripTitleSuffix(title: string | null): string | null {
  if (!title) return null;
  const separators = [...title.matchAll(/ [|\-–—\\/>»] /g)];
  const hierarchical = / [\\/>»] /.test(title);
  const words = (text: string) => text.trim().split(/\s+/).length;
  let candidate = title;
  if (separators.length > 0) {
    candidate = title.slice(0, separators.at(-1)?.index);
    if (words(candidate) < 3) candidate = title.slice((separators[0]?.index ?? 0) + 3);
  }
  const kept = words(candidate);
  return kept <= 4 && (!hierarchical || kept !== words(title.replace(/[|\-–—\\/>»]+/g, '')) - 1) ? title : candidate.trim();
}

// "_" without spaces: Chinese sites write "标题_网站名"; a part must still equal the site name or <h1>.
const TITLE_SEPARATORS = /\s+[|\-–—·:»/｜]\s+|\s*[｜_]\s*/;

/** "Lake Varen - Encyclopedia" with an <h1> of "Lake Varen": the heading names the article. */
function preferHeading(title: string, heading: string | null): string {
  if (!heading || heading === title) return title;
  const parts = title.split(TITLE_SEPARATORS).map((part) => part.trim());
  return parts.length > 1 && (parts[0] === heading || parts.at(-1) === heading) ? heading : title;
}

/** Readability's excerpt is the first paragraph it kept; it only counts if our clean-up kept it too. */
const keptExcerpt = (excerpt: string | null, text: string): string | null =>
  excerpt && excerpt.length >= 20 && text.includes(excerpt) ? excerpt : null;

/** First real paragraph, for pages without a description; it starts where a sentence does. */
function excerptOf(text: string): string | null {
  const blocks = text.split('\n\n').map(normalizeSpace).filter(Boolean);
  if (blocks.length === 0) return null;
  const chosen = Math.max(0, blocks.findIndex((block) => block.length >= 60));
  // <br><br> splits paragraphs mid-sentence ("dolor sit" / "amet, consectetur…"): back up to where it starts.
  let start = chosen;
  while (start > 0 && chosen - start < 3 && continuesSentence(blocks[start - 1] ?? '', blocks[start] ?? '')) start--;
  return shorten(blocks.slice(start, chosen + 1).join(' '));
}

const SENTENCE_END = /[.!?…。！？:;"”’»)\]]$/u;
const continuesSentence = (previous: string, block: string): boolean => !SENTENCE_END.test(previous) && /^\p{Ll}/u.test(block);

/** At most 300 characters, ending with a whole sentence when one ends late enough, else a whole word. */
function shorten(text: string): string {
  if (text.length <= 300) return text;
  const head = text.slice(0, 300);
  const sentenceEnd = Math.max(...[...head.matchAll(/[.!?。！？](?=\s|$)/gu)].map((match) => match.index + 1), 0);
  return sentenceEnd >= 120 ? head.slice(0, sentenceEnd) : `${head.slice(0, 297).replace(/\s+\S*$/, '')}…`;
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
