import { useState } from 'react';
import { call, errorMessage } from '../lib/bridge.ts';
import { navigate, type ListRoute } from '../lib/route.ts';

/**
 * Renames the tag a list is filtered by; naming it as another tag merges the two (the core
 * keeps every article's links). The list follows the tag to its new name.
 */
export function TagRename({ route, tag }: { route: ListRoute; tag: string }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(tag);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (!editing) {
    return (
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => {
          setName(tag);
          setError(null);
          setEditing(true);
        }}
      >
        Rename tag
      </button>
    );
  }
  const submit = async () => {
    const to = name.trim();
    if (!to || to === tag) {
      setEditing(false);
      return;
    }
    setSaving(true);
    try {
      await call('renameTag', tag, to);
      setEditing(false);
      navigate({ ...route, tag: to });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      className="tag-rename"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setEditing(false);
        }
      }}
    >
      <label>
        <span className="visually-hidden">New name for “{tag}”</span>
        <input type="text" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} autoFocus disabled={saving} />
      </label>
      <button type="submit" className="button button-small" disabled={saving}>
        Rename
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && (
        <p className="is-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
