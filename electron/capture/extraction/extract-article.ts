import { Readability } from '@mozilla/readability';
import { CaptureError } from '../capture-error.ts';
import { tryNormalizeUrl } from '../normalize-url.ts';
import { clean, cleanByline, excerptOf, fallbackTitle, imageSources, keptExcerpt, preferHeading, stripSiteName, stripTitleSuffix } from './article-fields.ts';
import { chooseContent, type Candidate, type CandidateName, type Finder } from './choose-content.ts';
import { cleanArticle } from './cleanup/clean-article.ts';
import { normalizeSpace, proseChars } from './cleanup/boilerplate.ts';
import { findContent, pruneFound } from './content-finder.ts';
import { indexElements } from './dom-walk.ts';
import { countWords, elementToText } from './html-to-text.ts';
import { readPageMetadata, normalizeLang, isRtlLanguage } from './page-metadata.ts';
import { parseDocument, prepareDocument } from './prepare-document.ts';
import { sanitizeArticleHtml } from './sanitize-article.ts';
import { isHiddenWithin } from './visibility.ts';
import { questionAndAcceptedAnswer } from './question-answer.ts';
import { applyReadabilityHints } from './readability-hints.ts';

export { stripSiteName } from './article-fields.ts';

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

export interface ExtractOptions {
  /** Skip the choice and use this finder's body: for benchmarks and for looking into a page. */
  candidate?: CandidateName;
}

export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Extracted {
  const document = parseDocument(html);
  const index = indexElements(document);
  const metadata = readPageMetadata(document, url, index);
  // Measured before anything is taken away: what our result is checked against.
  // (A question and its accepted answer are the article however much else the thread says:
  // they are not checked against it.)
  const body = document.body;
  const pageProse = body ? proseChars(body, (paragraph) => isHiddenWithin(paragraph, body)) : 0;
  const { base, removedProse } = prepareDocument(document, url, index);
  const thread = questionAndAcceptedAnswer(document, index.all);
  const pageTitle = clean(metadata.title) ?? stripTitleSuffix(clean(metadata.documentTitle));
  if (!thread) applyReadabilityHints(document, index, metadata.heading, pageTitle);
  // Readability drops the first heading that resembles the document's <title>: let that be the
  // title we show, or a section heading that shares its words ("Bayes' theorem") goes instead.
  if (!thread && pageTitle) retitle(document, preferHeading(stripSiteName(pageTitle, clean(metadata.siteName)), metadata.heading));
  const parsed = thread ? null : readArticle(document);
  const grabbed = thread ?? contentOf(parsed);
  // Our metadata reads what Readability reads, in its order, plus JSON-LD and more tags.
  const siteName = clean(metadata.siteName) ?? clean(parsed?.siteName);
  const rawTitle = pageTitle ?? clean(parsed?.title) ?? '';
  const title = preferHeading(stripSiteName(rawTitle, siteName), metadata.heading) || fallbackTitle(url);
  // Structured data first, then an author marked as such (rel/itemprop="author", outside lists
  // and comments), then Readability's guess: any short element classed "byline" or "author"
  // anywhere in the page, which may be a commenter's name or carry the publication's.
  const byline = cleanByline(metadata.byline) ?? cleanByline(metadata.markupByline) ?? cleanByline(parsed?.byline);
  const cleaned = (content: Element | null): Element | null => {
    if (content) cleanArticle(content, title, byline, siteName);
    return content && (content.textContent ?? '').trim() !== '' ? content : null;
  };
  const primary: Candidate = { name: 'lectern', content: cleaned(grabbed && narrowToMarkedArticle(grabbed)) };
  const finders: Record<Exclude<CandidateName, 'lectern'>, Finder> = {
    readability: () => ({ name: 'readability', content: cleaned(plainReadability(html, url)) }),
    density: () => ({ name: 'density', content: cleaned(densityContent(html, url)) }),
    body: () => ({ name: 'body', content: cleaned(fallbackBody(html, url)) }),
  };
  const content = options.candidate
    ? (options.candidate === 'lectern' ? primary : finders[options.candidate]()).content
    : thread && primary.content ? primary.content : chooseContent(primary, { pageProse, removedProse }, finders)?.content;
  if (!content) throw new CaptureError('no-content', 'Lectern could not find an article on this page.');
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

// The alternatives start from a fresh parse: Readability dismantles the document as it works.

function lightlyPrepared(html: string, url: string): Document {
  const document = parseDocument(html);
  prepareDocument(document, url, indexElements(document), 'light');
  return document;
}

// keepClasses: our clean-up after Readability still needs them; the sanitiser drops them.
// JSON-LD was read by our metadata reader (prepareDocument removes the scripts that carry it).
const readArticle = (document: Document) => new Readability(document, { keepClasses: true, disableJSONLD: true, serializer: (node) => node }).parse();

/** The element Readability's result holds (the serializer above returns it as it is). */
const contentOf = (parsed: ReturnType<typeof readArticle>): Element | null => (parsed?.content as unknown as Element | null | undefined) ?? null;

/** Readability on the page with only the light preparation: none of our chrome removal or hints. */
const plainReadability = (html: string, url: string): Element | null => contentOf(readArticle(lightlyPrepared(html, url)));

/** The density finder's choice, on the page with only the light preparation. */
function densityContent(html: string, url: string): Element | null {
  const document = lightlyPrepared(html, url);
  const found = document.body ? findContent(document.body) : null;
  if (!found) return null;
  pruneFound(found.element);
  return found.element;
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

function fallbackBody(html: string, url: string): Element | null {
  const document = parseDocument(html);
  prepareDocument(document, url);
  const body = document.body;
  return body && (body.textContent ?? '').trim() !== '' ? body : null;
}

