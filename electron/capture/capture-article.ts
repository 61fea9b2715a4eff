import { isIP } from 'node:net';
import { parseHTML } from 'linkedom';
import { isPublicAddress } from './fetching/network-address.ts';
import { assetUrl, type CapturedArticle } from '../shared/captured-article.ts';
import type { ArticleContent } from '../shared/article-content.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import type { AssetStore } from './images/asset-store.ts';
import { CaptureError } from './capture-error.ts';
import { downloadImage, downloadImages } from './images/download-images.ts';
import { extractArticle, type Extracted } from './extraction/extract-article.ts';
import { fetchResource, type FetchLimits } from './fetching/fetch-resource.ts';
import { normalizeUrl } from './normalize-url.ts';
import { extractFromResponse } from './extract-response.ts';
import { sanitizeArticleHtml } from './extraction/sanitize-article.ts';
import { siteIcon } from './images/site-icon.ts';

export interface CaptureOptions {
  assets: AssetStore;
  limits?: Partial<FetchLimits>;
  signal?: AbortSignal;
  /** Limits for each image; a failing image is skipped. */
  imageLimits?: Partial<FetchLimits>;
  /** Runs extraction (default: in this thread). The worker pool plugs in here. */
  extract?: (html: string, url: string) => Promise<Extracted>;
  /** Replaces fetchResource, e.g. with a scheduler that adds retries and per-host limits. */
  fetcher?: typeof fetchResource;
  /**
   * Hold the page and its images to the internet (an item of a feed that came from there):
   * what the reader did not ask for by name may not lead into the local network.
   */
  publicOnly?: boolean;
  /** Images already stored for this article, by the URL the page names them with (sent by a browser). */
  suppliedImages?: ReadonlyMap<string, string>;
  /** Told the article's images that could not be stored (absolute http(s) URLs). */
  onMissingImages?: (urls: string[]) => void;
}

/** A page as a browser rendered it: the DOM after login, banners and scripts. */
export interface SuppliedPage {
  html: string;
  title?: string;
  /** The user's selection; when present, it is the article. */
  selectionHtml?: string;
}

/** Fetches a page, extracts its article, stores its images and site icon; throws CaptureError with a reason. */
export async function captureArticle(url: string, options: CaptureOptions): Promise<CapturedArticle> {
  const requested = normalizeUrl(url);
  const fetcher = options.fetcher ?? fetchResource;
  const response = await fetcher(requested, {
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.publicOnly ? { publicOnly: true } : {}),
  });
  const finalUrl = normalizeUrl(response.url);
  const extract = options.extract ?? (async (html: string, pageUrl: string) => extractArticle(html, pageUrl));
  const extracted = await extractFromResponse(response, extract, { assets: options.assets });
  throwIfAborted(options.signal);
  return storeExtracted(extracted, { finalUrl, referrer: response.url, publicOnly: !response.fromLocalNetwork }, options);
}

/**
 * Saves an article that came with its body (a feed item's content, an import that kept it):
 * the body goes through the same extraction, sanitising and image caching as a fetched page,
 * so nothing it carries is trusted more than a page would be.
 */
export async function captureContent(url: string, title: string, content: ArticleContent, options: CaptureOptions): Promise<CapturedArticle> {
  const pageUrl = normalizeUrl(url);
  const document = contentDocument(title, content);
  const extract = options.extract ?? (async (html: string, at: string) => extractArticle(html, at));
  // A short body (a feed summary) still comes through: the chooser falls back to the page's body.
  const found = await extract(document, pageUrl);
  const extracted: Extracted = {
    ...found,
    title: title || found.title,
    byline: found.byline ?? content.byline,
    siteName: content.siteName ?? found.siteName,
    publishedTime: content.publishedAt ?? found.publishedTime,
    lang: found.lang ?? content.lang,
    excerpt: content.excerpt ?? found.excerpt,
  };
  throwIfAborted(options.signal);
  // No response says where the body came from, so its images are held to the internet, unless
  // the caller knows it came from the local network, or (an import) the article's own address
  // is this computer or the local network (a self-hosted blog).
  const publicOnly = options.publicOnly ?? !isLocalAddressLiteral(pageUrl);
  return storeExtracted(extracted, { finalUrl: pageUrl, referrer: pageUrl, publicOnly }, options);
}

/**
 * Saves a page from HTML a browser supplied instead of fetching it. The HTML is as untrusted as a
 * fetched page: it goes through the same extraction, sanitising and image caching, and its
 * images are fetched by the app (the page as referrer, no cookies) under the same address rules.
 */
export async function capturePage(url: string, page: SuppliedPage, options: CaptureOptions): Promise<CapturedArticle> {
  const pageUrl = normalizeUrl(url);
  const extract = options.extract ?? (async (html: string, at: string) => extractArticle(html, at));
  const found = await extract(page.selectionHtml ? selectionDocument(page) : page.html, pageUrl);
  const extracted: Extracted = { ...found, title: found.title || page.title?.trim() || pageUrl };
  throwIfAborted(options.signal);
  const publicOnly = options.publicOnly ?? !isLocalAddressLiteral(pageUrl);
  return storeExtracted(extracted, { finalUrl: pageUrl, referrer: pageUrl, publicOnly }, options);
}

