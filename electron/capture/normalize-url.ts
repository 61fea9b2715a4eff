import { CaptureError } from './capture-error.ts';

// Query parameters that only identify where a click came from. Dropping them makes the same
// article saved from two newsletters the same URL.
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'li_fat_id', 'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid', 'rb_clickid', 's_cid', 'ncid', 'sr_share',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

const isTrackingParam = (name: string): boolean => {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
};

/** Parses an absolute http(s) URL; anything else is not something we can save. */
export function parseWebUrl(input: string): URL {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new CaptureError('invalid-url', `“${trimmed.slice(0, 200)}” is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CaptureError('invalid-url', `“${trimmed.slice(0, 200)}” is not a web address (only http and https pages can be saved).`);
  }
  if (!url.hostname) throw new CaptureError('invalid-url', `“${trimmed.slice(0, 200)}” is not a web address.`);
  return url;
}

/**
 * The canonical form we store and de-duplicate on: http(s) only, host lowercased (URL does that),
 * default port and fragment dropped, click-tracking parameters removed, other parameters kept
 * in their original order.
 */
export function normalizeUrl(input: string): string {
  const url = parseWebUrl(input);
  url.hash = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  if (kept.length !== [...url.searchParams].length) {
    url.search = kept.length === 0 ? '' : new URLSearchParams(kept).toString();
  }
  if (!url.search) url.search = ''; // drops a bare trailing "?"
  return url.href;
}

/** normalizeUrl for values found inside pages (canonical links): null instead of throwing. */
export function tryNormalizeUrl(input: string | null | undefined, base?: string): string | null {
  if (!input) return null;
  try {
    return normalizeUrl(base ? new URL(input.trim(), base).href : input);
  } catch {
    return null;
  }
}
