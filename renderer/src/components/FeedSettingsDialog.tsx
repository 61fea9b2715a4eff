import { useEffect, useRef, useState } from 'react';
import type { Feed, FeedSettings } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { DialogError } from './DialogParts.tsx';

interface Props {
  feed: Feed;
  open: boolean;
  folders: string[];
  onClose: () => void;
  onUnsubscribed: (outcome: { removed: number; kept: number }) => void;
}

interface Draft {
  title: string;
  folder: string;
  fetchFull: boolean;
  limitDays: boolean;
  keepDays: string;
  limitItems: boolean;
  keepItems: string;
}

const draftOf = (feed: Feed): Draft => ({
  title: feed.title,
  folder: feed.folder ?? '',
  fetchFull: feed.fetchFull,
  limitDays: feed.keepDays !== null,
  keepDays: String(feed.keepDays ?? 30),
  limitItems: feed.keepItems !== null,
  keepItems: String(feed.keepItems ?? 200),
});

/** A whole number in range, or null (the field then says why). */
function count(text: string, max: number): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** Only what changed is sent, so a title the feed itself renames later is not pinned by a Save. */
function changes(feed: Feed, draft: Draft): FeedSettings | string {
  const settings: FeedSettings = {};
  const title = draft.title.trim();
  if (title !== feed.title) settings.title = title || null;
  const folder = draft.folder.trim() || null;
  if (folder !== feed.folder) settings.folder = folder;
  if (draft.fetchFull !== feed.fetchFull) settings.fetchFull = draft.fetchFull;
  const keepDays = draft.limitDays ? count(draft.keepDays, 36_500) : null;
  if (draft.limitDays && keepDays === null) return 'Days to keep must be a whole number from 1 to 36,500.';
  if (keepDays !== feed.keepDays) settings.keepDays = keepDays;
  const keepItems = draft.limitItems ? count(draft.keepItems, 1_000_000) : null;
  if (draft.limitItems && keepItems === null) return 'Items to keep must be a whole number from 1 to 1,000,000.';
  if (keepItems !== feed.keepItems) settings.keepItems = keepItems;
  return settings;
}

/**
 * One feed's settings: its name, folder, whether to fetch full pages, how long to keep its items;
 * and unsubscribing, confirmed in place. A blank name goes back to the feed's own title.
 */
export function FeedSettingsDialog({ feed, open, folders, onClose, onUnsubscribed }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(feed));
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const busy = useRef(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setDraft(draftOf(feed));
      setError(null);
      setConfirming(false);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
    // Reset from the feed as it is when the dialog opens, not on every count change while open.
  }, [open]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async () => {
    if (busy.current) return;
    const settings = changes(feed, draft);
    if (typeof settings === 'string') {
      setError(settings);
      return;
    }
    if (Object.keys(settings).length === 0) {
      ref.current?.close();
      return;
    }
    busy.current = true;
    try {
      await call('updateFeed', feed.id, settings);
      ref.current?.close();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      busy.current = false;
    }
  };

  const unsubscribe = async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const outcome = await call('removeFeed', feed.id);
      ref.current?.close();
      onUnsubscribed(outcome);
    } catch (caught) {
      setError(errorMessage(caught));
      setConfirming(false);
    } finally {
      busy.current = false;
    }
  };

  return (
    <dialog ref={ref} className="modal-dialog feed-dialog" aria-labelledby="feed-settings-title" onClose={onClose}>
      <h2 id="feed-settings-title">Feed settings</h2>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input type="text" value={draft.title} maxLength={300} onChange={(e) => set('title', e.target.value)} />
        </label>
        <label className="field">
          <span>Folder</span>
          <input type="text" list="feed-settings-folders" autoComplete="off" maxLength={300} value={draft.folder} onChange={(e) => set('folder', e.target.value)} />
          <datalist id="feed-settings-folders">
            {folders.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.fetchFull} onChange={(e) => set('fetchFull', e.target.checked)} />
          Fetch full articles (for items that carry only a summary)
        </label>
        <fieldset className="feed-retention">
          <legend>Keep</legend>
          <div className="retention-row">
            <label className="check">
              <input type="checkbox" checked={draft.limitDays} onChange={(e) => set('limitDays', e.target.checked)} />
              Only items from the last
            </label>
            <input
              type="number"
              min={1}
              max={36_500}
              aria-label="Days to keep"
              value={draft.keepDays}
              disabled={!draft.limitDays}
              onChange={(e) => set('keepDays', e.target.value)}
            />
            <span aria-hidden="true">days</span>
          </div>
          <div className="retention-row">
            <label className="check">
              <input type="checkbox" checked={draft.limitItems} onChange={(e) => set('limitItems', e.target.checked)} />
              Only the newest
            </label>
            <input
              type="number"
              min={1}
              max={1_000_000}
              aria-label="Items to keep"
              value={draft.keepItems}
              disabled={!draft.limitItems}
              onChange={(e) => set('keepItems', e.target.value)}
            />
            <span aria-hidden="true">items</span>
          </div>
          <p className="field-hint">Starred, tagged and annotated articles are always kept.</p>
        </fieldset>
        <DialogError message={error} />
        <div className="dialog-buttons">
          <button type="submit" className="button button-primary">
            Save
          </button>
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
      <div className="feed-unsubscribe">
        {confirming ? (
          <>
            <p>Unsubscribe from “{feed.title}”? Its unread articles go; starred, archived and tagged ones stay in your library.</p>
            <div className="dialog-buttons">
              <button ref={confirmRef} type="button" className="button is-danger" onClick={() => void unsubscribe()}>
                Unsubscribe
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Keep the feed
              </button>
            </div>
          </>
        ) : (
          <button type="button" className="button button-quiet is-danger" onClick={() => setConfirming(true)}>
            Unsubscribe…
          </button>
        )}
      </div>
    </dialog>
  );
}
