import { useState, type FormEvent, type Ref } from 'react';
import type { TagCount } from '../../../electron/ipc/api.ts';
import { routeHref, tagKey } from '../lib/route.ts';

interface Props {
  tags: string[];
  /** Every tag in the library, offered as suggestions. */
  suggestions: TagCount[];
  inputRef?: Ref<HTMLInputElement>;
  onAdd: (tags: string[]) => void;
  onRemove: (tag: string) => void;
  /** Tags link to their list when shown in the reader; a bulk editor has nothing to link. */
  linkTags?: boolean;
  idPrefix: string;
  label?: string;
}

/** Splits "a, b,c" into tags; commas separate, spaces stay inside a tag. */
export const parseTags = (text: string): string[] => text.split(',').map((t) => t.trim()).filter(Boolean);

/** Tags edited in place: each with a remove button, and an input with the library's tags as suggestions. */
export function TagEditor({ tags, suggestions, inputRef, onAdd, onRemove, linkTags = true, idPrefix, label = 'Add a tag' }: Props) {
  const [value, setValue] = useState('');
  const have = new Set(tags.map(tagKey));
  const offered = suggestions.filter((s) => !have.has(tagKey(s.name)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const added = parseTags(value);
    if (added.length === 0) return;
    onAdd(added);
    setValue('');
  };

  return (
    <div className="tag-editor">
      {tags.length > 0 && (
        <ul className="reader-tags" aria-label="Tags">
          {tags.map((t) => (
            <li key={t} className="tag-chip">
              {linkTags ? (
                <a className="tag" href={routeHref({ kind: 'list', view: 'all', tag: t })} title={`Everything tagged “${t}”`}>
                  {t}
                </a>
              ) : (
                <span className="tag">{t}</span>
              )}
              <button type="button" className="tag-remove" aria-label={`Remove tag “${t}”`} title="Remove tag" onClick={() => onRemove(t)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="tag-add" onSubmit={submit}>
        <label htmlFor={`${idPrefix}-tag-input`} className="visually-hidden">
          {label}
        </label>
        <input
          id={`${idPrefix}-tag-input`}
          ref={inputRef}
          type="text"
          list={`${idPrefix}-tag-suggestions`}
          autoComplete="off"
          placeholder="Add a tag…"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-keyshortcuts="t"
        />
        <datalist id={`${idPrefix}-tag-suggestions`}>
          {offered.map((s) => (
            <option key={s.name} value={s.name} />
          ))}
        </datalist>
        <button type="submit" className="button button-small" disabled={!value.trim()}>
          Add
        </button>
      </form>
    </div>
  );
}
