// The site's small icon, shown beside its name in the reading list: the page's own
// <link rel="icon"> (also written "shortcut icon"), else its apple-touch-icon, else
// /favicon.ico at the page's origin, where browsers look when a page names none.

// A declared type we could not keep (the asset store sniffs the bytes anyway) rules a link out.
const KEPT_TYPE = /^image\/(?:png|x-icon|vnd\.microsoft\.icon|svg\+xml|gif|jpeg|webp|avif)$/;
const TOUCH_ICONS = ['apple-touch-icon', 'apple-touch-icon-precomposed'];
// The same inline images the image download stores.
const DATA_IMAGE = /^data:image\/[a-z+.-]+;base64,/i;
const UNKNOWN_SIZE = 10;
// 256 KB (the icon limit in site-icon.ts) as base64, and its header.
const MAX_DATA_URL = Math.ceil((256 * 1024 * 4) / 3) + 64;

/**
 * How far a `sizes` value is from list size: 0 for scalable ("any"), under 1 within 16–64 px
 * (32, sharp on high-density screens, best), growing with the distance outside that range.
 */
function sizePenalty(sizes: string | null): number {
  let best = Infinity;
  for (const token of (sizes ?? '').toLowerCase().split(/\s+/)) {
    if (token === 'any') return 0;
    const match = /^(\d+)x(\d+)$/.exec(token);
    if (!match) continue;
    const edge = Math.max(Number(match[1]), Number(match[2]));
    best = Math.min(best, edge < 16 ? UNKNOWN_SIZE + 16 - edge : edge > 64 ? UNKNOWN_SIZE + edge - 64 : Math.abs(edge - 32) / 32);
  }
  return best === Infinity ? UNKNOWN_SIZE : best;
}

/** Lower is better; null for a link that is not an icon we could show. */
function rank(link: Element): number | null {
  const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
  // Not "mask-icon": that is a one-colour silhouette for Safari's pinned tabs.
  const kind = rel.includes('icon') ? 0 : rel.some((word) => TOUCH_ICONS.includes(word)) ? 1 : null;
  if (kind === null) return null;
  const type = link.getAttribute('type')?.trim().toLowerCase();
  if (type && !KEPT_TYPE.test(type)) return null;
  // Touch icons are 180 px photos of the logo: any plain icon is closer to what a row shows.
  return kind * 1000 + sizePenalty(link.getAttribute('sizes'));
}

function iconUrl(href: string | null, base: string): string | null {
  const value = href?.trim();
  if (!value) return null;
  // An inline icon is kept only if it could be: base64 of at most the icon size limit.
  if (DATA_IMAGE.test(value)) return value.length <= MAX_DATA_URL ? value : null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The icon to fetch for a page: absolute http(s) (or base64 data:) URL, or null. */
export function faviconUrl(links: Element[], base: string, pageUrl: string): string | null {
  let best: { url: string; rank: number } | null = null;
  for (const link of links) {
    const score = rank(link);
    if (score === null || (best && best.rank <= score)) continue;
    const url = iconUrl(link.getAttribute('href'), base);
    if (url) best = { url, rank: score };
  }
  return best?.url ?? iconUrl('/favicon.ico', pageUrl);
}
