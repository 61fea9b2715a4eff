import { useCallback, useEffect, useRef, useState } from 'react';
import type { Highlight, HighlightChange, HighlightInput } from '../../../electron/ipc/api.ts';
import { call, errorMessage, subscribe } from '../lib/bridge.ts';
import type { ToastsState } from './useToasts.ts';

export interface HighlightsState {
  highlights: Highlight[];
  error: string | null;
  add: (input: HighlightInput) => Promise<Highlight | null>;
  update: (id: string, change: HighlightChange) => void;
  /** Deletes at once; the toast's Undo restores it. */
  remove: (highlight: Highlight) => void;
}

const shortQuote = (quote: string) => (quote.length > 40 ? `${quote.slice(0, 40).trimEnd()}…` : quote);

/** One article's highlights, kept in step with the core (its highlightsChanged event). */
export function useHighlights(articleId: string | null, toasts?: ToastsState): HighlightsState {
  const [highlights, setHighlights] = useState<Highlight[]>([]);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(articleId);
  current.current = articleId;

  const reload = useCallback(() => {
    if (!articleId) return;
    call('listHighlights', articleId)
      .then((list) => {
        if (current.current === articleId) setHighlights(list);
      })
      .catch((err: unknown) => {
        if (current.current === articleId) setError(errorMessage(err));
      });
  }, [articleId]);

  useEffect(() => {
    setHighlights([]);
    setError(null);
    reload();
    if (!articleId) return;
    return subscribe('highlightsChanged', (payload) => {
      if (payload.articleId === articleId) reload();
    });
  }, [articleId, reload]);

  const replace = useCallback((changed: Highlight) => {
    // An answer that comes after another article opened (an Undo from the toast) is not this one's.
    if (changed.articleId !== current.current) return;
    setHighlights((prev) => {
      const at = prev.findIndex((h) => h.id === changed.id);
      if (at === -1) return [...prev, changed];
      const next = [...prev];
      next[at] = changed;
      return next;
    });
  }, []);

  const fail = useCallback((what: string) => (err: unknown) => setError(`Could not ${what}: ${errorMessage(err)}`), []);

  const add = useCallback(
    async (input: HighlightInput) => {
      if (!articleId) return null;
      setError(null);
      try {
        const added = await call('addHighlight', articleId, input);
        replace(added);
        return added;
      } catch (err) {
        fail('highlight')(err);
        return null;
      }
    },
    [articleId, replace, fail],
  );

  const update = useCallback(
    (id: string, change: HighlightChange) => {
      setError(null);
      call('updateHighlight', id, change).then(replace, fail('change the highlight'));
    },
    [replace, fail],
  );

  const show = toasts?.show;
  const remove = useCallback(
    (highlight: Highlight) => {
      setError(null);
      setHighlights((prev) => prev.filter((h) => h.id !== highlight.id));
      call('deleteHighlight', highlight.id).then(() => {
        show?.({
          message: `Deleted highlight “${shortQuote(highlight.quote)}”`,
          action: { label: 'Undo', run: () => void call('restoreHighlight', highlight.id).then(replace, fail('restore the highlight')) },
        });
      }, (err: unknown) => {
        fail('delete the highlight')(err);
        reload();
      });
    },
    [show, replace, fail, reload],
  );

  return { highlights, error, add, update, remove };
}
