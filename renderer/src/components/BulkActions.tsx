import type { Ref } from 'react';
import type { ArticleSummary, TagCount } from '../../../electron/ipc/api.ts';
import { ArchiveIcon, DownloadIcon, StarIcon, TrashIcon } from './Icons.tsx';
import { TagEditor } from './TagEditor.tsx';
import { ExportMenu } from './ExportMenu.tsx';

export interface BulkHandlers {
  onArchive: (articles: ArticleSummary[]) => void;
  onStar: (articles: ArticleSummary[]) => void;
  onTag: (articles: ArticleSummary[], tags: string[]) => void;
  onDelete: (articles: ArticleSummary[]) => void;
  /** Saves the articles as Markdown or HTML files (a zip made by the core). */
  onExport: (articles: ArticleSummary[], format: 'markdown' | 'html') => void;
  onClear: () => void;
}

interface Props extends BulkHandlers {
  selected: ArticleSummary[];
  tagSuggestions: TagCount[];
  tagInputRef: Ref<HTMLInputElement>;
}

/** Shown while rows are selected: acts on all of them at once. */
export function BulkActions({ selected, tagSuggestions, tagInputRef, onArchive, onStar, onTag, onDelete, onExport, onClear }: Props) {
  const allArchived = selected.every((a) => a.archived);
  const allStarred = selected.every((a) => a.starred);
  return (
    <div className="bulk-actions" role="toolbar" aria-label="Selected articles">
      <p className="bulk-count">{selected.length.toLocaleString('en-US')} selected</p>
      <button type="button" className="button button-small" onClick={() => onArchive(selected)}>
        <ArchiveIcon filled={allArchived} />
        {allArchived ? 'Unarchive' : 'Archive'}
      </button>
      <button type="button" className="button button-small" onClick={() => onStar(selected)}>
        <StarIcon filled={allStarred} />
        {allStarred ? 'Unstar' : 'Star'}
      </button>
      <TagEditor
        idPrefix="bulk"
        label="Tag the selected articles"
        tags={[]}
        suggestions={tagSuggestions}
        inputRef={tagInputRef}
        onAdd={(tags) => onTag(selected, tags)}
        onRemove={() => undefined}
      />
      <button type="button" className="button button-small bulk-export-button" popoverTarget="bulk-export-menu">
        <DownloadIcon />
        Export
      </button>
      <ExportMenu
        id="bulk-export-menu"
        className="export-menu bulk-export-menu"
        label="Export the selected articles as"
        names={{ markdown: 'Markdown (.zip)', html: 'HTML (.zip)' }}
        onPick={(format) => onExport(selected, format)}
      />
      <button type="button" className="button button-small is-danger" onClick={() => onDelete(selected)} aria-keyshortcuts="#">
        <TrashIcon />
        Delete
      </button>
      <button type="button" className="button button-small button-quiet" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
