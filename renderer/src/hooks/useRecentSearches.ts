import { useCallback, useState } from 'react';

const KEY = 'lectern.recentSearches';
const MAX = 10;

function load(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((q): q is string => typeof q === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

/** The last ten searches, newest first, kept in this window's local storage. */
export function useRecentSearches(): { recent: string[]; remember: (query: string) => void; clear: () => void } {
  const [recent, setRecent] = useState(load);
  const store = (next: string[]) => {
    setRecent(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Storage full or unavailable: the list still works for this session.
    }
  };
  const remember = useCallback((query: string) => {
    const q = query.trim().replace(/\s+/g, ' ');
    if (!q) return;
    store([q, ...load().filter((r) => r !== q)].slice(0, MAX));
  }, []);
  const clear = useCallback(() => store([]), []);
  return { recent, remember, clear };
}
