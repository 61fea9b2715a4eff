import { useState } from 'react';
import type { FeedsState } from '../hooks/useFeeds.ts';
import type { LibraryCounts } from '../hooks/useLibraryCounts.ts';
import { routeHref, tagKey, VIEWS, type ListRoute } from '../lib/route.ts';
import { FeedsNav } from './FeedsNav.tsx';

const SITES_SHOWN = 12;

const Count = ({ n }: { n: number | undefined }) => (n === undefined ? null : <span className="nav-count">{n.toLocaleString('en-US')}</span>);

/** Views, feeds, tags and sites, each with how many articles it holds. */
export function Sidebar({ route, counts, feeds, searching }: { route: ListRoute; counts: LibraryCounts; feeds: FeedsState; searching: boolean }) {
  const [allSites, setAllSites] = useState(false);
  const sites = allSites ? counts.sites : counts.sites.slice(0, SITES_SHOWN);
  const filtered = route.tag !== undefined || route.site !== undefined || route.feed !== undefined;
  const current = (match: boolean) => (match && !searching ? 'page' : undefined);

  return (
    <aside className="sidebar">
      <nav aria-label="Reading list views">
        <ul className="nav-list">
          {VIEWS.map(({ view, label }) => (
            <li key={view}>
              <a className="nav-link" href={routeHref({ kind: 'list', view, sort: route.sort })} aria-current={current(route.view === view && !filtered)}>
                <span>{label}</span>
                <Count n={counts.views[view]} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <FeedsNav route={route} feeds={feeds} searching={searching} />
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
                  href={routeHref({ kind: 'list', view: 'all', tag: t.name, sort: route.sort })}
                  aria-current={current(route.tag !== undefined && tagKey(route.tag) === tagKey(t.name))}
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
                <a className="nav-link" href={routeHref({ kind: 'list', view: 'all', site: s.site, sort: route.sort })} aria-current={current(route.site === s.site)}>
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
