import type { ListSort, ListView } from '../../../electron/ipc/api.ts';

// Hash routes, so a reload (or a restart) comes back to the same screen without any
// server-side routing: #/unread, #/starred?tag=news, #/all?site=example.com&sort=title,
// #/read/<id>; a feed's articles at #/feed/<id> (unread) or #/feed/<id>?show=all.

export interface ListRoute {
  kind: 'list';
  view: ListView;
  tag?: string;
  site?: string;
  /** A feed's id: its articles only (view is then 'unread' or 'all'). */
  feed?: string;
  sort?: ListSort;
}
export type Route = ListRoute | { kind: 'reader'; id: string };

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

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [head = '', ...rest] = path.split('/');
  if (head === 'read' && rest.length > 0) return { kind: 'reader', id: decodeURIComponent(rest.join('/')) };
  const params = new URLSearchParams(query);
  const sort = params.get('sort');
  const sorted = isSort(sort) && sort !== 'newest' ? { sort } : {};
  if (head === 'feed' && rest.length > 0) {
    return { kind: 'list', view: params.get('show') === 'all' ? 'all' : 'unread', feed: decodeURIComponent(rest.join('/')), ...sorted };
  }
  const tag = params.get('tag')?.trim();
  const site = params.get('site')?.trim();
  return {
    kind: 'list',
    view: isView(head) ? head : 'unread',
    ...(tag ? { tag } : {}),
    ...(site ? { site } : {}),
    ...sorted,
  };
}

export function routeHref(route: Route): string {
  if (route.kind === 'reader') return `#/read/${encodeURIComponent(route.id)}`;
  const params = new URLSearchParams();
  if (route.feed) {
    if (route.view === 'all') params.set('show', 'all');
    if (route.sort && route.sort !== 'newest') params.set('sort', route.sort);
    const query = params.toString();
    return `#/feed/${encodeURIComponent(route.feed)}${query ? `?${query}` : ''}`;
  }
  if (route.tag) params.set('tag', route.tag);
  if (route.site) params.set('site', route.site);
  if (route.sort && route.sort !== 'newest') params.set('sort', route.sort);
  const query = params.toString();
  return `#/${route.view}${query ? `?${query}` : ''}`;
}

export function navigate(route: Route): void {
  const href = routeHref(route);
  if (location.hash !== href) location.hash = href;
}

export const sameList = (a: ListRoute, b: ListRoute): boolean => routeHref(a) === routeHref(b);

/** Tags match the way the core matches them: trimmed, spaces collapsed, case- and width-blind. */
export const tagKey = (tag: string): string => tag.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
