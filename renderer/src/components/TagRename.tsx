import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../lib/bridge.ts';
import { navigate, type ListRoute } from '../lib/route.ts';

// The core keeps tag names to this length (electron/library/tag-names.ts).
const MAX_TAG_LENGTH = 64;

/**
 * Renames the tag a list is filtered by; naming it as another tag merges the two (the core
 * keeps every article's links). The list follows the tag to its name as stored. Focus goes
 * back to the Rename button when the form closes, and the result is announced.
 */
export function TagRename({ route, tag }: { route: ListRoute; tag: string }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(tag);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [shownTag, setShownTag] = useState(tag);
  const saving = useRef(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const wasEditing = useRef(false);

  // Another tag's list: start over (during render, as React recommends for a changed prop).
  if (shownTag !== tag) {
    setShownTag(tag);
    setEditing(false);
    setError(null);
  }
  useEffect(() => {
    if (wasEditing.current && !editing) buttonRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const submit = async () => {
    const to = name.trim();
    if (saving.current) return;
    if (!to || to === tag) {
      setEditing(false);
      return;
    }
    saving.current = true;
    try {
      const result = await call('renameTag', tag, to);
      if (!result.renamed || !result.name) {
        setError(`There is no tag “${tag}” any more.`);
        inputRef.current?.focus();
        return;
      }
      setAnnouncement(`Renamed “${tag}” to “${result.name}”.`);
      setEditing(false);
      navigate({ ...route, tag: result.name });
    } catch (caught) {
      setError(errorMessage(caught));
      inputRef.current?.focus();
    } finally {
      saving.current = false;
    }
  };

  return (
    <div className="tag-rename">
      {editing ? (
        <form
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
            <input ref={inputRef} type="text" value={name} onChange={(event) => setName(event.target.value)} maxLength={MAX_TAG_LENGTH} autoFocus />
          </label>
          <button type="submit" className="button button-small">
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
      ) : (
        <button
          ref={buttonRef}
          type="button"
          className="button button-small button-quiet"
          onClick={() => {
            setName(tag);
            setError(null);
            setAnnouncement('');
            setEditing(true);
          }}
        >
          Rename tag
        </button>
      )}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </div>
  );
}
