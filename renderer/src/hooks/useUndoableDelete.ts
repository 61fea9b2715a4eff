import { useCallback, useRef, useState } from 'react';
import type { ArticleSummary } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import type { ToastsState } from './useToasts.ts';

interface Options {
  toasts: ToastsState;
  /** Takes the articles out of what is shown, at once. */
  hide: (ids: string[]) => void;
  /** Puts them back (Undo), re-read from the core. */
  restore: (ids: string[]) => void;
  onError: (message: string) => void;
}

export interface UndoableDelete {
  remove: (articles: ArticleSummary[]) => void;
  /** Articles deleted but still undoable: hidden everywhere, and live updates for them ignored. */
  pending: ReadonlySet<string>;
}

/** Delete with Undo: the rows go at once, the core deletes only when the toast expires. */
export function useUndoableDelete({ toasts, hide, restore, onError }: Options): UndoableDelete {
  const pending = useRef(new Set<string>());
  const [pendingState, setPendingState] = useState<ReadonlySet<string>>(new Set());
  const sync = useCallback(() => setPendingState(new Set(pending.current)), []);
  const { show } = toasts;

  const remove = useCallback(
    (articles: ArticleSummary[]) => {
      const ids = articles.map((a) => a.id).filter((id) => !pending.current.has(id));
      if (ids.length === 0) return;
      for (const id of ids) pending.current.add(id);
      sync();
      hide(ids);
      const first = articles[0]!;
      show({
        message: ids.length === 1 ? `Deleted “${first.title || first.url}”` : `Deleted ${ids.length} articles`,
        action: {
          label: 'Undo',
          run: () => {
            for (const id of ids) pending.current.delete(id);
            sync();
            restore(ids);
          },
        },
        onExpire: () => {
          Promise.all(ids.map((id) => call('deleteArticle', id)))
            .catch((err: unknown) => onError(`Could not delete: ${errorMessage(err)}`))
            .finally(() => {
              for (const id of ids) pending.current.delete(id);
              sync();
            });
        },
      });
    },
    [show, hide, restore, onError, sync],
  );

  return { remove, pending: pendingState };
}
