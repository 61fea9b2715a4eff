import { useEffect, useState, type FormEvent, type Ref } from 'react';
import type { ArticleSummary } from '../../../electron/ipc/api.ts';
import { call, errorMessage, subscribe } from '../lib/bridge.ts';
import { normaliseInputUrl } from '../lib/format.ts';

interface Props {
  inputRef: Ref<HTMLInputElement>;
  online: boolean;
  /** While an article is open the confirmation is not shown: it is about the list, not the reader. */
  reading: boolean;
  onSaved: (article: ArticleSummary) => void;
}

/** The "save a link" box. Fetching happens in the core; the list shows its progress. */
export function AddUrlForm({ inputRef, online, reading, onSaved }: Props) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  /** `id`: the article being captured, whose confirmation goes once its capture is over. */
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; id?: string } | null>(null);

  // A confirmation fades after a moment, or as soon as its capture finishes (the row then
  // speaks for itself); an error stays until the next attempt.
  useEffect(() => {
    if (message?.kind !== 'ok') return;
    const timer = setTimeout(() => setMessage(null), 4000);
    const { id } = message;
    const off = id
      ? subscribe('jobProgress', (job) => {
          if (job.id === id && (job.status === 'done' || job.status === 'failed')) setMessage(null);
        })
      : undefined;
    return () => {
      clearTimeout(timer);
      off?.();
    };
  }, [message]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const url = normaliseInputUrl(value);
    if (!url) return;
    setBusy(true);
    setMessage(null);
    try {
      const saved = await call('saveUrl', url);
      setValue('');
      const text = saved.status === 'done' ? 'Already saved.' : online ? 'Saved. Fetching it now…' : 'Saved. It will be fetched when you are back online.';
      setMessage({ kind: 'ok', text, id: saved.status === 'done' ? undefined : saved.id });
      onSaved(saved);
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not save: ${errorMessage(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-url" onSubmit={submit} noValidate>
      <label htmlFor="add-url-input" className="visually-hidden">
        Save a link
      </label>
      <input
        id="add-url-input"
        ref={inputRef}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="Paste a link to save…"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby="add-url-message"
        aria-keyshortcuts="Control+L Meta+L"
      />
      <button type="submit" className="button button-primary" disabled={busy || !value.trim()}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <div id="add-url-message" className="add-url-message">
        <p role="status">{message?.kind === 'ok' && !reading && message.text}</p>
        <p role="alert" className="is-error">
          {message?.kind === 'error' && message.text}
        </p>
      </div>
    </form>
  );
}
