import { useCallback, useEffect, useRef, useState } from 'react';
import type { HighlightColor, HighlightQuery, HighlightWithArticle } from '../../../electron/ipc/api.ts';
import { call, errorMessage, subscribe } from '../lib/bridge.ts';

const PAGE_SIZE = 100;

export interface HighlightListState {
  items: HighlightWithArticle[];
  total: number;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
}

interface ListData {
  items: HighlightWithArticle[];
  total: number;
  cursor: string | null;
}

export interface HighlightFilter {
  tag?: string | undefined;
  color?: HighlightColor | undefined;
}

interface HighlightEvents {
  /** Some highlight was added, changed or deleted. */
  highlights: boolean;
  /** Articles that changed ('*': many at once). */
  articles: Set<string>;
}

/** Calls `onChange` (coalesced over `delayMs`) when highlights, or articles, change. */
function useHighlightEvents(onChange: (events: HighlightEvents) => void, delayMs: number): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let pending: HighlightEvents = { highlights: false, articles: new Set() };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const events = pending;
      pending = { highlights: false, articles: new Set() };
      timer = undefined;
      latest.current(events);
    };
    const offHighlights = subscribe('highlightsChanged', () => {
      pending.highlights = true;
      timer ??= setTimeout(flush, delayMs);
    });
    // An article's title, tags or deletion changes what its highlights show (or whether they show).
    const offArticles = subscribe('articleChanged', ({ id }) => {
      pending.articles.add(id);
      timer ??= setTimeout(flush, delayMs);
    });
    return () => {
      offHighlights();
      offArticles();
      clearTimeout(timer);
    };
  }, [delayMs]);
}

/**
 * The Highlights view's list, newest first, paged with the core's keyset cursor. A change
 * re-reads as many rows as are loaded (from the top, a page at a time), so the place in a long
 * list is kept.
 */
export function useHighlightList({ tag, color }: HighlightFilter, delayMs = 150): HighlightListState {
  const [data, setData] = useState<ListData>({ items: [], total: 0, cursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Answers that arrive after the filter changed (or a newer re-read began) are dropped.
  const generation = useRef(0);
  const loaded = useRef(0);
  loaded.current = data.items.length;

  const readFromTop = useCallback(
    async (atLeast: number, gen: number) => {
      const query: HighlightQuery = { ...(tag ? { tag } : {}), ...(color ? { color } : {}) };
      let page = await call('browseHighlights', { ...query, limit: PAGE_SIZE });
      const items = [...page.items];
      while (page.nextCursor && items.length < atLeast && gen === generation.current) {
        page = await call('browseHighlights', { ...query, cursor: page.nextCursor, limit: PAGE_SIZE });
        items.push(...page.items);
      }
      if (gen !== generation.current) return;
      setData({ items, total: page.total, cursor: page.nextCursor });
      setError(null);
    },
    [tag, color],
  );

  const run = useCallback(
    (atLeast: number) => {
      const gen = ++generation.current;
      setLoading(true);
      readFromTop(atLeast, gen)
        .catch((err: unknown) => gen === generation.current && setError(errorMessage(err)))
        .finally(() => gen === generation.current && setLoading(false));
    },
    [readFromTop],
  );

  useEffect(() => {
    setData({ items: [], total: 0, cursor: null });
    run(0);
  }, [run]);

  const loadMore = useCallback(() => {
    if (!data.cursor || loading) return;
    const gen = ++generation.current;
    const cursor = data.cursor;
    setLoading(true);
    call('browseHighlights', { ...(tag ? { tag } : {}), ...(color ? { color } : {}), cursor, limit: PAGE_SIZE })
      .then((page) => {
        if (gen !== generation.current) return;
        setData((prev) => {
          if (prev.cursor !== cursor) return prev;
          const seen = new Set(prev.items.map((item) => item.highlight.id));
          return { items: [...prev.items, ...page.items.filter((item) => !seen.has(item.highlight.id))], total: page.total, cursor: page.nextCursor };
        });
      })
      .catch((err: unknown) => gen === generation.current && setError(errorMessage(err)))
      .finally(() => gen === generation.current && setLoading(false));
  }, [data.cursor, loading, tag, color]);

  // Any change to a highlight can move it into this list; an article's change matters only
  // when its highlights are shown (or when many changed at once).
  const items = data.items;
  useHighlightEvents(({ highlights, articles }) => {
    const shown = (id: string) => id === '*' || items.some((item) => item.article.id === id);
    if (highlights || [...articles].some(shown)) run(loaded.current);
  }, delayMs);

  return { items, total: data.total, loading, error, hasMore: data.cursor !== null, loadMore };
}

/** How many highlights the library holds, for the sidebar; counted once `ready` (the first list page is in). */
export function useHighlightCount(ready: boolean, delayMs = 300): number | undefined {
  const [count, setCount] = useState<number | undefined>(undefined);
  const [started, setStarted] = useState(ready);
  useEffect(() => {
    if (ready) setStarted(true);
  }, [ready]);

  useEffect(() => {
    if (!started) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      timer = undefined;
      call('browseHighlights', { limit: 1 })
        .then((page) => alive && setCount(page.total))
        .catch(() => undefined);
    };
    const schedule = () => {
      timer ??= setTimeout(read, delayMs);
    };
    read();
    const offHighlights = subscribe('highlightsChanged', schedule);
    // A deleted article takes its highlights with it.
    const offArticles = subscribe('articleChanged', ({ deleted, id }) => (deleted || id === '*') && schedule());
    return () => {
      alive = false;
      clearTimeout(timer);
      offHighlights();
      offArticles();
    };
  }, [started, delayMs]);

  return count;
}
