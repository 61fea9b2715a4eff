import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchResult } from '../../../electron/ipc/api.ts';
import { call } from '../lib/bridge.ts';

export interface SearchSnippets {
  /** Every snippet known for the current result, by article id. */
  snippets: Map<string, string> | undefined;
  /** The list rendered these rows: fetch the snippets the search did not make for them. */
  rowsShown: (ids: readonly string[]) => void;
}

/**
 * A search makes snippets only for the first screenful (each costs a body's decompression);
 * rows rendered later, by scrolling or a taller window, get theirs in one call per frame.
 * `query` is the one that made `result` (the box may already say more), so marks match.
 */
export function useSearchSnippets(query: string, result: SearchResult | null): SearchSnippets {
  const [fetched, setFetched] = useState<{ result: SearchResult | null; snippets: Map<string, string> }>({ result, snippets: new Map() });
  const asked = useRef<{ result: SearchResult | null; ids: Set<string> }>({ result, ids: new Set() });
  const waiting = useRef<Set<string>>(new Set());
  const frame = useRef(0);
  const current = useRef({ query, result });
  current.current = { query, result };

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const rowsShown = useCallback((ids: readonly string[]) => {
    const { result: shownResult } = current.current;
    if (!shownResult) return;
    if (asked.current.result !== shownResult) asked.current = { result: shownResult, ids: new Set() };
    const missing = new Set(shownResult.hits.filter((hit) => hit.snippet === null).map((hit) => hit.article.id));
    for (const id of ids) if (missing.has(id) && !asked.current.ids.has(id)) waiting.current.add(id);
    if (waiting.current.size === 0 || frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const { query: q, result: r } = current.current;
      const batch = [...waiting.current].filter((id) => !asked.current.ids.has(id));
      waiting.current = new Set();
      if (!r || r !== asked.current.result || batch.length === 0) return;
      for (const id of batch) asked.current.ids.add(id);
      call('searchSnippets', q, batch)
        .then((got) => {
          // A reply for a result no longer shown must not replace the current one's snippets.
          if (current.current.result !== r) return;
          setFetched((prev) => {
            const base = prev.result === r ? prev.snippets : new Map<string, string>();
            return { result: r, snippets: new Map([...base, ...Object.entries(got)]) };
          });
        })
        // A row keeps its excerpt when its snippet cannot be had; it may be asked again later.
        .catch(() => batch.forEach((id) => asked.current.ids.delete(id)));
    });
  }, []);

  const snippets = useMemo(() => {
    if (!result) return undefined;
    const map = new Map<string, string>();
    for (const hit of result.hits) if (hit.snippet !== null) map.set(hit.article.id, hit.snippet);
    if (fetched.result === result) for (const [id, snippet] of fetched.snippets) map.set(id, snippet);
    return map;
  }, [result, fetched]);

  return { snippets, rowsShown };
}
