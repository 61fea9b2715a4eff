import { memo, type MouseEvent, type SyntheticEvent } from 'react';
import type { ArticleSummary } from '../../../electron/ipc/api.ts';
import { formatReadingTime, localImage, siteLabel } from '../lib/format.ts';
import { routeHref } from '../lib/route.ts';
import { sanitizeSnippet } from '../lib/sanitize.ts';
import { ArchiveIcon, RetryIcon, StarIcon } from './Icons.tsx';

export interface RowActions {
  onFocusRow: (index: number) => void;
  onStar: (article: ArticleSummary) => void;
  onArchive: (article: ArticleSummary) => void;
  onRetry: (article: ArticleSummary) => void;
  /** Stops a waiting or running capture (it is then shown as failed, with Retry). */
  onCancel: (article: ArticleSummary) => void;
  /** Multi-select: 'toggle' for Ctrl/Cmd-click and the checkbox, 'range' for Shift-click. */
  onSelect: (index: number, how: 'toggle' | 'range') => void;
}

interface Props extends RowActions {
  article: ArticleSummary;
  index: number;
  /** The list's full length, for assistive tech (only a window of rows is in the DOM). */
  setSize: number;
  height: number;
  selected: boolean;
  /** In the multi-selection (bulk actions apply to it). */
  checked: boolean;
  /** Offline, waiting captures are waiting for the network, not being fetched. */
  online: boolean;
  /** Search snippet (escaped text with <mark>); shown instead of the excerpt. */
  snippet?: string;
}

function ArticleStatus({ article, title, online, onRetry, onCancel }: { article: ArticleSummary; title: string; online: boolean; onRetry: RowActions['onRetry']; onCancel: RowActions['onCancel'] }) {
  if (article.status === 'pending' || article.status === 'fetching') {
    return (
      <div className={`row-status ${article.status === 'pending' && !online ? 'is-waiting' : 'is-busy'}`}>
        <span>{article.status === 'pending' && !online ? 'Waiting for a connection…' : 'Fetching…'}</span>
        <button type="button" className="button button-small button-quiet" aria-label={`Cancel saving “${title}”`} onClick={() => onCancel(article)}>
          Cancel
        </button>
      </div>
    );
  }
  if (article.status === 'failed') {
    return (
      <div className="row-status is-failed">
        <span>Failed: {article.error ?? 'unknown error'}</span>
        <button type="button" className="button button-small" aria-label={`Retry “${title}”`} onClick={() => onRetry(article)}>
          <RetryIcon />
          Retry
        </button>
      </div>
    );
  }
  return null;
}

/** A site icon that will not load is left out rather than shown broken. */
const hideImage = (event: SyntheticEvent<HTMLImageElement>): void => {
  event.currentTarget.hidden = true;
};

/** Shift/Ctrl/Cmd-click selects instead of opening, as in a file manager. */
function selectInstead(event: MouseEvent, index: number, onSelect: Props['onSelect']): void {
  if (!event.shiftKey && !event.ctrlKey && !event.metaKey) return;
  event.preventDefault();
  onSelect(index, event.shiftKey ? 'range' : 'toggle');
}

export const ArticleRow = memo(function ArticleRow({ article, index, setSize, height, selected, checked, online, snippet, onFocusRow, onStar, onArchive, onRetry, onCancel, onSelect }: Props) {
  const thumb = localImage(article.leadImage);
  const favicon = localImage(article.favicon);
  const title = article.title || article.url;
  const readable = article.status === 'done';
  const content = (
    <>
      <div className="row-text">
        <h2 className="row-title">{title}</h2>
        <p className="row-meta">
          <span className="row-site">
            {/* Keyed by source: a hidden broken icon must not hide the next one shown here. */}
            {favicon && <img key={favicon} className="row-favicon" src={favicon} alt="" width={16} height={16} loading="lazy" onError={hideImage} />}
            {siteLabel(article.siteName, article.url)}
          </span>
          {readable && <span>{formatReadingTime(article.readingMinutes)}</span>}
          {readable && article.progress > 0.02 && <span>{article.progress >= 0.98 ? 'Finished' : `${Math.round(article.progress * 100)}% read`}</span>}
          {article.tags.length > 0 && (
            <span className="row-tags">
              <span className="visually-hidden">Tags: </span>
              {article.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </span>
          )}
        </p>
        {snippet !== undefined ? (
          <p className="row-excerpt row-snippet" dangerouslySetInnerHTML={{ __html: sanitizeSnippet(snippet) }} />
        ) : (
          readable && article.excerpt && <p className="row-excerpt">{article.excerpt}</p>
        )}
        {!readable && <ArticleStatus article={article} title={title} online={online} onRetry={onRetry} onCancel={onCancel} />}
      </div>
      {thumb && <img className="row-thumb" src={thumb} alt="" loading="lazy" decoding="async" />}
    </>
  );
  return (
    <li
      className={`row${selected ? ' is-selected' : ''}${checked ? ' is-checked' : ''}`}
      data-status={article.status}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      style={{ height }}
    >
      {readable ? (
        <a className="row-link" href={routeHref({ kind: 'reader', id: article.id })} data-row-index={index} onFocus={() => onFocusRow(index)} onClick={(e) => selectInstead(e, index, onSelect)}>
          {content}
        </a>
      ) : (
        // Nothing to read yet, so not a link; still focusable for j/k; Retry and Cancel are buttons.
        <div className="row-link" tabIndex={-1} data-row-index={index} onFocus={() => onFocusRow(index)} onClick={(e) => selectInstead(e, index, onSelect)}>
          {content}
        </div>
      )}
      <div className="row-actions">
        <label className="row-check" title="Select (x)">
          <input
            type="checkbox"
            checked={checked}
            aria-label={`Select “${title}”`}
            onChange={() => undefined}
            onClick={(e) => onSelect(index, e.shiftKey ? 'range' : 'toggle')}
          />
        </label>
        <button
          type="button"
          className="icon-button"
          aria-pressed={article.starred}
          aria-label={`Star “${title}”`}
          title={article.starred ? 'Unstar' : 'Star'}
          onClick={() => onStar(article)}
        >
          <StarIcon filled={article.starred} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-pressed={article.archived}
          aria-label={`Archive “${title}”`}
          title={article.archived ? 'Move back to Unread' : 'Archive'}
          onClick={() => onArchive(article)}
        >
          <ArchiveIcon filled={article.archived} />
        </button>
      </div>
    </li>
  );
});
