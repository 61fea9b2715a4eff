import { useState } from 'react';
import type { FeedsState } from '../hooks/useFeeds.ts';
import type { LibraryCounts } from '../hooks/useLibraryCounts.ts';
import { routeHref, tagKey, VIEWS, type HomeRoute, type ListRoute } from '../lib/route.ts';
import { FeedsNav } from './FeedsNav.tsx';

const SITES_SHOWN = 12;

const Count = ({ n }: { n: number | undefined }) => (n === undefined ? null : <span className="nav-count">{n.toLocaleString('en-US')}</span>);

interface Props {
  /** The screen shown: a list, or the Highlights view (then no list link is the current one). */
  route: HomeRoute;
  counts: LibraryCounts;
  feeds: FeedsState;
  searching: boolean;
  /** How many highlights the library holds, once counted. */
  highlightCount?: number | undefined;
}

const NO_LIST: ListRoute = { kind: 'list', view: 'unread' };

/** Views, feeds, tags and sites, each with how many articles it holds; and the highlights. */
export function Sidebar({ route, counts, feeds, searching, highlightCount }: Props) {
  const [allSites, setAllSites] = useState(false);
  const sites = allSites ? counts.sites : counts.sites.slice(0, SITES_SHOWN);
  const list = route.kind === 'list' ? route : null;
  const filtered = list !== null && (list.tag !== undefined || list.site !== undefined || list.feed !== undefined);
  const current = (match: boolean) => (match && !searching ? 'page' : undefined);
  const sort = list?.sort;

  return (
    <aside className="sidebar">
      <nav aria-label="Reading list views">
        <ul className="nav-list">
          {VIEWS.map(({ view, label }) => (
            <li key={view}>
              <a className="nav-link" href={routeHref({ kind: 'list', view, sort })} aria-current={current(list?.view === view && !filtered)}>
                <span>{label}</span>
                <Count n={counts.views[view]} />
              </a>
            </li>
          ))}
          <li>
            <a className="nav-link nav-link-highlights" href={routeHref({ kind: 'highlights' })} aria-current={current(route.kind === 'highlights')}>
              <span>Highlights</span>
              <Count n={highlightCount} />
            </a>
          </li>
        </ul>
      </nav>
      {/* Off a list, no feed is the current one. */}
      <FeedsNav route={list ?? NO_LIST} feeds={feeds} searching={searching || list === null} />
      {counts.tags.length > 0 && (
        <nav aria-labelledby="sidebar-tags">
          <h2 id="sidebar-tags" className="nav-heading">
            Tags
          </h2>
          <ul className="nav-list">
            {counts.tags.map((t) => (
              <li key={t.name}>
                <a
                  className="nav-link"
                  href={routeHref({ kind: 'list', view: 'all', tag: t.name, sort })}
                  aria-current={current(list?.tag !== undefined && tagKey(list.tag) === tagKey(t.name))}
                >
                  <span>{t.name}</span>
                  <Count n={t.count} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {counts.sites.length > 0 && (
        <nav aria-labelledby="sidebar-sites">
          <h2 id="sidebar-sites" className="nav-heading">
            Sites
          </h2>
          <ul className="nav-list">
            {sites.map((s) => (
              <li key={s.site}>
                <a className="nav-link" href={routeHref({ kind: 'list', view: 'all', site: s.site, sort })} aria-current={current(list?.site === s.site)}>
                  <span>{s.site}</span>
                  <Count n={s.count} />
                </a>
              </li>
            ))}
          </ul>
          {counts.sites.length > SITES_SHOWN && (
            <button type="button" className="button button-quiet button-small" onClick={() => setAllSites((v) => !v)} aria-expanded={allSites}>
              {allSites ? 'Fewer sites' : `All ${counts.sites.length} sites`}
            </button>
          )}
        </nav>
      )}
    </aside>
  );
}
