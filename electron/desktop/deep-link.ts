// lectern://save?url=… links: a browser bookmarklet opens one to save the page it is on. The
// operating system hands the link to the app on its command line (Windows, Linux, and to a
// second launch everywhere) or through 'open-url' (macOS). Anything can open such a link, so
// it is checked here before the core sees it.

export const DEEP_LINK_SCHEME = 'lectern:';
/** The longest link considered at all (Windows caps a command line near 32 K). */
export const MAX_LINK_LENGTH = 32_000;
/** The same cap the core's saveUrl puts on an address. */
export const MAX_SAVED_URL_LENGTH = 8192;

export type DeepLink = { ok: true; url: string } | { ok: false; reason: string };

const refuse = (reason: string): DeepLink => ({ ok: false, reason });

/** The address a lectern://save link asks to save, or why it is refused. */
export function parseDeepLink(link: string): DeepLink {
  if (link.length > MAX_LINK_LENGTH) return refuse('The link is too long.');
  if (!URL.canParse(link)) return refuse('Not a link.');
  const parsed = new URL(link);
  if (parsed.protocol !== DEEP_LINK_SCHEME) return refuse('Not a lectern:// link.');
  // lectern://app is the app's own page, not an action; only "save" is.
  if (parsed.hostname !== 'save' || !['', '/'].includes(parsed.pathname)) return refuse('Lectern links can only save a page.');
  const urls = parsed.searchParams.getAll('url');
  if (urls.length !== 1) return refuse('The link must name exactly one page to save.');
  const url = (urls[0] ?? '').trim();
  if (url.length === 0) return refuse('The link names no page.');
  if (url.length > MAX_SAVED_URL_LENGTH) return refuse('The page address is too long.');
  if (!URL.canParse(url)) return refuse('The page address is not a web address.');
  const page = new URL(url);
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return refuse('Only http and https pages can be saved.');
  // A bookmarklet sends location.href; a name and password in it are nothing to keep.
  if (page.username || page.password) return refuse('Page addresses with a user name or password are not saved.');
  return { ok: true, url: page.href };
}

/**
 * The lectern:// link among a launch's arguments, if any. Chromium may add switches before or
 * after it, so it is found by its scheme rather than its position.
 */
export function findDeepLink(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.slice(0, DEEP_LINK_SCHEME.length).toLowerCase() === DEEP_LINK_SCHEME) ?? null;
}
