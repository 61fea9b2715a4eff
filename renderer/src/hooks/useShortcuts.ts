import type { Dispatch, RefObject, SetStateAction } from 'react';
import type { Article, ArticleSummary } from '../../../electron/ipc/api.ts';
import type { RowActions } from '../components/ArticleRow.tsx';
import type { ReaderActions } from '../components/ReaderToolbar.tsx';
import { navigate } from '../lib/route.ts';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';
import type { PreferencesState } from './usePreferences.ts';
import type { SelectionState } from './useSelection.ts';

interface Deps {
  readerId: string | null;
  article: Article | null;
  shown: ArticleSummary[];
  selectedIndex: number;
  setSelectedIndex: Dispatch<SetStateAction<number>>;
  setFocusRequest: Dispatch<SetStateAction<number>>;
  selection: SelectionState;
  searching: boolean;
  display: PreferencesState;
  searchRef: RefObject<HTMLInputElement | null>;
  addUrlRef: RefObject<HTMLInputElement | null>;
  /** The reader's tag box, or the selection's. */
  tagInputRef: RefObject<HTMLInputElement | null>;
  rowActions: RowActions;
  readerActions: ReaderActions;
  onBack: () => void;
  clearSearch: () => void;
  openHelp: () => void;
  deleteArticles: (articles: ArticleSummary[]) => void;
}

const focusField = (ref: RefObject<HTMLInputElement | null>) => {
  ref.current?.focus();
  ref.current?.select();
};

/** What each shortcut does on the current screen. */
export function useShortcuts(d: Deps): void {
  const current = d.readerId ? d.article : d.shown[d.selectedIndex];
  const moveSelection = (delta: number) => {
    if (d.readerId) {
      window.scrollBy({ top: delta * 120, behavior: 'smooth' });
      return;
    }
    if (d.shown.length === 0) return;
    d.setSelectedIndex((i) => Math.min(d.shown.length - 1, Math.max(0, i < 0 ? 0 : i + delta)));
    d.setFocusRequest((n) => n + 1);
  };

  useKeyboardShortcuts({
    next: () => moveSelection(1),
    prev: () => moveSelection(-1),
    open: () => {
      if (!d.readerId && current) navigate({ kind: 'reader', id: current.id });
    },
    back: () => {
      if (d.readerId) d.onBack();
      else if (d.selection.ids.size > 0) d.selection.clear();
      else if (d.searching) d.clearSearch();
    },
    star: () => current && d.rowActions.onStar(current),
    archive: () => current && d.rowActions.onArchive(current),
    delete: () => {
      if (d.readerId) d.readerActions.onDelete();
      else if (d.selection.selected.length > 0) d.deleteArticles(d.selection.selected);
      else if (current) d.deleteArticles([current]);
    },
    tag: () => {
      if (!d.readerId && d.selection.ids.size === 0) {
        if (d.selectedIndex < 0) return;
        d.selection.toggle(d.selectedIndex);
      }
      // The selection's tag box appears with the selection, so wait for it to render.
      requestAnimationFrame(() => focusField(d.tagInputRef));
    },
    select: () => {
      if (!d.readerId && d.selectedIndex >= 0) d.selection.toggle(d.selectedIndex);
    },
    search: () => {
      if (d.readerId) d.onBack();
      focusField(d.searchRef);
    },
    addUrl: () => focusField(d.addUrlRef),
    larger: () => d.display.resize(1),
    smaller: () => d.display.resize(-1),
    help: d.openHelp,
    viewUnread: () => navigate({ kind: 'list', view: 'unread' }),
    viewStarred: () => navigate({ kind: 'list', view: 'starred' }),
    viewArchive: () => navigate({ kind: 'list', view: 'archive' }),
    viewAll: () => navigate({ kind: 'list', view: 'all' }),
  });
}
