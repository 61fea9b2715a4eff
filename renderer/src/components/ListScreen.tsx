import type { Ref } from 'react';
import type { ArticleSummary, ListSort } from '../../../electron/ipc/api.ts';
import type { ArticleListState } from '../hooks/useArticleList.ts';
import type { FeedsState } from '../hooks/useFeeds.ts';
import type { LibraryCounts } from '../hooks/useLibraryCounts.ts';
import type { SearchState } from '../hooks/useSearch.ts';
import type { SelectionState } from '../hooks/useSelection.ts';
import { plural } from '../lib/format.ts';
import { navigate, routeHref, SORTS, VIEWS, type ListRoute } from '../lib/route.ts';
import { ArticleList } from './ArticleList.tsx';
import type { RowActions } from './ArticleRow.tsx';
import { BulkActions, type BulkHandlers } from './BulkActions.tsx';
import { EmptyState } from './EmptyState.tsx';
import { feedProblem } from './FeedsNav.tsx';
import { SearchHighlights } from './SearchHighlights.tsx';
import { FeedTools } from './FeedTools.tsx';
import { Sidebar } from './Sidebar.tsx';
import { TagRename } from './TagRename.tsx';

interface Props {
  route: ListRoute;
  query: string;
  search: SearchState;
  list: ArticleListState;
  shown: ArticleSummary[];
  snippets: Map<string, string> | undefined;
  /** The search rows now rendered: their snippets are fetched if the search did not make them. */
  onRowsShown: ((ids: readonly string[]) => void) | undefined;
  counts: LibraryCounts;
  /** How many highlights the library holds (the sidebar shows it), once counted. */
  highlightCount: number | undefined;
  feeds: FeedsState;
  /** A short notice (a toast). */
  notify: (message: string) => void;
  selection: SelectionState;
  selectedIndex: number;
  focusRequest: number;
  online: boolean;
  rowActions: RowActions;
  bulk: BulkHandlers;
  bulkTagRef: Ref<HTMLInputElement>;
}

function listTitle(route: ListRoute, feeds: FeedsState): string {
  if (route.feed) return feeds.byId(route.feed)?.title ?? (feeds.loaded ? 'Feed not found' : 'Feed');
  const view = VIEWS.find((v) => v.view === route.view)?.label ?? 'Articles';
  if (route.tag) return `${view} tagged “${route.tag}”`;
  if (route.site) return `${view} from ${route.site}`;
  return view;
}

const folderNames = (feeds: FeedsState): string[] => [...new Set(feeds.feeds.flatMap((f) => (f.folder ? [f.folder] : [])))].sort();

/** The reading list (or search results), with its sidebar, sort menu and bulk actions. */
export function ListScreen({ route, query, search, list, shown, snippets, onRowsShown, counts, highlightCount, feeds, notify, selection, selectedIndex, focusRequest, online, rowActions, bulk, bulkTagRef }: Props) {
  const searching = query.trim() !== '';
  const title = searching ? 'Search results' : listTitle(route, feeds);
  const feed = feeds.byId(route.feed);
  const problem = feed ? feedProblem(feed) : null;
  const count = searching ? (search.result?.total ?? 0) : list.total;
  // A very broad search may stop counting at a cap: say "1,000+ articles", not a false exact.
  const atLeast = searching && search.result?.totalCapped === true ? '+' : '';
  const highlightHits = (searching && search.result?.highlights) || [];
  const articleCount = `${count.toLocaleString('en-US')}${atLeast} ${count === 1 && !atLeast ? 'article' : 'articles'}`;
  // `in:highlights …` finds highlights only: no "0 articles" beside them.
  // With no article hits (`in:highlights …`), the total counts the highlights, "N+" past the cap.
  const onlyHighlights = (search.result?.hits.length ?? 0) === 0;
  const highlightTotal = onlyHighlights ? Math.max(search.result?.total ?? 0, highlightHits.length) : highlightHits.length;
  const highlightText = onlyHighlights && atLeast ? `${highlightTotal.toLocaleString('en-US')}+ highlights` : plural(highlightTotal, 'highlight');
  const countText = highlightHits.length === 0 ? articleCount : [shown.length > 0 && articleCount, highlightText].filter(Boolean).join(', ');
  const filter = route.tag ? `tag “${route.tag}”` : route.site ? `site ${route.site}` : null;
  const error = searching ? search.error : list.error;

  return (
    <section className="list-screen" aria-labelledby="list-title">
      <Sidebar route={route} counts={counts} feeds={feeds} searching={searching} highlightCount={highlightCount} />
      <div className="list-column">
        <div className="list-heading">
          <h1 id="list-title">{searching ? `Results for “${query.trim()}”` : title}</h1>
          {filter && !searching && (
            <a className="button button-small" href={routeHref({ kind: 'list', view: route.view, sort: route.sort })}>
              Clear {filter}
            </a>
          )}
          <p className="list-count" role={searching ? 'status' : undefined}>
            {searching && search.searching ? 'Searching…' : countText}
          </p>
        </div>
        {!searching && (
          <div className="list-tools">
            {route.tag && <TagRename route={route} tag={route.tag} />}
            {feed && <FeedTools key={feed.id} route={route} feed={feed} folders={folderNames(feeds)} notify={notify} />}
            <label className="sort-menu">
              Sort
              <select value={route.sort ?? 'newest'} onChange={(e) => navigate({ ...route, sort: e.target.value as ListSort })}>
                {SORTS.map((s) => (
                  <option key={s.sort} value={s.sort}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        {problem && !searching && <p className="banner is-error">{problem}</p>}
        {selection.selected.length > 0 && (
          <BulkActions selected={selection.selected} tagSuggestions={counts.tags} tagInputRef={bulkTagRef} {...bulk} />
        )}
        {error && (
          <p className="banner is-error" role="alert">
            {error}
          </p>
        )}
        {highlightHits.length > 0 && <SearchHighlights key={query.trim()} hits={highlightHits} besideArticles={shown.length > 0} />}
        {highlightHits.length > 0 && shown.length > 0 && (
          <h2 className="search-group-heading" id="search-articles-title">
            In articles
          </h2>
        )}
        {shown.length > 0 ? (
          <ArticleList
            label={title}
            articles={shown}
            online={online}
            total={searching ? (search.result?.total ?? 0) : list.total}
            snippets={snippets}
            onRowsShown={onRowsShown}
            selectedIndex={selectedIndex}
            checkedIds={selection.ids}
            focusRequest={focusRequest}
            hasMore={!searching && list.hasMore}
            loading={list.loading}
            onLoadMore={list.loadMore}
            {...rowActions}
          />
        ) : searching ? (
          !search.searching &&
          highlightHits.length === 0 && (
            <div className="empty-state">
              <h2>No matches</h2>
              <p>Nothing you have saved matches “{query.trim()}”.</p>
            </div>
          )
        ) : (
          !list.loading && <EmptyState view={route.view} tag={route.tag ?? route.site} feed={route.feed ? (feed?.title ?? (feeds.loaded ? null : '')) : undefined} />
        )}
      </div>
    </section>
  );
}
