import { useEffect, useRef } from 'react';
import type { ArticleSummary } from '../../../electron/ipc/api.ts';
import { useWindowedRange } from '../hooks/useWindowedRange.ts';
import { ArticleRow, type RowActions } from './ArticleRow.tsx';

/** Every row is this tall (CSS clamps its text), which is what makes windowing cheap. Kept in
 *  sync with the line heights and paddings of `.row` in styles/app.css (see the sum there). */
export const ROW_HEIGHT = 136;
/** Ask for the next page this many rows before the loaded ones run out. */
const PREFETCH_ROWS = 40;

interface Props extends RowActions {
  label: string;
  articles: ArticleSummary[];
  online: boolean;
  /** All rows of the view, loaded or not; announced as the list's size. */
  total: number;
  snippets?: Map<string, string> | undefined;
  /** The rows now rendered (on screen and just beyond), e.g. to fetch their snippets. */
  onRowsShown?: ((ids: readonly string[]) => void) | undefined;
  selectedIndex: number;
  /** Ids in the multi-selection. */
  checkedIds: ReadonlySet<string>;
  /** Bumped when the keyboard moved the selection, so focus follows it. */
  focusRequest: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

export function ArticleList({ label, articles, online, total, snippets, onRowsShown, selectedIndex, checkedIds, focusRequest, hasMore, loading, onLoadMore, ...actions }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const { start, end } = useWindowedRange(listRef, articles.length, ROW_HEIGHT);
  const pendingFocus = useRef(0);

  // Focus follows the keyboard selection. A row outside the window is not in the DOM yet:
  // scroll to where it will be, and focus it once it has rendered.
  useEffect(() => {
    if (focusRequest !== 0) pendingFocus.current = focusRequest;
  }, [focusRequest]);
  useEffect(() => {
    if (!pendingFocus.current || selectedIndex < 0) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-row-index="${selectedIndex}"]`);
    if (row) {
      pendingFocus.current = 0;
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: 'nearest' });
    } else if (listRef.current) {
      const listTop = listRef.current.getBoundingClientRect().top + window.scrollY;
      window.scrollTo({ top: listTop + selectedIndex * ROW_HEIGHT - window.innerHeight / 3 });
    }
  });

  useEffect(() => {
    onRowsShown?.(articles.slice(start, end).map((article) => article.id));
  }, [articles, start, end, onRowsShown]);

  useEffect(() => {
    if (hasMore && !loading && end >= articles.length - PREFETCH_ROWS) onLoadMore();
  }, [end, articles.length, hasMore, loading, onLoadMore]);

  return (
    <>
      <ul
        className="article-list"
        ref={listRef}
        aria-label={label}
        style={{ paddingTop: start * ROW_HEIGHT, paddingBottom: (articles.length - end) * ROW_HEIGHT }}
      >
        {articles.slice(start, end).map((article, offset) => (
          <ArticleRow
            key={article.id}
            article={article}
            index={start + offset}
            setSize={Math.max(total, articles.length)}
            height={ROW_HEIGHT}
            selected={start + offset === selectedIndex}
            checked={checkedIds.has(article.id)}
            online={online}
            snippet={snippets?.get(article.id)}
            {...actions}
          />
        ))}
      </ul>
      {hasMore && (
        <div className="list-more">
          <button type="button" className="button" onClick={onLoadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
