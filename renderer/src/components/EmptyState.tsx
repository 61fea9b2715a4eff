import type { ListView } from '../../../electron/ipc/api.ts';

const MESSAGES: Record<ListView, { title: string; body: string }> = {
  unread: { title: 'Nothing to read yet', body: 'Paste a link in the box above (Ctrl+L) and it will be saved here to read offline.' },
  starred: { title: 'No starred articles', body: 'Star the pieces worth keeping (press S) and they will collect here.' },
  archive: { title: 'The archive is empty', body: 'Archive an article when you are done with it (press E) to clear it from Unread.' },
  all: { title: 'Your library is empty', body: 'Everything you save, read or not, will be listed here.' },
};

export function EmptyState({ view, tag }: { view: ListView; tag?: string | undefined }) {
  const { title, body } = tag
    ? { title: `Nothing tagged “${tag}” here`, body: 'Try another view, or show everything in this one.' }
    : MESSAGES[view];
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <p>{body}</p>
    </div>
  );
}
