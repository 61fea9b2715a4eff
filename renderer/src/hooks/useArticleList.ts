import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary, ListPage, ListQuery, ListSort, ListView } from '../../../electron/ipc/api.ts';
import { ApiCallError, call, errorMessage } from '../lib/bridge.ts';
import { tagKey } from '../lib/route.ts';

const PAGE_SIZE = 200;

export interface ArticleListState {
  items: ArticleSummary[];
  total: number;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  /** Puts one article (as the core returned it) where it now belongs, or takes it out. */
  applySummary: (summary: ArticleSummary) => void;
  /** Re-reads just these articles after a live update, never the whole list. */
  applyChanges: (ids: Iterable<string>) => void;
  /** Reads the list again from the first page (after many articles changed at once). */
  reload: () => void;
  /** Takes articles out of the list at once (a delete waiting for its undo to expire). */
  hide: (ids: Iterable<string>) => void;
}

interface ListData {
  items: ArticleSummary[];
  total: number;
  cursor: string | null;
}

export interface ListFilter {
  view: ListView;
  tag?: string | undefined;
  site?: string | undefined;
  feed?: string | undefined;
  sort?: ListSort | undefined;
}

/** The site key the core filters on: the URL's host without www. */
const hostOf = (url: string): string | null => (URL.canParse(url) ? new URL(url).hostname.toLowerCase().replace(/^www\./, '') : null);

/** Mirrors the core's filters, so a changed article can be placed without a reload. */
function belongsTo({ view, tag, site }: ListFilter, article: ArticleSummary): boolean {
  if (tag !== undefined && !article.tags.some((t) => tagKey(t) === tagKey(tag))) return false;
  if (site !== undefined && hostOf(article.url) !== site.toLowerCase().replace(/^www\./, '')) return false;
  switch (view) {
    case 'unread':
      return !article.archived;
    case 'archive':
      return article.archived;
    case 'starred':
      return article.starred;
    case 'all':
      return true;
  }
}

/** The core's sort orders (ties, which the core breaks by row id, land near enough). */
const SORTS_BEFORE: Record<ListSort, (a: ArticleSummary, b: ArticleSummary) => boolean> = {
  newest: (a, b) => a.createdAt > b.createdAt,
  oldest: (a, b) => a.createdAt < b.createdAt,
  longest: (a, b) => a.wordCount > b.wordCount,
  shortest: (a, b) => a.wordCount < b.wordCount,
  published: (a, b) => (a.publishedAt ?? a.createdAt) > (b.publishedAt ?? b.createdAt),
  title: (a, b) => a.title.toLowerCase() < b.title.toLowerCase(),
};

function place(data: ListData, filter: ListFilter, article: ArticleSummary | null, id: string): ListData {
  const index = data.items.findIndex((item) => item.id === id);
  // A summary does not say which feed it came from: a feed's list keeps the rows it has and
  // takes in new ones only by reloading (a refresh reports them as many changes at once).
  const member = article !== null && belongsTo(filter, article) && (filter.feed === undefined || index >= 0);
  if (index >= 0 && member) {
    const items = data.items.slice();
    items[index] = article;
    return { ...data, items };
  }
  if (index >= 0) return { ...data, items: data.items.filter((item) => item.id !== id), total: Math.max(0, data.total - 1) };
  if (!member) return data;
  const sortsBefore = SORTS_BEFORE[filter.sort ?? 'newest'];
  const at = data.items.findIndex((item) => sortsBefore(article, item));
  // Past the loaded rows it is simply counted; paging will bring it in order.
  if (at < 0 && data.cursor !== null) return { ...data, total: data.total + 1 };
  const items = data.items.slice();
  items.splice(at < 0 ? items.length : at, 0, article);
  return { ...data, items, total: data.total + 1 };
}

/** One view of the reading list, paged with the core's keyset cursor. */
export function useArticleList({ view, tag, site, feed, sort }: ListFilter): ArticleListState {
  const [data, setData] = useState<ListData>({ items: [], total: 0, cursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Answers that arrive after the view changed belong to another list and are dropped.
  const generation = useRef(0);
  const [revision, setRevision] = useState(0);
  const query: ListQuery = useMemo(
    () => ({ view, ...(tag ? { tag } : {}), ...(site ? { site } : {}), ...(feed ? { feed } : {}), sort: sort ?? 'newest' }),
    [view, tag, site, feed, sort],
  );
  const filter: ListFilter = query;

  useEffect(() => {
    const gen = ++generation.current;
    setData({ items: [], total: 0, cursor: null });
    setLoading(true);
    call('listArticles', { ...query, limit: PAGE_SIZE })
      .then((page: ListPage) => {
        if (gen !== generation.current) return;
        setData({ items: page.items, total: page.total, cursor: page.nextCursor });
        setError(null);
      })
      .catch((err: unknown) => gen === generation.current && setError(errorMessage(err)))
      .finally(() => gen === generation.current && setLoading(false));
  }, [query, revision]);

  const loadMore = useCallback(() => {
    if (!data.cursor || loading) return;
    const gen = generation.current;
    const cursor = data.cursor;
    setLoading(true);
    call('listArticles', { ...query, cursor, limit: PAGE_SIZE })
      .then((page) => {
        if (gen !== generation.current) return;
        setData((prev) => {
          if (prev.cursor !== cursor) return prev;
          // A live insert may already hold one of these rows.
          const seen = new Set(prev.items.map((item) => item.id));
          return { items: [...prev.items, ...page.items.filter((item) => !seen.has(item.id))], total: page.total, cursor: page.nextCursor };
        });
      })
      .catch((err: unknown) => gen === generation.current && setError(errorMessage(err)))
      .finally(() => gen === generation.current && setLoading(false));
  }, [data.cursor, loading, query]);

  const applySummary = useCallback(
    (summary: ArticleSummary) => setData((prev) => place(prev, filter, summary, summary.id)),
    [filter],
  );

  const applyChanges = useCallback(
    (ids: Iterable<string>) => {
      const gen = generation.current;
      for (const id of ids) {
        call('getArticle', id)
          .then(({ html: _html, lang: _lang, dir: _dir, note: _note, ...summary }) => {
            if (gen === generation.current) setData((prev) => place(prev, filter, summary, id));
          })
          .catch((err: unknown) => {
            if (gen !== generation.current) return;
            if (err instanceof ApiCallError && err.code === 'not-found') setData((prev) => place(prev, filter, null, id));
          });
      }
    },
    [filter],
  );

  const hide = useCallback(
    (ids: Iterable<string>) => setData((prev) => [...ids].reduce((d, id) => place(d, filter, null, id), prev)),
    [filter],
  );

  return {
    items: data.items,
    total: data.total,
    loading,
    error,
    hasMore: data.cursor !== null,
    loadMore,
    applySummary,
    applyChanges,
    hide,
    reload: useCallback(() => setRevision((n) => n + 1), []),
  };
}
