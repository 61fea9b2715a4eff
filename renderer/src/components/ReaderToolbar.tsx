import type { Article } from '../../../electron/ipc/api.ts';
import { call } from '../lib/bridge.ts';
import { ArchiveIcon, BackIcon, CopyIcon, DownloadIcon, ExternalIcon, RetryIcon, StarIcon, TrashIcon } from './Icons.tsx';
import { HighlightIcon } from './HighlightPanel.tsx';
import { ArticleExportMenu } from './ExportMenu.tsx';

export interface ReaderActions {
  onBack: () => void;
  onStar: () => void;
  onArchive: () => void;
  onRetry: () => void;
  onDelete: () => void;
  onCopyLink: () => void;
  onAddTags: (tags: string[]) => void;
  onRemoveTag: (tag: string) => void;
}

/** The highlights panel's toggle, with how many the article has. */
export interface HighlightsToggle {
  count: number;
  open: boolean;
  panelId: string;
  onToggle: () => void;
}

interface Props {
  article: Article | null;
  actions: ReaderActions;
  highlights?: HighlightsToggle;
}

/** The reader's header actions. Export is a native popover, so Esc and outside clicks close it. */
export function ReaderToolbar({ article, actions, highlights }: Props) {
  return (
    <div className="reader-toolbar" role="toolbar" aria-label="Article">
      <button type="button" className="button button-quiet" onClick={actions.onBack} aria-keyshortcuts="u Escape">
        <BackIcon />
        Back
      </button>
      {article && (
        <div className="reader-actions">
          <button type="button" className="button button-quiet" aria-pressed={article.starred} onClick={actions.onStar} aria-keyshortcuts="s">
            <StarIcon filled={article.starred} />
            Star
          </button>
          <button type="button" className="button button-quiet" aria-pressed={article.archived} onClick={actions.onArchive} aria-keyshortcuts="e">
            <ArchiveIcon filled={article.archived} />
            Archive
          </button>
          {highlights && article.status === 'done' && (
            <button
              type="button"
              className="button button-quiet highlights-toggle"
              aria-pressed={highlights.open}
              aria-controls={highlights.open ? highlights.panelId : undefined}
              aria-keyshortcuts="Shift+H"
              title="Highlights and notes (Shift+H)"
              onClick={highlights.onToggle}
            >
              <HighlightIcon />
              Highlights
              <span className="highlights-count">{highlights.count}</span>
            </button>
          )}
          <a
            className="button button-quiet"
            href={article.url}
            onClick={(e) => {
              e.preventDefault();
              void call('openExternal', article.url);
            }}
          >
            <ExternalIcon />
            Open original
          </a>
          {/* Secondary actions: icon-only, named for assistive tech and with a tooltip, so the
              toolbar stays on one line at any window width the reader column allows. */}
          <span className="reader-actions-divider" aria-hidden="true" />
          <button
            type="button"
            className="icon-button"
            onClick={actions.onRetry}
            disabled={article.status === 'pending' || article.status === 'fetching'}
            aria-label="Re-fetch"
            title="Re-fetch: fetch the page again"
          >
            <RetryIcon />
          </button>
          <button type="button" className="icon-button" onClick={actions.onCopyLink} aria-label="Copy link" title="Copy link">
            <CopyIcon />
          </button>
          <button
            type="button"
            className="icon-button export-button"
            popoverTarget="export-menu"
            disabled={article.status !== 'done'}
            aria-label="Export"
            title="Export as Markdown or HTML"
          >
            <DownloadIcon />
          </button>
          <ArticleExportMenu article={article} />
          <button type="button" className="icon-button is-danger" onClick={actions.onDelete} aria-keyshortcuts="#" aria-label="Delete" title="Delete (#)">
            <TrashIcon />
          </button>
        </div>
      )}
    </div>
  );
}
