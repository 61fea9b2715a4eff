import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary } from '../../electron/ipc/api.ts';
import { AddUrlForm } from './components/AddUrlForm.tsx';
import { DisplaySettingsPanel } from './components/DisplaySettingsPanel.tsx';
import { ExportDialog } from './components/ExportDialog.tsx';
import { ConnectorSettings } from './components/ConnectorSettings.tsx';
import { ImportDialog } from './components/ImportDialog.tsx';
import { HighlightsView } from './components/HighlightsView.tsx';
import { ExportIcon, ImportIcon } from './components/Icons.tsx';
import { ListScreen } from './components/ListScreen.tsx';
import { Reader } from './components/Reader.tsx';
import { SearchBox } from './components/SearchBox.tsx';
import { ShortcutHelp } from './components/ShortcutHelp.tsx';
import { SyncSettings } from './components/SyncSettings.tsx';
import { SyncStatusLine } from './components/SyncStatus.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useAddByPasteOrDrop } from './hooks/useAddByPasteOrDrop.ts';
import { useArticle } from './hooks/useArticle.ts';
import { useArticleActions } from './hooks/useArticleActions.ts';
import { useArticleList } from './hooks/useArticleList.ts';
import { useFeeds } from './hooks/useFeeds.ts';
import { useHashRoute } from './hooks/useHashRoute.ts';
import { useHighlightCount } from './hooks/useHighlightList.ts';
import { useLibraryCounts } from './hooks/useLibraryCounts.ts';
import { useLiveUpdates } from './hooks/useLiveUpdates.ts';
import { usePreferences } from './hooks/usePreferences.ts';
import { useQueueStatus } from './hooks/useQueueStatus.ts';
import { useRecentSearches } from './hooks/useRecentSearches.ts';
import { useSearch } from './hooks/useSearch.ts';
import { useSearchSnippets } from './hooks/useSearchSnippets.ts';
import { useSelection } from './hooks/useSelection.ts';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { useSyncStatus } from './hooks/useSyncStatus.ts';
import { useToasts } from './hooks/useToasts.ts';
import { useUndoableDelete } from './hooks/useUndoableDelete.ts';
import { call } from './lib/bridge.ts';
import { navigate, routeHref, sameList, type HomeRoute, type ListRoute } from './lib/route.ts';

