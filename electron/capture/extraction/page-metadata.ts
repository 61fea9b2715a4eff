// Facts about a page that live outside the article body: <meta> tags, JSON-LD, <link rel>,
// <html lang/dir>, <time>. Read from the untouched document, before Readability mutates it.
// One walk over the page collects the elements that say these things (a selector query per
// fact would walk it a dozen times).

import { indexElements, type ElementIndex } from './dom-walk.ts';
import { faviconUrl } from '../images/favicon.ts';
import { resolveBase } from './prepare-document.ts';

export interface PageMetadata {
  title: string | null;
  /** From structured data: JSON-LD, then <meta> tags. */
  byline: string | null;
  /** From markup anywhere in the page (rel="author", itemprop="author"): weaker evidence. */
  markupByline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  excerpt: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  canonicalUrl: string | null;
  leadImageUrl: string | null;
  /** The site's icon: the page's <link rel="icon"> (against its <base>), else /favicon.ico. */
  faviconUrl: string | null;
  /** Text of the page's single <h1>, when it has exactly one. */
  heading: string | null;
  /** The <title> element's text, as written. */
  documentTitle: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPE = /^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|Review|Recipe|WebPage)$/;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const typesOf = (node: JsonObject): string[] => {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));
};
const textOf = (value: Json | undefined): string | null => {
  if (typeof value === 'string') return unescapeEntities(value.trim()) || null;
  if (Array.isArray(value)) return textOf(value[0]);
  if (isObject(value)) return textOf(value.name ?? value['@value'] ?? value.url);
  return null;
};

/** Every node in the page's JSON-LD, flattened out of arrays and @graph. */
function jsonLdNodes(scripts: Element[]): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (value: Json | undefined, depth: number): void => {
    if (depth > 4 || value === undefined) return;
    if (Array.isArray(value)) value.forEach((item) => visit(item, depth + 1));
    else if (isObject(value)) {
      nodes.push(value);
      visit(value['@graph'], depth + 1);
      if (isObject(value.mainEntity)) visit(value.mainEntity, depth + 1);
    }
  };
  for (const script of scripts) {
    try {
      visit(JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')) as Json, 0);
    } catch {
      // Broken JSON-LD is common; the page's other metadata still counts.
    }
  }
  return nodes;
}

/**
 * Every <meta> value by key, lower-cased with "DC.title" spelled "dc:title". As in Readability,
 * property="…" tags outrank name="…" ones; a property may list several keys ("dc:description
 * og:description") and the first tag naming a key wins, while a repeated name="…" is overridden.
 */
function readMetaTags(metas: Element[]): Map<string, string> {
  const byProperty = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const meta of metas) {
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    for (const key of metaKeys(meta.getAttribute('property'))) if (!byProperty.has(key)) byProperty.set(key, unescapeEntities(content));
    for (const key of metaKeys(`${meta.getAttribute('name') ?? ''} ${meta.getAttribute('itemprop') ?? ''}`)) byName.set(key, unescapeEntities(content));
  }
  for (const [key, value] of byName) if (!byProperty.has(key)) byProperty.set(key, value);
  return byProperty;
}

const metaKeys = (attribute: string | null): string[] =>
  (attribute ?? '').toLowerCase().split(/\s+/).filter(Boolean).map((key) => (/^(?:dc|dcterms?)\./.test(key) ? key.replace(/\./g, ':') : key));

// Some sites escape twice ("That&amp;#039;s"); the parser undoes one level, this the other.
const unescapeEntities = (value: string): string =>
  !value.includes('&')
    ? value
    : value
        .replace(/&(quot|amp|apos|lt|gt);/g, (_, name: string) => ({ quot: '"', amp: '&', apos: "'", lt: '<', gt: '>' })[name] ?? '')
        .replace(/&#(?:x([0-9a-f]+)|(\d+));/gi, (match, hex: string | undefined, dec: string | undefined) => {
          const code = hex ? parseInt(hex, 16) : Number(dec);
          return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
        });

const first = (metas: Map<string, string>, keys: string[]): string | null => {
  for (const key of keys) {
    const value = metas.get(key);
    if (value) return value;
  }
  return null;
};

/** ISO 8601 in UTC, or null when the value is not a plausible publication date. */
export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  // Bare dates mean that day, not midnight in the reader's zone.
  const time = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? Date.parse(`${trimmed}T00:00:00Z`) : Date.parse(trimmed);
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  if (year < 1990 || time > Date.now() + 366 * 24 * 3600 * 1000) return null;
  return new Date(time).toISOString();
}

