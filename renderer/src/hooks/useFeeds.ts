import { useCallback, useEffect, useRef, useState } from 'react';
import type { Feed } from '../../../electron/ipc/api.ts';
import { call, errorMessage, subscribe } from '../lib/bridge.ts';

export interface FeedsState {
  feeds: Feed[];
  /** True once the first list is in (so a feed's page can tell "unknown id" from "loading"). */
  loaded: boolean;
  error: string | null;
  reload: () => void;
  byId: (id: string | undefined) => Feed | undefined;
}

/**
 * The subscribed feeds with their unread counts. Re-read when the core says feeds changed, and
 * when articles did (archiving one changes its feed's count), coalesced over `delayMs`.
 */
export function useFeeds(delayMs = 200): FeedsState {
  const [feeds, setFeeds] = useState<Feed[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  // Answers can cross: only the latest request may set the list.
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    call('listFeeds')
      .then((value) => {
        if (!alive.current || gen !== generation.current) return;
        setFeeds(value);
        setLoaded(true);
        setError(null);
      })
      .catch((err: unknown) => alive.current && gen === generation.current && setError(errorMessage(err)));
  }, []);

  useEffect(() => {
    alive.current = true;
    // At most one read per `delayMs`, and always one after the last change: a long burst of
    // captures still updates the counts as it goes.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        reload();
      }, delayMs);
    };
    reload();
    const offFeeds = subscribe('feedsChanged', schedule);
    const offArticles = subscribe('articleChanged', schedule);
    return () => {
      alive.current = false;
      clearTimeout(timer);
      offFeeds();
      offArticles();
    };
  }, [reload, delayMs]);

  const byId = useCallback((id: string | undefined) => (id === undefined ? undefined : feeds.find((f) => f.id === id)), [feeds]);
  return { feeds, loaded, error, reload, byId };
}
