import { memo } from 'react';
import type { HighlightWithArticle } from '../../../electron/ipc/api.ts';
import { formatDate, siteLabel } from '../lib/format.ts';
import { routeHref } from '../lib/route.ts';
import { sanitizeSnippet } from '../lib/sanitize.ts';

interface Props {
  item: HighlightWithArticle;
  /** Search snippets (escaped text with <mark>), shown instead of the quote and the note. */
  snippet?: string | undefined;
  noteSnippet?: string | null | undefined;
  /** Position in a windowed list (1-based) and the list's full length, for assistive tech. */
  posInSet?: number;
  setSize?: number;
  /** A fixed height, so the list can be windowed. */
  height?: number;
}

/** Where a highlight opens: its article, scrolled to it. */
export const highlightHref = ({ highlight }: HighlightWithArticle): string =>
  routeHref({ kind: 'reader', id: highlight.articleId, highlight: highlight.id });

/** One highlight: its quote in its colour, its note, and the article it is from. */
export const HighlightCard = memo(function HighlightCard({ item, snippet, noteSnippet, posInSet, setSize, height }: Props) {
  const { highlight, article } = item;
  return (
    <li className="highlight-card" data-color={highlight.color} aria-posinset={posInSet} aria-setsize={setSize} style={height ? { height } : undefined}>
      <a className="highlight-card-link" href={highlightHref(item)}>
        {/* A paragraph, not a blockquote: a blockquote's text is left out of the link's name. */}
        <p className="highlight-card-quote">
          <span className="visually-hidden">{`${highlight.color} highlight: `}</span>
          {snippet !== undefined ? (
            <span className="highlight-card-text" dangerouslySetInnerHTML={{ __html: sanitizeSnippet(snippet) }} />
          ) : (
            <span className="highlight-card-text">{highlight.quote}</span>
          )}
        </p>
        {(noteSnippet || highlight.note) && (
          <p className="highlight-card-note">
            <span className="visually-hidden">Note: </span>
            {noteSnippet ? <span dangerouslySetInnerHTML={{ __html: sanitizeSnippet(noteSnippet) }} /> : highlight.note}
          </p>
        )}
        <p className="highlight-card-meta">
          <span className="highlight-card-title">{article.title || article.url}</span>
          <span>{siteLabel(article.siteName, article.url)}</span>
          <time dateTime={highlight.createdAt}>{formatDate(highlight.createdAt)}</time>
          {highlight.orphaned && (
            <span className="highlight-orphaned" title="This passage is no longer found in the article's current text">
              Orphaned
            </span>
          )}
        </p>
      </a>
    </li>
  );
});
