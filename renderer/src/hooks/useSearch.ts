import { useEffect, useState } from 'react';
import type { SearchResult } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { ROW_HEIGHT } from '../components/ArticleList.tsx';

/** The rows a window this tall shows at once: their snippets come with the search. */
const rowsOnScreen = (): number => Math.min(50, Math.max(1, Math.ceil(window.innerHeight / ROW_HEIGHT)));

export interface SearchState {
  result: SearchResult | null;
  /** The query (trimmed) that `result` answers: the box may already say more. */
  resultQuery: string;
  searching: boolean;
  error: string | null;
}

/** Full-text search over the core's index, debounced while typing. */
export function useSearch(query: string, revision: number, delayMs = 150): SearchState {
  const [state, setState] = useState<SearchState>({ result: null, resultQuery: '', searching: false, error: null });

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setState({ result: null, resultQuery: '', searching: false, error: null });
      return;
    }
    let cancelled = false;
    setState((prev) => ({ ...prev, searching: true }));
    const timer = setTimeout(() => {
      call('search', q, 50, rowsOnScreen())
        .then((result) => !cancelled && setState({ result, resultQuery: q, searching: false, error: null }))
        .catch((err: unknown) => !cancelled && setState({ result: null, resultQuery: q, searching: false, error: errorMessage(err) }));
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, revision, delayMs]);

  return state;
}
