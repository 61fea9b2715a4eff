import { useState } from 'react';
import { useAutosavedText } from '../hooks/useAutosavedText.ts';
import { call, errorMessage } from '../lib/bridge.ts';

interface Props {
  articleId: string;
  note: string | null;
}

/** The reader's own note: saved a moment after typing stops, and at once on leaving the field. */
export function NoteField({ articleId, note }: Props) {
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | string>('idle');
  const field = useAutosavedText(
    note ?? '',
    (value) => {
      setStatus('saving');
      call('setNote', articleId, value)
        .then(() => setStatus('saved'))
        .catch((err: unknown) => setStatus(`Not saved: ${errorMessage(err)}`));
    },
    articleId,
  );

  return (
    <div className="note-field">
      <label htmlFor="article-note">Note</label>
      <textarea id="article-note" rows={2} placeholder="Your notes on this article…" {...field} aria-describedby="article-note-status" />
      <p id="article-note-status" className="note-status" role="status">
        {status === 'saving' ? 'Saving…' : status === 'saved' ? 'Saved' : status === 'idle' ? '' : status}
      </p>
    </div>
  );
}
