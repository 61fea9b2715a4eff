import type { AssetStore, StoredAsset } from './asset-store.ts';
import { CaptureError } from '../capture-error.ts';
import { DEFAULT_IMAGE_LIMITS, fetchResource, type FetchLimits } from '../fetching/fetch-resource.ts';

// Fetching an article's images into the asset store. One image failing (404, too big, not
// really an image) only loses that image; cancelling the capture stops them all. An article
// has a budget as well as each image: 150 images of 8 MB would be 1.2 GB for one page.

export const DEFAULT_ARTICLE_IMAGE_BYTES = 64 * 1024 * 1024;

export interface ImageDownloadOptions {
  assets: AssetStore;
  referrer: string;
  limits?: Partial<FetchLimits>;
  signal?: AbortSignal;
  /** Images fetched at once for one article. */
  concurrency?: number;
  /** Beyond this many images an article's remaining ones are dropped. */
  maxImages?: number;
  /** Bytes of images one article may store; images past it are dropped. */
  maxTotalBytes?: number;
  /** The page came from the internet: its images may not come from the local network. */
  publicOnly?: boolean;
  /** Lets a scheduler wrap each request (per-host limits, retries). */
  fetcher?: typeof fetchResource;
  /** false: one attempt, however the scheduler would retry. */
  retry?: boolean;
}

/** Stored images by URL, in the order of `urls` (whichever finished first): the first is the lead-image stand-in. */
export async function downloadImages(urls: string[], options: ImageDownloadOptions): Promise<Map<string, StoredAsset>> {
  const wanted = [...new Set(urls)].slice(0, options.maxImages ?? 150);
  const found = new Map<string, StoredAsset>();
  const queue = [...wanted];
  const perImage = Math.min(options.limits?.maxBytes ?? DEFAULT_IMAGE_LIMITS.maxBytes, options.limits?.maxDecodedBytes ?? DEFAULT_IMAGE_LIMITS.maxDecodedBytes);
  // Each download reserves what it may use of the budget, and gives back what it did not. A
  // worker finding the budget all reserved waits for a download to finish and give some back;
  // only when nothing is left, and nothing will come back, are the remaining images dropped.
  let budget = options.maxTotalBytes ?? DEFAULT_ARTICLE_IMAGE_BYTES;
  let running = 0;
  let wakeUp: Array<() => void> = [];
  const worker = async (): Promise<void> => {
    while (queue.length > 0) {
      if (budget <= 0) {
        if (running === 0) return;
        await new Promise<void>((resolve) => wakeUp.push(resolve));
        continue;
      }
      const url = queue.shift();
      if (url === undefined) return;
      const allowance = Math.min(perImage, budget);
      budget -= allowance;
      running++;
      try {
        const limits = { ...options.limits, maxBytes: allowance, maxDecodedBytes: allowance };
        const stored = await fetchAndStore(url, { ...options, limits });
        budget += allowance - (stored?.bytes ?? 0);
        if (stored) found.set(url, stored.asset);
      } finally {
        running--;
        const waiting = wakeUp;
        wakeUp = [];
        for (const resolve of waiting) resolve();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const stored = new Map<string, StoredAsset>();
  for (const url of wanted) {
    const asset = found.get(url);
    if (asset) stored.set(url, asset);
  }
  return stored;
}

export async function downloadImage(url: string, options: ImageDownloadOptions): Promise<StoredAsset | null> {
  return (await fetchAndStore(url, options))?.asset ?? null;
}

async function fetchAndStore(url: string, options: ImageDownloadOptions): Promise<{ asset: StoredAsset; bytes: number } | null> {
  try {
    const dataUrl = /^data:image\/[a-z+.-]+;base64,/i.exec(url);
    if (dataUrl) {
      const bytes = Buffer.from(url.slice(dataUrl[0].length), 'base64');
      const allowed = Math.min(options.limits?.maxBytes ?? DEFAULT_IMAGE_LIMITS.maxBytes, options.limits?.maxDecodedBytes ?? DEFAULT_IMAGE_LIMITS.maxDecodedBytes);
      if (bytes.length > allowed) return null;
      return { asset: await options.assets.put(bytes), bytes: bytes.length };
    }
    const fetcher = options.fetcher ?? fetchResource;
    const response = await fetcher(url, {
      limits: { ...DEFAULT_IMAGE_LIMITS, ...options.limits },
      accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/svg+xml;q=0.8,*/*;q=0.5',
      referrer: options.referrer,
      ...(options.publicOnly ? { publicOnly: true } : {}),
      ...(options.retry === false ? { retry: false } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { asset: await options.assets.put(response.body), bytes: response.body.length };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (error instanceof CaptureError || error instanceof Error) return null;
    throw error;
  }
}
