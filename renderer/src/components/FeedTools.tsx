import { useRef, useState } from 'react';
import type { Feed } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { plural } from '../lib/format.ts';
import { navigate, routeHref, type ListRoute } from '../lib/route.ts';
import { FeedSettingsDialog } from './FeedSettingsDialog.tsx';
import { RetryIcon } from './Icons.tsx';

interface Props {
  route: ListRoute;
  feed: Feed;
  folders: string[];
  notify: (message: string) => void;
}

/** A feed's list header: Unread or All, Refresh now, and its settings. */
export function FeedTools({ route, feed, folders, notify }: Props) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [status, setStatus] = useState('');
  const refreshing = useRef(false);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    if (refreshing.current) return;
    refreshing.current = true;
    setBusy(true);
    setStatus('Refreshing…');
    try {
      const results = await call('refreshFeeds', feed.id);
      const [result] = results;
      // A failure's reason is in the banner above the list (from the feed itself), not repeated here.
      setStatus(result?.outcome === 'failed' ? 'Refresh failed.' : result && result.added > 0 ? `${plural(result.added, 'new article')}.` : 'No new articles.');
    } catch (error) {
      setStatus(`Could not refresh: ${errorMessage(error)}`);
    } finally {
      refreshing.current = false;
      setBusy(false);
    }
  };

  const show = (view: 'unread' | 'all', label: string) => (
    <a className="segment" href={routeHref({ ...route, view })} aria-current={route.view === view ? 'page' : undefined}>
      {label}
    </a>
  );

  return (
    <div className="feed-tools">
      <nav className="segments" aria-label="Show">
        {show('unread', 'Unread')}
        {show('all', 'All')}
      </nav>
      <span className="feed-status" role="status">
        {status}
      </span>
      <button type="button" className="button button-small button-quiet" onClick={() => void refresh()} aria-busy={busy}>
        <RetryIcon />
        Refresh now
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setSettingsOpen(true)}>
        Feed settings
      </button>
      <FeedSettingsDialog
        feed={feed}
        open={settingsOpen}
        folders={folders}
        onClose={() => setSettingsOpen(false)}
        onUnsubscribed={({ removed, kept }) => {
          notify(`Unsubscribed from “${feed.title}”: ${plural(removed, 'unread article')} removed, ${kept.toLocaleString('en-US')} kept.`);
          navigate({ kind: 'list', view: 'unread' });
        }}
      />
    </div>
  );
}
