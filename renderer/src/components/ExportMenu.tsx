// The export choices behind an Export button: a native popover of buttons, each closing it as
// it picks. ExportMenu is the Markdown / HTML pair (the bulk bar); ArticleExportMenu is the
// reader's, which adds the article's highlights.
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import type { Article } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';
import { downloadArticle, downloadHighlights } from '../lib/exportArticle.ts';

export type ArticleExportFormat = 'markdown' | 'html';

interface Props {
  id: string;
  className: string;
  label: string;
  /** What each choice says, e.g. "Markdown (.md)". */
  names: Record<ArticleExportFormat, string>;
  onPick: (format: ArticleExportFormat) => void;
  /** Choices after the two formats (the reader's highlights). */
  children?: ReactNode;
  menuRef?: Ref<HTMLDivElement>;
}

export function ExportMenu({ id, className, label, names, onPick, children, menuRef }: Props) {
  return (
    <div ref={menuRef} id={id} className={className} popover="auto" role="group" aria-label={label}>
      {(['markdown', 'html'] as const).map((format) => (
        <button key={format} type="button" className="button button-quiet" popoverTarget={id} popoverTargetAction="hide" onClick={() => onPick(format)}>
          {names[format]}
        </button>
      ))}
      {children}
    </div>
  );
}

interface ArticleExportMenuProps {
  article: Article;
  /** Where a failed export is told (the highlights are asked of the core). */
  onError?: (message: string) => void;
}

/**
 * The reader's Export menu, id "export-menu" (the toolbar's button targets it). The article's
 * highlights are counted each time the menu opens, so one added since is there to export.
 */
export function ArticleExportMenu({ article, onError }: ArticleExportMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const [highlightCount, setHighlightCount] = useState<number | null>(null);
  const articleId = article.id;

  useEffect(() => {
    const element = menu.current;
    if (!element) return;
    let current = true;
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState !== 'open') return;
      call('listHighlights', articleId).then(
        (highlights) => current && setHighlightCount(highlights.length),
        () => current && setHighlightCount(0),
      );
    };
    element.addEventListener('toggle', onToggle);
    setHighlightCount(null);
    return () => {
      current = false;
      element.removeEventListener('toggle', onToggle);
    };
  }, [articleId]);

  const exportHighlights = () => {
    call('listHighlights', articleId).then(
      (highlights) => downloadHighlights(article, highlights),
      (error: unknown) => onError?.(`Could not export the highlights: ${errorMessage(error)}`),
    );
  };

  return (
    <ExportMenu
      id="export-menu"
      className="export-menu"
      label="Export as"
      names={{ markdown: 'Markdown (.md)', html: 'HTML (.html)' }}
      onPick={(format) => downloadArticle(article, format)}
      menuRef={menu}
    >
      <button
        type="button"
        className="button button-quiet"
        popoverTarget="export-menu"
        popoverTargetAction="hide"
        disabled={!highlightCount}
        title={highlightCount === 0 ? 'This article has no highlights yet' : undefined}
        onClick={exportHighlights}
      >
        Highlights as Markdown
      </button>
    </ExportMenu>
  );
}