export function normalizeLang(value: string | null | undefined): string | null {
  const candidate = value?.trim().replace(/_/g, '-');
  if (!candidate) return null;
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? null;
  } catch {
    return null;
  }
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha', 'he', 'iw', 'khw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ur', 'yi', 'ug']);
export const isRtlLanguage = (lang: string | null): boolean => lang !== null && RTL_LANGUAGES.has(lang.split('-')[0]?.toLowerCase() ?? '');

function resolveHttpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function jsonLdImage(value: Json | undefined): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return jsonLdImage(value[0]);
  if (isObject(value)) return textOf(value.url ?? value.contentUrl ?? value['@id']);
  return null;
}

function jsonLdAuthors(value: Json | undefined): string | null {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const names = list.map((author) => (typeof author === 'string' ? author.trim() : isObject(author) ? textOf(author.name) : null));
  const kept = names.filter((name): name is string => !!name && !/^https?:/.test(name));
  return kept.length > 0 ? [...new Set(kept)].join(', ') : null;
}

/** The elements metadata is read from, by tag (lower case), plus those marking an author. */
function markedElements(all: Element[]): { authors: Element[]; dated: string | null } {
  const authors: Element[] = [];
  let dated: string | null = null;
  for (const element of all) {
    if (!element.hasAttributes()) continue;
    const itemprop = element.getAttribute('itemprop');
    if (hasWord(element.getAttribute('rel'), 'author', true) || hasWord(itemprop, 'author')) authors.push(element);
    // The first valid date of a <time datetime>, [itemprop~="datePublished"] with a machine-
    // readable value, or microformat <abbr class="published" title="…"> (Blogger) in the page;
    // a marked value that is no date ("Sunday") does not hide a later one.
    if (!dated) dated = normalizeDate(dateOf(element, itemprop));
  }
  return { authors, dated };
}

/** The machine-readable date an element marks, if it marks one. */
function dateOf(element: Element, itemprop: string | null): string | null {
  const tag = element.tagName.toUpperCase();
  if (tag === 'TIME' || hasWord(itemprop, 'datePublished')) return element.getAttribute('datetime') ?? (tag === 'TIME' ? null : element.getAttribute('content') ?? (tag === 'ABBR' ? element.getAttribute('title') : null));
  return tag === 'ABBR' && hasWord(element.getAttribute('class'), 'published') ? element.getAttribute('title') : null;
}

const hasWord = (value: string | null, word: string, ignoreCase = false): boolean =>
  value !== null && (ignoreCase ? value.toLowerCase() : value).split(/\s+/).includes(word);

