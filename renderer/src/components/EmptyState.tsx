import type { ListView } from '../../../electron/ipc/api.ts';

const MESSAGES: Record<ListView, { title: string; body: string }> = {
  unread: { title: 'Nothing to read yet', body: 'Paste a link in the box above (Ctrl+L) and it will be saved here to read offline.' },
  starred: { title: 'No starred articles', body: 'Star the pieces worth keeping (press S) and they will collect here.' },
  archive: { title: 'The archive is empty', body: 'Archive an article when you are done with it (press E) to clear it from Unread.' },
  all: { title: 'Your library is empty', body: 'Everything you save, read or not, will be listed here.' },
};

/** `feed`: a feed's list (null: a feed no longer subscribed). */
export function EmptyState({ view, tag, feed }: { view: ListView; tag?: string | undefined; feed?: string | null | undefined }) {
  const { title, body } =
    feed === null
      ? { title: 'No such feed', body: 'This feed is no longer subscribed; its articles you kept are still in your library.' }
      : feed !== undefined
        ? view === 'unread'
          ? { title: 'Nothing unread from this feed', body: 'New articles appear here when the feed is refreshed.' }
          : { title: 'No articles from this feed yet', body: 'New articles appear here when the feed is refreshed.' }
        : tag
          ? { title: `Nothing tagged “${tag}” here`, body: 'Try another view, or show everything in this one.' }
          : MESSAGES[view];
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <p>{body}</p>
    </div>
  );
}
