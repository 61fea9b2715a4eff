import type { HighlightColor, ListSort, ListView } from '../../../electron/ipc/api.ts';
import { HIGHLIGHT_COLORS } from '../../../electron/shared/highlight.ts';

// Hash routes, so a reload (or a restart) comes back to the same screen without any
// server-side routing: #/unread, #/starred?tag=news, #/all?site=example.com&sort=title,
// #/read/<id> (#/read/<id>?highlight=<id> opens it at a highlight); a feed's articles at
// #/feed/<id> (unread) or #/feed/<id>?show=all; highlights across the library at
// #/highlights?tag=news&color=yellow.

export interface ListRoute {
  kind: 'list';
  view: ListView;
  tag?: string;
  site?: string;
  /** A feed's id: its articles only (view is then 'unread' or 'all'). */
  feed?: string;
  sort?: ListSort;
}
export interface ReaderRoute {
  kind: 'reader';
  id: string;
  /** A highlight to scroll to once the article is shown. */
  highlight?: string;
}
export interface HighlightsRoute {
  kind: 'highlights';
  tag?: string;
  color?: HighlightColor;
}
export type Route = ListRoute | ReaderRoute | HighlightsRoute;
/** A screen the reader goes back to. */
export type HomeRoute = ListRoute | HighlightsRoute;

export const VIEWS: readonly { view: ListView; label: string }[] = [
  { view: 'unread', label: 'Unread' },
  { view: 'starred', label: 'Starred' },
  { view: 'archive', label: 'Archive' },
  { view: 'all', label: 'All' },
];

export const SORTS: readonly { sort: ListSort; label: string }[] = [
  { sort: 'newest', label: 'Newest saved' },
  { sort: 'oldest', label: 'Oldest saved' },
  { sort: 'longest', label: 'Longest' },
  { sort: 'shortest', label: 'Shortest' },
  { sort: 'published', label: 'Recently published' },
  { sort: 'title', label: 'Title (A–Z)' },
];

const isView = (value: string): value is ListView => VIEWS.some((v) => v.view === value);
const isSort = (value: string | null): value is ListSort => SORTS.some((s) => s.sort === value);
const isColor = (value: string | null): value is HighlightColor => (HIGHLIGHT_COLORS as readonly (string | null)[]).includes(value);

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [head = '', ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  if (head === 'read' && rest.length > 0) {
    const highlight = params.get('highlight');
    return { kind: 'reader', id: decodeURIComponent(rest.join('/')), ...(highlight ? { highlight } : {}) };
  }
  const tag = params.get('tag')?.trim();
  if (head === 'highlights') {
    const color = params.get('color');
    return { kind: 'highlights', ...(tag ? { tag } : {}), ...(isColor(color) ? { color } : {}) };
  }
  const sort = params.get('sort');
  const sorted = isSort(sort) && sort !== 'newest' ? { sort } : {};
  if (head === 'feed' && rest.length > 0) {
    return { kind: 'list', view: params.get('show') === 'all' ? 'all' : 'unread', feed: decodeURIComponent(rest.join('/')), ...sorted };
  }
  const site = params.get('site')?.trim();
  return {
    kind: 'list',
    view: isView(head) ? head : 'unread',
    ...(tag ? { tag } : {}),
    ...(site ? { site } : {}),
    ...sorted,
  };
}

const withQuery = (path: string, params: URLSearchParams): string => {
  const query = params.toString();
  return `${path}${query ? `?${query}` : ''}`;
};

export function routeHref(route: Route): string {
  const params = new URLSearchParams();
  if (route.kind === 'reader') {
    if (route.highlight) params.set('highlight', route.highlight);
    return withQuery(`#/read/${encodeURIComponent(route.id)}`, params);
  }
  if (route.kind === 'highlights') {
    if (route.tag) params.set('tag', route.tag);
    if (route.color) params.set('color', route.color);
    return withQuery('#/highlights', params);
  }
  if (route.feed) {
    if (route.view === 'all') params.set('show', 'all');
    if (route.sort && route.sort !== 'newest') params.set('sort', route.sort);
    return withQuery(`#/feed/${encodeURIComponent(route.feed)}`, params);
  }
  if (route.tag) params.set('tag', route.tag);
  if (route.site) params.set('site', route.site);
  if (route.sort && route.sort !== 'newest') params.set('sort', route.sort);
  return withQuery(`#/${route.view}`, params);
}

export function navigate(route: Route): void {
  const href = routeHref(route);
  if (location.hash !== href) location.hash = href;
}

export const sameList = (a: ListRoute, b: ListRoute): boolean => routeHref(a) === routeHref(b);

/** Tags match the way the core matches them: trimmed, spaces collapsed, case- and width-blind. */
export const tagKey = (tag: string): string => tag.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
