import { useRef, useState } from 'react';
import type { Feed, FeedRefreshResult } from '../../../electron/ipc/api.ts';
import type { FeedsState } from '../hooks/useFeeds.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { formatWhen, plural } from '../lib/format.ts';
import { navigate, routeHref, type ListRoute } from '../lib/route.ts';
import { AddFeedDialog } from './AddFeedDialog.tsx';
import { WarningIcon } from './Icons.tsx';

/** What a refresh did, in a sentence (for one feed or all). */
export function refreshSummary(results: FeedRefreshResult[]): string {
  const added = results.reduce((n, r) => n + r.added, 0);
  const failed = results.filter((r) => r.outcome === 'failed');
  const news = added > 0 ? `${plural(added, 'new article')}` : 'no new articles';
  if (results.length === 1 && failed.length === 1) return `Refresh failed: ${failed[0]?.error ?? 'unknown error'}`;
  const failures = failed.length > 0 ? `, ${plural(failed.length, 'feed')} failed` : '';
  return `Refreshed ${plural(results.length, 'feed')}: ${news}${failures}.`;
}

const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The failing feed's reason and next attempt (a tooltip, hidden text, the list's banner). */
export const feedProblem = (feed: Feed): string | null => (feed.error ? `Refresh failed: ${sentence(feed.error)} Next try ${formatWhen(feed.nextCheckAt)}.` : null);

/** Folders in a stable order, feeds without one first (under no heading). */
function byFolder(feeds: Feed[]): Array<[string | null, Feed[]]> {
  const groups = new Map<string | null, Feed[]>();
  for (const feed of feeds) {
    const key = feed.folder?.trim() || null;
    groups.set(key, [...(groups.get(key) ?? []), feed]);
  }
  const byTitle = (a: Feed, b: Feed) => a.title.localeCompare(b.title);
  return [...groups.entries()]
    .map(([folder, list]): [string | null, Feed[]] => [folder, list.sort(byTitle)])
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)));
}

function FeedLink({ feed, route, searching }: { feed: Feed; route: ListRoute; searching: boolean }) {
  const problem = feedProblem(feed);
  return (
    <li>
      <a
        className="nav-link feed-link"
        href={routeHref({ kind: 'list', view: 'unread', feed: feed.id, sort: route.sort })}
        aria-current={route.feed === feed.id && !searching ? 'page' : undefined}
      >
        <span className="feed-title">{feed.title}</span>
        {problem && (
          <span className="feed-warning" title={problem}>
            <WarningIcon />
            <span className="visually-hidden">{problem}</span>
          </span>
        )}
        <span className="nav-count">{feed.unread.toLocaleString('en-US')}</span>
      </a>
    </li>
  );
}

/** The sidebar's Feeds section: each feed (in its folder) with its unread count, Add and Refresh all. */
export function FeedsNav({ route, feeds, searching }: { route: ListRoute; feeds: FeedsState; searching: boolean }) {
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const refreshing = useRef(false);
  const [busy, setBusy] = useState(false);
  const folders = [...new Set(feeds.feeds.map((f) => f.folder?.trim()).filter((f): f is string => !!f))].sort();

  const refreshAll = async () => {
    if (refreshing.current) return;
    refreshing.current = true;
    setBusy(true);
    setStatus('Refreshing feeds…');
    try {
      setStatus(refreshSummary(await call('refreshFeeds', null)));
    } catch (error) {
      setStatus(`Could not refresh the feeds: ${errorMessage(error)}`);
    } finally {
      refreshing.current = false;
      setBusy(false);
      feeds.reload();
    }
  };

  return (
    <nav aria-labelledby="sidebar-feeds" className="feeds-nav">
      <h2 id="sidebar-feeds" className="nav-heading">
        Feeds
      </h2>
      {byFolder(feeds.feeds).map(([folder, list]) =>
        folder === null ? (
          <ul key="" className="nav-list">
            {list.map((feed) => (
              <FeedLink key={feed.id} feed={feed} route={route} searching={searching} />
            ))}
          </ul>
        ) : (
          <section key={folder} aria-labelledby={`feed-folder-${folders.indexOf(folder)}`}>
            <h3 id={`feed-folder-${folders.indexOf(folder)}`} className="nav-folder">
              {folder}
            </h3>
            <ul className="nav-list">
              {list.map((feed) => (
                <FeedLink key={feed.id} feed={feed} route={route} searching={searching} />
              ))}
            </ul>
          </section>
        ),
      )}
      {feeds.loaded && feeds.feeds.length === 0 && <p className="nav-hint">Follow a site and its new articles arrive here.</p>}
      {feeds.error && (
        <p className="nav-hint is-error" role="alert">
          {feeds.error}
        </p>
      )}
      <div className="feed-controls">
        <button type="button" className="button button-quiet button-small" onClick={() => setAdding(true)}>
          Add feed
        </button>
        {feeds.feeds.length > 0 && (
          <button type="button" className="button button-quiet button-small" onClick={() => void refreshAll()} aria-busy={busy}>
            Refresh all
          </button>
        )}
      </div>
      <p className="nav-hint" role="status">
        {status}
      </p>
      <AddFeedDialog
        open={adding}
        folders={folders}
        onClose={() => setAdding(false)}
        onAdded={(feed) => {
          setAdding(false);
          feeds.reload();
          navigate({ kind: 'list', view: 'unread', feed: feed.id });
        }}
      />
    </nav>
  );
}
