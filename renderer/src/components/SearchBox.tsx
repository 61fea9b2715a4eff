import type { Ref } from 'react';
import { SearchIcon } from './Icons.tsx';

interface Props {
  inputRef: Ref<HTMLInputElement>;
  query: string;
  onChange: (query: string) => void;
}

export function SearchBox({ inputRef, query, onChange }: Props) {
  return (
    <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="search-input" className="visually-hidden">
        Search articles
      </label>
      <SearchIcon />
      <input
        id="search-input"
        ref={inputRef}
        type="search"
        autoComplete="off"
        placeholder="Search"
        value={query}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) onChange('');
        }}
        aria-keyshortcuts="/"
      />
    </form>
  );
}
