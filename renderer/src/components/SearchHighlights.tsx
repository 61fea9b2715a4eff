import { useState } from 'react';
import type { HighlightSearchHit } from '../../../electron/ipc/api.ts';
import { HighlightCard } from './HighlightCard.tsx';

/** Beside article hits, this many highlight hits are shown until asked for all. */
const SHOWN_BESIDE_ARTICLES = 3;

/** Search results in highlights and notes, each opening its article at the highlight. */
export function SearchHighlights({ hits, besideArticles }: { hits: HighlightSearchHit[]; besideArticles: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const collapsible = besideArticles && hits.length > SHOWN_BESIDE_ARTICLES;
  const shown = collapsible && !expanded ? hits.slice(0, SHOWN_BESIDE_ARTICLES) : hits;
  return (
    <section className="search-highlights" aria-labelledby="search-highlights-title">
      <h2 id="search-highlights-title" className="search-group-heading">
        In your highlights
      </h2>
      <ul className="highlight-cards is-search" aria-labelledby="search-highlights-title">
        {shown.map((hit) => (
          <HighlightCard key={hit.highlight.id} item={hit} snippet={hit.snippet} noteSnippet={hit.noteSnippet} />
        ))}
      </ul>
      {collapsible && (
        <button type="button" className="button button-quiet button-small" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          {expanded ? 'Fewer highlights' : `All ${hits.length} highlights`}
        </button>
      )}
    </section>
  );
}
