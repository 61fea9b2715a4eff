// Finding a site's feed from its address: the feeds its page advertises, the paths feeds usually
// live at, and a sniff to tell a fetched feed from the HTML page a missing one returns.
import { parseHTML } from 'linkedom';
import { decodeFeedBytes, rootElementName } from './feed-text.ts';
import { webUrl } from './feed-values.ts';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json', 'application/json']);

const mimeOf = (type: string | null | undefined): string => (type ?? '').split(';')[0]!.trim().toLowerCase();

export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  let links: Element[];
  let baseHref: string | null;
  try {
    const { document } = parseHTML(html);
    links = [...document.querySelectorAll('link[href]')];
    baseHref = document.querySelector('base[href]')?.getAttribute('href') ?? null;
  } catch {
    return [];
  }
  // <base href> may itself be relative (to the page); a broken one is ignored, as browsers do.
  const base = webUrl(baseHref, pageUrl) ?? pageUrl;
  const found = new Set<string>();
  for (const link of links) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = mimeOf(link.getAttribute('type'));
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = webUrl(link.getAttribute('href'), base);
    // WordPress advertises its REST API as an application/json alternate: not a JSON Feed.
    if (!url || (type === 'application/json' && new URL(url).pathname.includes('/wp-json/'))) continue;
    found.add(url);
  }
  return [...found];
}

/** Where feeds usually are, most common first (WordPress, Ghost, Jekyll/Hugo, Blogger, JSON Feed). */
const COMMON_PATHS = ['/feed', '/rss', '/feed.xml', '/atom.xml', '/rss.xml', '/index.xml', '/feed.json', '/?feed=rss2', '/feeds/posts/default', '/atom', '/index.rss'];

export function commonFeedUrls(pageUrl: string): string[] {
  const page = webUrl(pageUrl, null);
  if (!page) return [];
  const { origin, pathname } = new URL(page);
  const urls = COMMON_PATHS.map((path) => new URL(path, origin).href);
  // A blog in a folder of its site (example.com/blog/) keeps its feed there too.
  const folder = pathname.split('/').find((segment) => segment.length > 0 && !segment.includes('.'));
  if (folder) urls.push(...['/feed', '/rss.xml', '/index.xml', '/atom.xml'].map((path) => new URL(`/${folder}${path}`, origin).href));
  return [...new Set(urls)];
}

const FEED_MIME = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json']);
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf']);
const SNIFF_BYTES = 4096;

export function looksLikeFeed(body: Uint8Array, contentType: string | null): boolean {
  const mime = mimeOf(contentType);
  if (FEED_MIME.has(mime)) return true;
  if (mime.startsWith('image/') || mime.startsWith('audio/') || mime.startsWith('video/') || mime === 'application/pdf') return false;
  const head = decodeFeedBytes(body.subarray(0, SNIFF_BYTES), contentType).text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) {
    // JSON Feed names itself in "version", wherever that key happens to sit in the object.
    return decodeFeedBytes(body, contentType).text.includes('jsonfeed.org/version');
  }
  // Feeds served as text/html or text/plain are common: the root element decides, not the type.
  const root = rootElementName(head)?.toLowerCase().replace(/^[^:]*:/, '');
  return root !== undefined && FEED_ROOTS.has(root);
}
