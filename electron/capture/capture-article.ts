import { parseHTML } from 'linkedom';
import { assetUrl, type CapturedArticle } from '../shared/captured-article.ts';
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
}

/** Fetches a page, extracts its article, stores its images and site icon; throws CaptureError with a reason. */
export async function captureArticle(url: string, options: CaptureOptions): Promise<CapturedArticle> {
  const requested = normalizeUrl(url);
  const fetcher = options.fetcher ?? fetchResource;
  const response = await fetcher(requested, { ...(options.limits ? { limits: options.limits } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const finalUrl = normalizeUrl(response.url);
  const extract = options.extract ?? (async (html: string, pageUrl: string) => extractArticle(html, pageUrl));
  const extracted = await extractFromResponse(response, extract, { assets: options.assets });
  throwIfAborted(options.signal);

  const imageOptions = {
    assets: options.assets,
    referrer: response.url,
    fetcher,
    publicOnly: !response.fromLocalNetwork,
    ...(options.imageLimits ? { limits: options.imageLimits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const stored = await downloadImages(extracted.imageUrls, imageOptions);
  const hashFor = (src: string): string | null => stored.get(src)?.hash ?? storedHashOf(src);
  const html = rewriteImages(extracted.html, hashFor);

  let leadHash = extracted.leadImageUrl ? hashFor(extracted.leadImageUrl) : null;
  if (!leadHash && extracted.leadImageUrl && !stored.has(extracted.leadImageUrl)) {
    leadHash = (await downloadImage(extracted.leadImageUrl, imageOptions))?.hash ?? null;
  }
  leadHash ??= [...stored.values()][0]?.hash ?? null;
  const faviconHash = extracted.faviconUrl ? await siteIcon(extracted.faviconUrl, imageOptions) : null;
  throwIfAborted(options.signal);

  const assetHashes = new Set([...html.matchAll(/\/assets\/([0-9a-f]{64})/g)].map((match) => match[1] ?? ''));
  if (leadHash) assetHashes.add(leadHash);
  if (faviconHash) assetHashes.add(faviconHash);
  return {
    url: finalUrl,
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