export function App() {
  const route = useHashRoute();
  const readerId = route.kind === 'reader' ? route.id : null;
  // The list stays loaded while reading, so Back returns to the same place instantly.
  const [listRoute, setListRoute] = useState<ListRoute>(route.kind === 'list' ? route : { kind: 'list', view: 'unread' });
  // Where the reader's Back goes: the list, or the Highlights view it was opened from.
  const [homeRoute, setHomeRoute] = useState<HomeRoute>(route.kind === 'reader' ? listRoute : route);
  useEffect(() => {
    if (route.kind === 'list') setListRoute((prev) => (sameList(prev, route) ? prev : route));
    if (route.kind !== 'reader') setHomeRoute((prev) => (routeHref(prev) === routeHref(route) ? prev : route));
  }, [route]);

  const list = useArticleList(listRoute);
  const display = usePreferences();
  const queue = useQueueStatus();
  const counts = useLibraryCounts(!list.loading || list.items.length > 0);
  const feeds = useFeeds();
  const toasts = useToasts();
  const recentSearches = useRecentSearches();
  const [helpOpen, setHelpOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [syncOpen, setSyncOpen] = useState(false);
  const syncStatus = useSyncStatus();
  const reader = useArticle(readerId);
  const [query, setQuery] = useState('');
  const [searchRevision, setSearchRevision] = useState(0);
  const search = useSearch(query, searchRevision);
  const searching = query.trim() !== '';
  // The Highlights view has no article rows: the list's shortcuts (j, k, s, e…) rest there.
  const onHighlights = route.kind === 'highlights' && !searching;
  const highlightCount = useHighlightCount(!list.loading || list.items.length > 0);

  const [selectedIndex, setSelectedIndex] = useState(-1);
  const [focusRequest, setFocusRequest] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const addUrlRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tagInputRef = useRef<HTMLInputElement>(null);

  const { hide, applyChanges, applySummary, reload: reloadList } = list;
  const undoDelete = useUndoableDelete({
    toasts,
    hide,
    restore: useCallback(
      (ids: string[]) => {
        applyChanges(ids);
        setSearchRevision((n) => n + 1);
      },
      [applyChanges],
    ),
    onError: setActionError,
  });
  const { pending } = undoDelete;

  const shown: ArticleSummary[] = useMemo(() => {
    const rows = searching ? (search.result?.hits.map((h) => h.article) ?? []) : onHighlights ? [] : list.items;
    return pending.size === 0 ? rows : rows.filter((a) => !pending.has(a.id));
  }, [searching, onHighlights, search.result, list.items, pending]);
  const searchSnippets = useSearchSnippets(search.resultQuery, search.result);
  const snippets = searching ? searchSnippets.snippets : undefined;
  const selection = useSelection(shown);
  const { clear: clearSelection } = selection;

  useEffect(() => {
    setSelectedIndex(-1);
    clearSelection();
  }, [listRoute, searching, clearSelection]);

  // A search whose result was opened is worth offering again.
  const { remember } = recentSearches;
  useEffect(() => {
    if (readerId && searching) remember(query);
    // Keyed on opening an article only, not on every keystroke after.
  }, [readerId]);

  // Coming back from the reader puts focus back on the row that was open.
  const wasReading = useRef(readerId !== null);
  useEffect(() => {
    if (wasReading.current && readerId === null && selectedIndex >= 0) setFocusRequest((n) => n + 1);
    wasReading.current = readerId !== null;
    document.title = readerId && reader.article ? `${reader.article.title} — Lectern` : 'Lectern';
  }, [readerId, reader.article, selectedIndex]);

  useLiveUpdates((ids) => {
    // '*' means many articles changed at once (a tag renamed, links imported): re-read the list.
    if (ids.has('*')) reloadList();
    applyChanges([...ids].filter((id) => id !== '*' && !pending.has(id)));
    if (searching) setSearchRevision((n) => n + 1);
    if (readerId && (ids.has(readerId) || ids.has('*'))) reader.reload();
  });

  const { patch: patchReader } = reader;
  const afterChange = useCallback(
    (summary: ArticleSummary) => {
      patchReader(summary);
      applySummary(summary);
      setSearchRevision((n) => n + 1);
    },
    [patchReader, applySummary],
  );
  const actions = useArticleActions({ afterChange, setActionError, toasts, remove: undoDelete.remove, clearSelection });
  const dragging = useAddByPasteOrDrop(actions.saveLink);

  const rowActions = useMemo(
    () => ({
      ...actions.rowActions,
      onFocusRow: setSelectedIndex,
      onSelect: (index: number, how: 'toggle' | 'range') => (how === 'range' ? selection.extendTo(index) : selection.toggle(index)),
    }),
    [actions.rowActions, selection],
  );

  const backToList = useCallback(() => navigate(homeRoute), [homeRoute]);
  const { runAction } = actions;
  const article = reader.article;
  const readerActions = useMemo(
    () => ({
      onBack: backToList,
      onStar: () => article && runAction(call('setStarred', article.id, !article.starred)),
      onArchive: () => article && runAction(call('setArchived', article.id, !article.archived)),
      onRetry: () => article && runAction(call('retryArticle', article.id)),
      onCopyLink: () => article && actions.copyLink(article),
      onAddTags: (tags: string[]) => article && runAction(call('addTags', article.id, tags)),
      onRemoveTag: (tag: string) => article && runAction(call('removeTag', article.id, tag)),
      onDelete: () => {
        if (!article) return;
        undoDelete.remove([article]);
        backToList();
      },
    }),
    [article, backToList, runAction, actions, undoDelete],
  );

  useShortcuts({
    readerId, shown, selectedIndex, setSelectedIndex, setFocusRequest, selection, searching, display,
    searchRef, addUrlRef, tagInputRef, rowActions, readerActions, article,
    onBack: backToList,
    clearSearch: () => setQuery(''),
    openHelp: () => setHelpOpen(true),
    deleteArticles: undoDelete.remove,
  });

  const onSaved = (saved: ArticleSummary) => {
    if (readerId) navigate({ kind: 'list', view: 'unread' });
    applySummary(saved);
  };

  const { show: showToast } = toasts;
  const notify = useCallback((message: string) => showToast({ message }), [showToast]);

  const queueText = [queue.fetching > 0 && `${queue.fetching} fetching`, queue.waiting > 0 && `${queue.waiting} waiting`].filter(Boolean).join(', ');

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand" aria-hidden="true">
          Lectern
        </span>
        <AddUrlForm inputRef={addUrlRef} online={queue.online} reading={readerId !== null} onSaved={onSaved} />
        <p className="queue-status" role="status" aria-label="Capture queue">
          {queueText}
        </p>
        <SyncStatusLine status={syncStatus} onOpen={() => setSyncOpen(true)} />
        <SearchBox
          inputRef={searchRef}
          query={query}
          recent={recentSearches.recent}
          onClearRecent={recentSearches.clear}
          onChange={(q) => {
            setQuery(q);
            if (readerId && q) backToList();
          }}
          onSubmit={() => {
            recentSearches.remember(query);
            // Only a settled result: while a search runs, the rows shown are the last query's.
            // With no article hits (`in:highlights …`), the best highlight hit.
            if (!searching || search.searching) return;
            const best = shown[0];
            const bestHighlight = search.result?.highlights?.[0]?.highlight;
            if (best) navigate({ kind: 'reader', id: best.id });
            else if (bestHighlight) navigate({ kind: 'reader', id: bestHighlight.articleId, highlight: bestHighlight.id });
          }}
        />
        <DisplaySettingsPanel state={display} />
        <button type="button" className="icon-button" onClick={() => setImportOpen(true)} aria-label="Import a library" title="Import from Pocket, Instapaper, Omnivore, wallabag, Readwise, bookmarks or a backup">
          <ImportIcon />
        </button>
        <button type="button" className="icon-button" onClick={() => setExportOpen(true)} aria-label="Export the library" title="Export: a full backup, JSON, bookmarks, Pocket CSV, feeds or Markdown">
          <ExportIcon />
        </button>
        <ConnectorSettings />
        <button type="button" className="icon-button" onClick={() => setSyncOpen(true)} aria-label="Sync settings" title="Sync with your other computers">
          <span aria-hidden="true">⇅</span>
        </button>
        <button type="button" className="icon-button" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" aria-keyshortcuts="?">
          <span aria-hidden="true">?</span>
        </button>
      </header>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} />
      <SyncSettings open={syncOpen} onClose={() => setSyncOpen(false)} status={syncStatus} />
      <p className="offline-banner" role="status">
        {!queue.online && 'You are offline. Saved articles read as usual; new links will be fetched when the connection is back.'}
      </p>
      {actionError && (
        <p className="banner is-error" role="alert">
          {actionError}
        </p>
      )}
      <main id="main" className="app-main" tabIndex={-1}>
        {readerId ? (
          <Reader
            article={pending.has(readerId) ? null : article}
            error={reader.error}
            preferences={display.preferences}
            tagSuggestions={counts.tags}
            tagInputRef={tagInputRef}
            actions={readerActions}
            highlightId={route.kind === 'reader' ? (route.highlight ?? null) : null}
            toasts={toasts}
          />
        ) : onHighlights ? (
          <HighlightsView route={route} counts={counts} feeds={feeds} highlightCount={highlightCount} />
        ) : (
          <ListScreen
            route={listRoute}
            query={query}
            search={search}
            list={list}
            shown={shown}
            snippets={snippets}
            onRowsShown={searching ? searchSnippets.rowsShown : undefined}
            counts={counts}
            highlightCount={highlightCount}
            feeds={feeds}
            notify={notify}
            selection={selection}
            selectedIndex={selectedIndex}
            focusRequest={focusRequest}
            online={queue.online}
            rowActions={rowActions}
            bulk={{ ...actions.bulk, onClear: clearSelection }}
            bulkTagRef={tagInputRef}
          />
        )}
      </main>
      <Toasts state={toasts} />
      <div className="drop-hint" hidden={!dragging} aria-hidden="true">
        Drop the link to save it
      </div>
    </div>
  );
}
