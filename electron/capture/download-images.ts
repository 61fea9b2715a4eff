import type { AssetStore, StoredAsset } from './asset-store.ts';
import { CaptureError } from './capture-error.ts';
import { DEFAULT_IMAGE_LIMITS, fetchResource, type FetchLimits } from './fetch-resource.ts';

// Fetching an article's images into the asset store. One image failing (404, too big, not
// really an image) only loses that image; cancelling the capture stops them all.

export interface ImageDownloadOptions {
  assets: AssetStore;
  referrer: string;
  limits?: Partial<FetchLimits>;
  signal?: AbortSignal;
  /** Images fetched at once for one article. */
  concurrency?: number;
  /** Beyond this many images an article's remaining ones are dropped. */
  maxImages?: number;
  /** Lets a scheduler wrap each request (per-host limits, retries). */
  fetcher?: typeof fetchResource;
}

/** Stored images by URL, in the order of `urls` (whichever finished first): the first is the lead-image stand-in. */
export async function downloadImages(urls: string[], options: ImageDownloadOptions): Promise<Map<string, StoredAsset>> {
  const wanted = [...new Set(urls)].slice(0, options.maxImages ?? 150);
  const found = new Map<string, StoredAsset>();
  const queue = [...wanted];
  const worker = async (): Promise<void> => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const asset = await downloadImage(url, options);
      if (asset) found.set(url, asset);
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
  try {
    const dataUrl = /^data:image\/[a-z+.-]+;base64,/i.exec(url);
    if (dataUrl) return await options.assets.put(Buffer.from(url.slice(dataUrl[0].length), 'base64'));
    const fetcher = options.fetcher ?? fetchResource;
    const response = await fetcher(url, {
      limits: { ...DEFAULT_IMAGE_LIMITS, ...options.limits },
      accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/svg+xml;q=0.8,*/*;q=0.5',
      referrer: options.referrer,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return await options.assets.put(response.body);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (error instanceof CaptureError || error instanceof Error) return null;
    throw error;
  }
}
