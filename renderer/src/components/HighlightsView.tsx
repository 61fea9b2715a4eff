import { useEffect, useRef } from 'react';
import { HIGHLIGHT_COLORS } from '../../../electron/shared/highlight.ts';
import type { HighlightColor } from '../../../electron/ipc/api.ts';
import type { FeedsState } from '../hooks/useFeeds.ts';
import { useHighlightList } from '../hooks/useHighlightList.ts';
import type { LibraryCounts } from '../hooks/useLibraryCounts.ts';
import { useWindowedRange } from '../hooks/useWindowedRange.ts';
import { plural } from '../lib/format.ts';
import { navigate, routeHref, tagKey, type HighlightsRoute } from '../lib/route.ts';
import { HighlightCard } from './HighlightCard.tsx';
import { Sidebar } from './Sidebar.tsx';

/** Every item is this tall (CSS clamps the quote to three lines and the note to two; see
 *  `.highlight-card` in styles/highlights-view.css), which is what makes windowing cheap. */
export const HIGHLIGHT_ROW_HEIGHT = 168;
/** Ask for the next page this many items before the loaded ones run out. */
const PREFETCH_ROWS = 30;

const COLOR_LABELS: Record<HighlightColor, string> = { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink' };

interface Props {
  route: HighlightsRoute;
  counts: LibraryCounts;
  feeds: FeedsState;
  highlightCount: number | undefined;
}

function ColorFilter({ route }: { route: HighlightsRoute }) {
  return (
    <div className="highlight-color-filter" role="group" aria-label="Filter by colour">
      {HIGHLIGHT_COLORS.map((color) => {
        const pressed = route.color === color;
        return (
          <button
            key={color}
            type="button"
            className="chip highlight-color-chip"
            data-color={color}
            aria-pressed={pressed}
            onClick={() => navigate({ ...route, color: pressed ? undefined : color })}
          >
            <span className="highlight-filter-swatch" aria-hidden="true" />
            {COLOR_LABELS[color]}
          </button>
        );
      })}
    </div>
  );
}

function TagFilter({ route, counts }: { route: HighlightsRoute; counts: LibraryCounts }) {
  const names = counts.tags.map((t) => t.name);
  // A tag from the address that the library no longer lists is still shown as chosen.
  if (route.tag && !names.some((n) => tagKey(n) === tagKey(route.tag ?? ''))) names.unshift(route.tag);
  const current = names.find((n) => route.tag !== undefined && tagKey(n) === tagKey(route.tag)) ?? '';
  return (
    <label className="sort-menu">
      Tag
      <select value={current} onChange={(e) => navigate({ ...route, tag: e.target.value || undefined })}>
        <option value="">All tags</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Highlights across the library, newest first, filtered by tag and colour. */
export function HighlightsView({ route, counts, feeds, highlightCount }: Props) {
  const list = useHighlightList(route);
  const listRef = useRef<HTMLUListElement>(null);
  const { items, total, hasMore, loading, loadMore } = list;
  const { start, end } = useWindowedRange(listRef, items.length, HIGHLIGHT_ROW_HEIGHT);
  const filtered = route.tag !== undefined || route.color !== undefined;

  useEffect(() => {
    if (hasMore && !loading && end >= items.length - PREFETCH_ROWS) loadMore();
  }, [end, items.length, hasMore, loading, loadMore]);

  return (
    <section className="list-screen highlights-screen" aria-labelledby="list-title">
      <Sidebar route={route} counts={counts} feeds={feeds} searching={false} highlightCount={highlightCount} />
      <div className="list-column">
        <div className="list-heading">
          <h1 id="list-title">Highlights</h1>
          {filtered && (
            <a className="button button-small" href={routeHref({ kind: 'highlights' })}>
              Clear filters
            </a>
          )}
          <p className="list-count">{loading && items.length === 0 ? '' : plural(total, 'highlight')}</p>
        </div>
        <div className="list-tools highlight-tools">
          <ColorFilter route={route} />
          <TagFilter route={route} counts={counts} />
        </div>
        {list.error && (
          <p className="banner is-error" role="alert">
            {list.error}
          </p>
        )}
        {items.length > 0 ? (
          <>
            <ul
              className="highlight-cards"
              ref={listRef}
              aria-label="Highlights, newest first"
              style={{ paddingTop: start * HIGHLIGHT_ROW_HEIGHT, paddingBottom: (items.length - end) * HIGHLIGHT_ROW_HEIGHT }}
            >
              {items.slice(start, end).map((item, offset) => (
                <HighlightCard key={item.highlight.id} item={item} posInSet={start + offset + 1} setSize={Math.max(total, items.length)} height={HIGHLIGHT_ROW_HEIGHT} />
              ))}
            </ul>
            {hasMore && (
              <div className="list-more">
                <button type="button" className="button" onClick={loadMore} disabled={loading}>
                  {loading ? 'Loading…' : 'Load more'}
                </button>
              </div>
            )}
          </>
        ) : (
          !loading &&
          !list.error && (
            <div className="empty-state">
              {filtered ? (
                <>
                  <h2>No highlights match</h2>
                  <p>Try another colour or tag, or clear the filters.</p>
                </>
              ) : (
                <>
                  <h2>No highlights yet</h2>
                  <p>Select text in an article and press H to highlight it. Highlights and notes from every article collect here.</p>
                </>
              )}
            </div>
          )
        )}
      </div>
    </section>
  );
}
