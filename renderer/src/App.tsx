import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary } from '../../electron/ipc/api.ts';
import { AddUrlForm } from './components/AddUrlForm.tsx';
import { ArticleList } from './components/ArticleList.tsx';
import { DisplaySettingsPanel } from './components/DisplaySettingsPanel.tsx';
import { EmptyState } from './components/EmptyState.tsx';
import { Reader } from './components/Reader.tsx';
import { SearchBox } from './components/SearchBox.tsx';
import { ShortcutHelp } from './components/ShortcutHelp.tsx';
import { ViewTabs } from './components/ViewTabs.tsx';
import { useArticle } from './hooks/useArticle.ts';
import { useArticleList } from './hooks/useArticleList.ts';
import { useOnline } from './hooks/useOnline.ts';
import { usePreferences } from './hooks/usePreferences.ts';
import { useHashRoute } from './hooks/useHashRoute.ts';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { useLiveUpdates } from './hooks/useLiveUpdates.ts';
import { useSearch } from './hooks/useSearch.ts';
import { call, errorMessage } from './lib/bridge.ts';
import { navigate, routeHref, VIEWS, type Route } from './lib/route.ts';

type ListRoute = Extract<Route, { kind: 'list' }>;

export function App() {
  const route = useHashRoute();
  const readerId = route.kind === 'reader' ? route.id : null;
  // The list stays loaded while reading, so Back returns to the same place instantly.
  const [listRoute, setListRoute] = useState<ListRoute>(route.kind === 'list' ? route : { kind: 'list', view: 'unread' });
  useEffect(() => {
    if (route.kind === 'list') setListRoute((prev) => (prev.view === route.view && prev.tag === route.tag ? prev : route));
  }, [route]);
  const { view: listView, tag } = listRoute;

  const list = useArticleList(listView, tag);
  const display = usePreferences();
  const online = useOnline();
  const [helpOpen, setHelpOpen] = useState(false);
  const reader = useArticle(readerId);
  const [query, setQuery] = useState('');
  const [searchRevision, setSearchRevision] = useState(0);
  const search = useSearch(query, searchRevision);
  const searching = query.trim() !== '';

  const [selectedIndex, setSelectedIndex] = useState(-1);
  const [focusRequest, setFocusRequest] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const addUrlRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const shown: ArticleSummary[] = useMemo(
    () => (searching ? (search.result?.hits.map((h) => h.article) ?? []) : list.items),
    [searching, search.result, list.items],
  );
  const snippets = useMemo(
    () => (searching ? new Map(search.result?.hits.map((h) => [h.article.id, h.snippet])) : undefined),
    [searching, search.result],
  );

  useEffect(() => setSelectedIndex(-1), [listView, tag, searching]);

  // Coming back from the reader puts focus back on the row that was open.
  const wasReading = useRef(readerId !== null);
  useEffect(() => {
    if (wasReading.current && readerId === null && selectedIndex >= 0) setFocusRequest((n) => n + 1);
    wasReading.current = readerId !== null;
    document.title = readerId && reader.article ? `${reader.article.title} — Lectern` : 'Lectern';
  }, [readerId, reader.article, selectedIndex]);

  useLiveUpdates((ids) => {
    list.applyChanges(ids);
    if (searching) setSearchRevision((n) => n + 1);
    if (readerId && ids.has(readerId)) reader.reload();
  });

  const { patch: patchReader } = reader;
  const { applySummary } = list;
  const afterChange = useCallback(
    (summary: ArticleSummary) => {
      patchReader(summary);
      applySummary(summary);
      setSearchRevision((n) => n + 1);
    },
    [patchReader, applySummary],
  );

  const runAction = useCallback(
    (action: Promise<ArticleSummary>) => {
      setActionError(null);
      action.then(afterChange).catch((err: unknown) => setActionError(errorMessage(err)));
    },
    [afterChange],
  );

  const rowActions = useMemo(
    () => ({
      onFocusRow: setSelectedIndex,
      onStar: (a: ArticleSummary) => runAction(call('setStarred', a.id, !a.starred)),
      onArchive: (a: ArticleSummary) => runAction(call('setArchived', a.id, !a.archived)),
      onRetry: (a: ArticleSummary) => runAction(call('retryArticle', a.id)),
    }),
    [runAction],
  );

  const current = readerId ? reader.article : shown[selectedIndex];
  const moveSelection = (delta: number) => {
    if (readerId) {
      window.scrollBy({ top: delta * 120, behavior: 'smooth' });
      return;
    }
    if (shown.length === 0) return;
    setSelectedIndex((i) => Math.min(shown.length - 1, Math.max(0, i < 0 ? 0 : i + delta)));
    setFocusRequest((n) => n + 1);
  };
  const backToList = () => navigate(listRoute);

  useKeyboardShortcuts({
    next: () => moveSelection(1),
    prev: () => moveSelection(-1),
    open: () => {
      if (!readerId && current) navigate({ kind: 'reader', id: current.id });
    },
    back: () => {
      if (readerId) backToList();
      else if (searching) setQuery('');
    },
    star: () => current && rowActions.onStar(current),
    archive: () => current && rowActions.onArchive(current),
    search: () => {
      if (readerId) backToList();
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    addUrl: () => {
      addUrlRef.current?.focus();
      addUrlRef.current?.select();
    },
    larger: () => display.resize(1),
    smaller: () => display.resize(-1),
    help: () => setHelpOpen(true),
    viewUnread: () => navigate({ kind: 'list', view: 'unread' }),
    viewStarred: () => navigate({ kind: 'list', view: 'starred' }),
    viewArchive: () => navigate({ kind: 'list', view: 'archive' }),
    viewAll: () => navigate({ kind: 'list', view: 'all' }),
  });

  const onSaved = (saved: ArticleSummary) => {
    if (readerId) navigate({ kind: 'list', view: 'unread' });
    applySummary(saved);
  };

  const viewLabel = VIEWS.find((v) => v.view === listView)?.label ?? 'Articles';
  const listTitle = searching ? 'Search results' : tag ? `${viewLabel} tagged “${tag}”` : viewLabel;
  const count = searching ? (search.result?.total ?? 0) : list.total;
  const countText = `${count.toLocaleString('en-US')} ${count === 1 ? 'article' : 'articles'}`;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand" aria-hidden="true">
          Lectern
        </span>
        <AddUrlForm inputRef={addUrlRef} online={online} onSaved={onSaved} />
        <SearchBox
          inputRef={searchRef}
          query={query}
          onChange={(q) => {
            setQuery(q);
            if (readerId && q) backToList();
          }}
        />
        <DisplaySettingsPanel state={display} />
        <button type="button" className="icon-button" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" aria-keyshortcuts="?">
          <span aria-hidden="true">?</span>
        </button>
      </header>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <p className="offline-banner" role="status">
        {!online && 'You are offline. Saved articles read as usual; new links will be fetched when the connection is back.'}
      </p>
      {actionError && (
        <p className="banner is-error" role="alert">
          {actionError}
        </p>
      )}
      <main id="main" className="app-main" tabIndex={-1}>
        {readerId ? (
          <Reader
            article={reader.article}
            error={reader.error}
            preferences={display.preferences}
            onBack={backToList}
            onStar={() => reader.article && rowActions.onStar(reader.article)}
            onArchive={() => reader.article && rowActions.onArchive(reader.article)}
            onRetry={() => reader.article && rowActions.onRetry(reader.article)}
          />
        ) : (
          <section className="list-screen" aria-labelledby="list-title">
            <ViewTabs current={searching ? null : listView} />
            <div className="list-heading">
              <h1 id="list-title">{searching ? `Results for “${query.trim()}”` : listTitle}</h1>
              {tag && !searching && (
                <a className="button button-small" href={routeHref({ kind: 'list', view: listView })}>
                  Clear tag “{tag}”
                </a>
              )}
              <p className="list-count" role={searching ? 'status' : undefined}>
                {searching && search.searching ? 'Searching…' : countText}
              </p>
            </div>
            {(searching ? search.error : list.error) && (
              <p className="banner is-error" role="alert">
                {searching ? search.error : list.error}
              </p>
            )}
            {shown.length > 0 ? (
              <ArticleList
                label={listTitle}
                articles={shown}
                online={online}
                total={searching ? (search.result?.total ?? 0) : list.total}
                snippets={snippets}
                selectedIndex={selectedIndex}
                focusRequest={focusRequest}
                hasMore={!searching && list.hasMore}
                loading={list.loading}
                onLoadMore={list.loadMore}
                {...rowActions}
              />
            ) : searching ? (
              !search.searching && (
                <div className="empty-state">
                  <h2>No matches</h2>
                  <p>Nothing you have saved mentions “{query.trim()}”.</p>
                </div>
              )
            ) : (
              !list.loading && <EmptyState view={listView} tag={tag} />
            )}
          </section>
        )}
      </main>
    </div>
  );
}
