import { useRef, type Ref } from 'react';
import { SearchIcon } from './Icons.tsx';

/** The query language's filters, offered as chips that insert themselves into the box
 *  (`in:highlights` searches highlights and their notes only). */
export const SEARCH_CHIPS = ['is:starred', 'is:unread', 'is:archived', 'tag:', 'site:', 'in:highlights'] as const;

interface Props {
  inputRef: Ref<HTMLInputElement>;
  query: string;
  onChange: (query: string) => void;
  /** Enter: remember the query and open the best hit. */
  onSubmit: () => void;
  recent: string[];
  onClearRecent: () => void;
}

/** Adds a chip's text at the end of the query, with a space before it when needed. */
export function insertChip(query: string, chip: string): string {
  const base = query.trimEnd();
  return `${base}${base ? ' ' : ''}${chip}${chip.endsWith(':') ? '' : ' '}`;
}

export function SearchBox({ inputRef, query, onChange, onSubmit, recent, onClearRecent }: Props) {
  const own = useRef<HTMLInputElement | null>(null);
  const setRefs = (el: HTMLInputElement | null) => {
    own.current = el;
    if (typeof inputRef === 'function') inputRef(el);
    else if (inputRef) inputRef.current = el;
  };
  const put = (text: string) => {
    onChange(text);
    // Back in the box with the caret at the end, ready for the value after "tag:".
    requestAnimationFrame(() => {
      const input = own.current;
      if (!input) return;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    });
  };

  return (
    <form
      className="search"
      role="search"
      data-empty={query === '' ? 'true' : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor="search-input" className="visually-hidden">
        Search articles
      </label>
      <SearchIcon />
      <input
        id="search-input"
        ref={setRefs}
        type="search"
        autoComplete="off"
        placeholder="Search"
        value={query}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) onChange('');
        }}
        aria-keyshortcuts="/"
        aria-describedby="search-help"
      />
      {/* Shown while the empty box has focus (CSS), so it never covers results: filters, then recent searches. */}
      <div className="search-panel" id="search-help">
        <div className="search-chips" role="group" aria-label="Search filters">
          {SEARCH_CHIPS.map((chip) => (
            // Mouse down would take focus from the box; keeping it there lets typing go on at once.
            <button key={chip} type="button" className="chip" onMouseDown={(e) => e.preventDefault()} onClick={() => put(insertChip(query, chip))}>
              {chip}
            </button>
          ))}
        </div>
        {recent.length > 0 && (
          <div className="search-recent">
            <h2 id="recent-searches-title" className="search-panel-heading">
              Recent searches
            </h2>
            <ul aria-labelledby="recent-searches-title">
              {recent.map((q) => (
                <li key={q}>
                  <button type="button" className="recent-search" onMouseDown={(e) => e.preventDefault()} onClick={() => put(q)}>
                    {q}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="button button-quiet button-small" onClick={onClearRecent}>
              Clear recent searches
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