export function readPageMetadata(document: Document, baseUrl: string, index: ElementIndex = indexElements(document)): PageMetadata {
  const { authors, dated } = markedElements(index.all);
  const tagged = (tag: string): Element[] => index.byTag.get(tag) ?? [];
  const metaElements = tagged('META');
  const links = tagged('LINK');
  const metas = readMetaTags(metaElements);
  const nodes = jsonLdNodes(tagged('SCRIPT').filter((script) => script.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json'));
  const article = nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPE.test(type) && type !== 'WebPage'))
    ?? nodes.find((node) => typesOf(node).includes('WebPage') && (node.datePublished || node.author));
  const website = nodes.find((node) => typesOf(node).includes('WebSite'));
  const publisher = article && isObject(article.publisher) ? article.publisher : undefined;

  const root = document.documentElement;
  const lang = normalizeLang(root?.getAttribute('lang') ?? root?.getAttribute('xml:lang') ?? document.body?.getAttribute('lang'))
    ?? normalizeLang(metaElements.find((meta) => meta.getAttribute('http-equiv')?.toLowerCase() === 'content-language')?.getAttribute('content')?.split(',')[0])
    ?? normalizeLang(metas.get('og:locale'));
  const dirAttribute = (root?.getAttribute('dir') ?? document.body?.getAttribute('dir') ?? '').trim().toLowerCase();
  const dir = dirAttribute === 'rtl' || dirAttribute === 'ltr' ? dirAttribute : isRtlLanguage(lang) ? 'rtl' : null;

  const publishedTime = normalizeDate(textOf(article?.datePublished))
    ?? normalizeDate(first(metas, ['article:published_time', 'og:published_time', 'article:published', 'datepublished', 'published_time', 'publishdate', 'publish-date', 'publish_date', 'pubdate', 'parsely-pub-date', 'sailthru.date', 'dc:date:issued', 'dcterms:issued', 'dc:date', 'dcterms:date', 'dcterms:created', 'date', 'article.published']))
    ?? normalizeDate(textOf(article?.dateCreated))
    ?? dated;

  const linkHref = (rel: string): string | undefined =>
    links.find((link) => hasWord(link.getAttribute('rel'), rel, true) && link.hasAttribute('href'))?.getAttribute('href') ?? undefined;
  const canonical = linkHref('canonical') ?? metas.get('og:url');

  const headings = tagged('H1');
  const heading = headings.length === 1 ? (headings[0]?.textContent ?? '').replace(/\s+/g, ' ').replace(/\s*[¶§#🔗]$/u, '').trim() || null : null;

  // An <svg> can hold a <title> of its own; the page's is the one in <head>.
  const titles = tagged('TITLE');
  const documentTitle = (titles.find((title) => document.head?.contains(title)) ?? titles[0])?.textContent ?? null;
  return {
    heading,
    documentTitle,
    // Same order of preference as Readability: JSON-LD, then Dublin Core, Open Graph, plain, Twitter.
    title: jsonLdTitle(article, documentTitle ?? '', textOf(publisher?.name)) ?? first(metas, ['dc:title', 'dcterm:title', 'dcterms:title', 'og:title', 'title', 'twitter:title', 'parsely-title']),
    byline: jsonLdAuthors(article?.author)
      ?? first(metas, ['dc:creator', 'dcterm:creator', 'dcterms:creator', 'author', 'parsely-author', 'article:author_name', 'sailthru.author', 'byl'])
      ?? notUrl(metas.get('article:author')),
    markupByline: pageByline(authors),
    siteName: textOf(publisher?.name) ?? first(metas, ['og:site_name']) ?? shortName(first(metas, ['application-name', 'apple-mobile-web-app-title'])) ?? textOf(website?.name),
    publishedTime,
    excerpt: textOf(article?.description) ?? first(metas, ['dc:description', 'dcterm:description', 'dcterms:description', 'og:description', 'description', 'twitter:description']),
    lang,
    dir,
    canonicalUrl: resolveHttpUrl(canonical, baseUrl),
    leadImageUrl: resolveHttpUrl(
      first(metas, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src', 'thumbnailurl'])
        ?? jsonLdImage(article?.image) ?? linkHref('image_src'),
      baseUrl,
    ),
    faviconUrl: faviconUrl(links, resolveBase(tagged('BASE'), baseUrl), baseUrl),
  };
}

/**
 * JSON-LD "name" is usually the headline, "headline" sometimes a summary, and some sites put
 * their own name in "name": pick the one the <title> agrees with, never the publisher's name.
 */
function jsonLdTitle(article: JsonObject | undefined, documentTitle: string, publisher: string | null): string | null {
  const name = textOf(article?.name);
  const headline = textOf(article?.headline);
  if (name && headline && name !== headline) {
    if (name === publisher) return headline;
    return similarity(headline, documentTitle) > 0.75 && similarity(name, documentTitle) <= 0.75 ? headline : name;
  }
  return name ?? headline;
}

/** Readability's measure: how much of `b` (by length of its words) also appears in `a`. */
function similarity(a: string, b: string): number {
  const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const inA = new Set(words(a));
  const wordsB = words(b);
  if (inA.size === 0 || wordsB.length === 0) return 0;
  const unique = wordsB.filter((word) => !inA.has(word)).join(' ').length;
  return 1 - unique / wordsB.join(' ').length;
}

const notUrl = (value: string | undefined): string | null => (value && !/^https?:\/\//i.test(value) ? value : null);

// An app name is a site name unless it carries a tagline ("News - Latest Headlines").
const shortName = (value: string | null): string | null => (value && !/\s[-|–—:]\s/.test(value) ? value : null);

/**
 * A byline marked up in the page (rel="author", itemprop="author") when no metadata names one.
 * Links in lists of other stories and in comments carry the same marks, so those do not count.
 */
function pageByline(authors: Element[]): string | null {
  for (const element of authors) {
    if (element.closest('aside, footer, nav, [class*="related" i], [class*="comment" i]')) continue;
    const item = element.closest('li');
    if (item && !item.closest('[itemprop~="author"]')) continue;
    const named = element.querySelector('[itemprop~="name"]') ?? element;
    const text = (named.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > 0 && text.length < 100) return text;
  }
  return null;
}
