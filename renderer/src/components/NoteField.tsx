import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../lib/bridge.ts';

const SAVE_AFTER_MS = 800;

interface Props {
  articleId: string;
  note: string | null;
}

/** The reader's own note: saved a moment after typing stops, and at once on leaving the field. */
export function NoteField({ articleId, note }: Props) {
  const [text, setText] = useState(note ?? '');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | string>('idle');
  const saved = useRef(note ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Another article, or the note changed elsewhere while this field is not being edited.
  useEffect(() => {
    if (text === saved.current) setText(note ?? '');
    saved.current = note ?? '';
    // Keyed on the incoming note only: a keystroke must not reset the field.
  }, [articleId, note]);

  const save = (value: string) => {
    clearTimeout(timer.current);
    if (value === saved.current) return;
    saved.current = value;
    setStatus('saving');
    call('setNote', articleId, value)
      .then(() => setStatus('saved'))
      .catch((err: unknown) => setStatus(`Not saved: ${errorMessage(err)}`));
  };

  // Leaving the article (or the app) saves what was typed.
  const latest = useRef({ save, text });
  latest.current = { save, text };
  useEffect(() => () => latest.current.save(latest.current.text), [articleId]);

  return (
    <div className="note-field">
      <label htmlFor="article-note">Note</label>
      <textarea
        id="article-note"
        rows={2}
        placeholder="Your notes on this article…"
        value={text}
        onChange={(e) => {
          const value = e.target.value;
          setText(value);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => save(value), SAVE_AFTER_MS);
        }}
        onBlur={() => save(text)}
        aria-describedby="article-note-status"
      />
      <p id="article-note-status" className="note-status" role="status">
        {status === 'saving' ? 'Saving…' : status === 'saved' ? 'Saved' : status === 'idle' ? '' : status}
      </p>
    </div>
  );
}
