import { useCallback, useMemo } from 'react';
import type { Article, ArticleSummary } from '../../../electron/ipc/api.ts';
import type { BulkHandlers } from '../components/BulkActions.tsx';
import { call, errorMessage } from '../lib/bridge.ts';
import { copyText } from '../lib/clipboard.ts';
import { saveExport } from '../lib/saveExport.ts';
import type { ToastsState } from './useToasts.ts';

interface Deps {
  /** Applies an article the core returned to every view of it (list, reader, search). */
  afterChange: (summary: ArticleSummary) => void;
  setActionError: (message: string | null) => void;
  toasts: ToastsState;
  /** Undoable delete. */
  remove: (articles: ArticleSummary[]) => void;
  clearSelection: () => void;
}

const plural = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** Every action on articles, from a row, the reader, the selection, or a pasted link. */
export function useArticleActions({ afterChange, setActionError, toasts, remove, clearSelection }: Deps) {
  const { show } = toasts;

  const runAction = useCallback(
    (action: Promise<ArticleSummary>) => {
      setActionError(null);
      action.then(afterChange).catch((err: unknown) => setActionError(errorMessage(err)));
    },
    [afterChange, setActionError],
  );

  /** Sets one flag on many articles, with an Undo that puts each back as it was. */
  const setMany = useCallback(
    (articles: ArticleSummary[], flag: 'starred' | 'archived', value: boolean, done: string) => {
      const changed = articles.filter((a) => a[flag] !== value);
      if (changed.length === 0) return;
      const set = (a: ArticleSummary, v: boolean) => (flag === 'starred' ? call('setStarred', a.id, v) : call('setArchived', a.id, v));
      for (const a of changed) runAction(set(a, value));
      clearSelection();
      show({
        message: `${done} ${plural(changed.length, 'article')}`,
        action: { label: 'Undo', run: () => changed.forEach((a) => runAction(set(a, !value))) },
      });
    },
    [runAction, clearSelection, show],
  );

  const bulk: Omit<BulkHandlers, 'onClear'> = useMemo(
    () => ({
      onArchive: (articles) => {
        const value = !articles.every((a) => a.archived);
        setMany(articles, 'archived', value, value ? 'Archived' : 'Moved back to Unread:');
      },
      onStar: (articles) => {
        const value = !articles.every((a) => a.starred);
        setMany(articles, 'starred', value, value ? 'Starred' : 'Unstarred');
      },
      onTag: (articles, tags) => {
        for (const a of articles) runAction(call('addTags', a.id, tags));
        show({ message: `Tagged ${plural(articles.length, 'article')} “${tags.join('”, “')}”` });
      },
      onDelete: (articles) => {
        remove(articles);
        clearSelection();
      },
      onExport: (articles, format) => {
        setActionError(null);
        saveExport(
          format,
          articles.map((a) => a.id),
        ).then(
          (file) => show({ message: `Exported ${plural(file.count, 'article')} to ${file.name}` }),
          (err: unknown) => setActionError(`Could not export: ${errorMessage(err)}`),
        );
      },
    }),
    [setMany, runAction, show, remove, clearSelection, setActionError],
  );

  const rowActions = useMemo(
    () => ({
      onStar: (a: ArticleSummary) => runAction(call('setStarred', a.id, !a.starred)),
      onArchive: (a: ArticleSummary) => runAction(call('setArchived', a.id, !a.archived)),
      onRetry: (a: ArticleSummary) => runAction(call('retryArticle', a.id)),
      onCancel: (a: ArticleSummary) => runAction(call('cancelCapture', a.id)),
    }),
    [runAction],
  );

  const copyLink = useCallback(
    (article: Article) => {
      copyText(article.url).then(
        () => show({ message: 'Link copied' }),
        (err: unknown) => setActionError(`Could not copy the link: ${errorMessage(err)}`),
      );
    },
    [show, setActionError],
  );

  /** Saves a pasted or dropped link, and says so. */
  const saveLink = useCallback(
    (url: string) => {
      call('saveUrl', url).then(
        (saved) => {
          afterChange(saved);
          show({ message: saved.status === 'done' ? `Already saved: ${saved.title || url}` : `Saving ${url}` });
        },
        (err: unknown) => setActionError(`Could not save ${url}: ${errorMessage(err)}`),
      );
    },
    [afterChange, show, setActionError],
  );

  return { runAction, rowActions, bulk, copyLink, saveLink };
}
