import type { ListView } from '../../../electron/ipc/api.ts';

// Hash routes, so a reload (or a restart) comes back to the same screen without any
// server-side routing: #/unread, #/starred?tag=news, #/archive, #/all, #/read/<id>.

export type Route = { kind: 'list'; view: ListView; tag?: string } | { kind: 'reader'; id: string };

export const VIEWS: readonly { view: ListView; label: string }[] = [
  { view: 'unread', label: 'Unread' },
  { view: 'starred', label: 'Starred' },
  { view: 'archive', label: 'Archive' },
  { view: 'all', label: 'All' },
];

const isView = (value: string): value is ListView => VIEWS.some((v) => v.view === value);

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [head = '', ...rest] = path.split('/');
  if (head === 'read' && rest.length > 0) return { kind: 'reader', id: decodeURIComponent(rest.join('/')) };
  const tag = new URLSearchParams(query).get('tag')?.trim();
  const view = isView(head) ? head : 'unread';
  return tag ? { kind: 'list', view, tag } : { kind: 'list', view };
}

export function routeHref(route: Route): string {
  if (route.kind === 'reader') return `#/read/${encodeURIComponent(route.id)}`;
  return route.tag ? `#/${route.view}?${new URLSearchParams({ tag: route.tag })}` : `#/${route.view}`;
}

export function navigate(route: Route): void {
  const href = routeHref(route);
  if (location.hash !== href) location.hash = href;
}

/** Tags match the way the core matches them: trimmed, spaces collapsed, case- and width-blind. */
export const tagKey = (tag: string): string => tag.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
