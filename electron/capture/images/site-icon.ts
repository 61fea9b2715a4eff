import { downloadImage, type ImageDownloadOptions } from './download-images.ts';

// Fetching a page's site icon. It is decoration: one attempt, small and quick, and failing only
// leaves the row without it. Articles of one site share one icon, so an import of thousands of
// links from a site asks for it once (and once an hour for a site that has none), not per link.

/** Bytes one site icon may take: icons are a few KB; a bigger file is not an icon worth keeping. */
export const FAVICON_MAX_BYTES = 256 * 1024;
const FAVICON_TIMEOUT_MS = 5_000;
const REMEMBER_FOUND_MS = 24 * 60 * 60 * 1000;
const REMEMBER_MISSING_MS = 60 * 60 * 1000;
const REMEMBERED = 1_000;

/** Icon URL → its stored hash (or null: none there), and when that was learned. */
const recent = new Map<string, { hash: string | null; at: number }>();

function remember(url: string, hash: string | null): void {
  recent.delete(url);
  recent.set(url, { hash, at: Date.now() });
  // A Map iterates in insertion order: the first key is the least recently learned.
  if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value ?? '');
}

/** The stored icon's hash, or null when there is none to be had. */
export async function siteIcon(url: string, options: ImageDownloadOptions): Promise<string | null> {
  const known = recent.get(url);
  const age = known ? Date.now() - known.at : Infinity;
  if (known && known.hash === null && age < REMEMBER_MISSING_MS) return null;
  // A remembered icon is reused only if its file is still there, claimed for this capture.
  if (known?.hash && age < REMEMBER_FOUND_MS && (await options.assets.keep(known.hash))) return known.hash;
  const maxBytes = Math.min(FAVICON_MAX_BYTES, options.limits?.maxBytes ?? FAVICON_MAX_BYTES, options.limits?.maxDecodedBytes ?? FAVICON_MAX_BYTES);
  const totalTimeoutMs = Math.min(FAVICON_TIMEOUT_MS, options.limits?.totalTimeoutMs ?? FAVICON_TIMEOUT_MS);
  const limits = { ...options.limits, maxBytes, maxDecodedBytes: maxBytes, totalTimeoutMs };
  const hash = (await downloadImage(url, { ...options, limits, retry: false }))?.hash ?? null;
  if (!options.signal?.aborted) remember(url, hash);
  return hash;
}

/** Forgets every remembered icon (tests start from nothing). */
export const forgetSiteIcons = (): void => recent.clear();
