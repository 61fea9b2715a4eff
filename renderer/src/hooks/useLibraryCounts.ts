import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListView, SiteCount, TagCount } from '../../../electron/ipc/api.ts';
import { call, subscribe } from '../lib/bridge.ts';
import { VIEWS } from '../lib/route.ts';

export interface LibraryCounts {
  views: Partial<Record<ListView, number>>;
  tags: TagCount[];
  sites: SiteCount[];
  /** Re-reads everything (after an action the core reports no event for). */
  refresh: () => void;
}

/**
 * What the sidebar counts: each view, each tag, each site. Re-read after changes settle.
 * Counting waits for `ready` (the list's first page is in), so on a big library the counts
 * never hold up the first rows: the core answers calls one at a time.
 */
export function useLibraryCounts(ready: boolean, delayMs = 250): LibraryCounts {
  const [views, setViews] = useState<Partial<Record<ListView, number>>>({});
  const [tags, setTags] = useState<TagCount[]>([]);
  const [sites, setSites] = useState<SiteCount[]>([]);
  const alive = useRef(true);
  // Once started, counting keeps going while other lists load.
  const [started, setStarted] = useState(ready);
  useEffect(() => {
    if (ready) setStarted(true);
  }, [ready]);

  const refresh = useCallback(() => {
    // A one-row page answers with the view's total; the core counts with an index.
    for (const { view } of VIEWS) {
      call('listArticles', { view, limit: 1 })
        .then((page) => alive.current && setViews((prev) => (prev[view] === page.total ? prev : { ...prev, [view]: page.total })))
        .catch(() => undefined);
    }
    call('listTags')
      .then((value) => alive.current && setTags(value))
      .catch(() => undefined);
    call('listSites')
      .then((value) => alive.current && setSites(value))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!started) return;
    alive.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, delayMs);
    };
    refresh();
    const off = subscribe('articleChanged', schedule);
    return () => {
      alive.current = false;
      clearTimeout(timer);
      off();
    };
  }, [started, refresh, delayMs]);

  return { views, tags, sites, refresh };
}