/** The page's head (title, canonical link, icon, byline) around the selection as the only body. */
function selectionDocument(page: SuppliedPage): string {
  const { document } = parseHTML(page.html);
  const title = page.title?.trim() || document.title || '';
  if (!document.body) return `<!doctype html><html><head><title>${escapeHtml(title)}</title></head><body><article>${page.selectionHtml ?? ''}</article></body></html>`;
  document.body.innerHTML = `<article><h1>${escapeHtml(title)}</h1>${page.selectionHtml ?? ''}</article>`;
  return document.toString();
}

function isLocalAddressLiteral(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || (isIP(host) !== 0 && !isPublicAddress(host));
}

function contentDocument(title: string, content: ArticleContent): string {
  const lang = content.lang && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(content.lang) ? ` lang="${content.lang}"` : '';
  const byline = content.byline ? `<meta name="author" content="${escapeHtml(content.byline)}">` : '';
  return `<!doctype html><html${lang}><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${byline}</head>` +
    `<body><article><h1>${escapeHtml(title)}</h1>${content.html}</article></body></html>`;
}

/** Caches an extracted article's images and site icon, and points its HTML at them. */
async function storeExtracted(
  extracted: Extracted,
  from: { finalUrl: string; referrer: string; publicOnly: boolean },
  options: CaptureOptions,
): Promise<CapturedArticle> {
  const fetcher = options.fetcher ?? fetchResource;
  const imageOptions = {
    assets: options.assets,
    referrer: from.referrer,
    fetcher,
    publicOnly: from.publicOnly,
    ...(options.imageLimits ? { limits: options.imageLimits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const supplied = await keptSuppliedImages(extracted.imageUrls, options);
  const stored = await downloadImages(extracted.imageUrls.filter((src) => !supplied.has(src)), imageOptions);
  const hashFor = (src: string): string | null => stored.get(src)?.hash ?? supplied.get(src) ?? storedHashOf(src);
  options.onMissingImages?.([...new Set(extracted.imageUrls)].filter((src) => /^https?:/i.test(src) && !hashFor(src)));
  const html = rewriteImages(extracted.html, hashFor);

  let leadHash = extracted.leadImageUrl ? hashFor(extracted.leadImageUrl) : null;
  // An image of the article that failed is not tried again as the lead (a 50 MB one twice over).
  if (!leadHash && extracted.leadImageUrl && !extracted.imageUrls.includes(extracted.leadImageUrl)) {
    leadHash = (await downloadImage(extracted.leadImageUrl, imageOptions))?.hash ?? null;
  }
  leadHash ??= [...stored.values()][0]?.hash ?? null;
  const faviconHash = extracted.faviconUrl ? await siteIcon(extracted.faviconUrl, imageOptions) : null;
  throwIfAborted(options.signal);

  const assetHashes = new Set([...html.matchAll(/\/assets\/([0-9a-f]{64})/g)].map((match) => match[1] ?? ''));
  if (leadHash) assetHashes.add(leadHash);
  if (faviconHash) assetHashes.add(faviconHash);
  return {
    url: from.finalUrl,
    canonicalUrl: extracted.canonicalUrl,
    title: extracted.title,
    byline: extracted.byline,
    siteName: extracted.siteName,
    publishedAt: extracted.publishedTime,
    lang: extracted.lang,
    dir: extracted.dir,
    excerpt: extracted.excerpt,
    html,
    text: extracted.text,
    leadImage: leadHash ? assetUrl(leadHash) : null,
    favicon: faviconHash ? assetUrl(faviconHash) : null,
    wordCount: extracted.wordCount,
    assetHashes: [...assetHashes].filter(Boolean),
  };
}

/** The supplied images this article names that are still in the store, claimed for this capture. */
async function keptSuppliedImages(urls: readonly string[], options: CaptureOptions): Promise<Map<string, string>> {
  const kept = new Map<string, string>();
  for (const src of new Set(urls)) {
    const hash = options.suppliedImages?.get(src);
    if (hash && (await options.assets.keep(hash))) kept.set(src, hash);
  }
  return kept;
}

/** Points each <img> at its stored copy; images that could not be stored are removed. */
export function rewriteImages(html: string, hashFor: (src: string) => string | null): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const img of document.querySelectorAll('img')) {
    const hash = hashFor(img.getAttribute('src') ?? '');
    if (hash) img.setAttribute('src', assetUrl(hash));
    else img.remove();
  }
  // Figures that lost their only image would show a caption for nothing.
  for (const figure of document.querySelectorAll('figure')) {
    if (!figure.querySelector('img, table, pre, blockquote')) figure.remove();
  }
  return sanitizeArticleHtml(document.body.innerHTML, 'assets').trim();
}

/** Sources that already point into the store (a saved image file). */
const storedHashOf = (src: string): string | null => /^\/assets\/([0-9a-f]{64})$/.exec(src)?.[1] ?? null;

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CaptureError('aborted', 'Saving was cancelled.', { cause: signal.reason });
}
