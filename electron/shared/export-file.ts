// An export handed to the renderer to save: its suggested name, type and bytes.
export type ExportFormat =
  | 'backup' | 'json' | 'bookmarks' | 'csv' | 'opml' | 'markdown' | 'html'
  /** Highlights and notes: Markdown files, one per article (one article: a single .md), or one JSON file. */
  | 'highlights-markdown' | 'highlights-json';

export interface ExportedFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
  /** How many articles (or feeds, for OPML) it holds. */
  count: number;
}

export const EXPORT_MIME: Record<ExportFormat, string> = {
  backup: 'application/zip',
  json: 'application/json',
  bookmarks: 'text/html',
  csv: 'text/csv',
  opml: 'text/x-opml',
  markdown: 'application/zip',
  html: 'application/zip',
  'highlights-markdown': 'application/zip',
  'highlights-json': 'application/json',
};

const EXTENSION: Record<ExportFormat, string> = {
  backup: 'zip', json: 'json', bookmarks: 'html', csv: 'csv', opml: 'opml', markdown: 'zip', html: 'zip', 'highlights-markdown': 'zip', 'highlights-json': 'json',
};

/** A dated name, e.g. lectern-backup-2026-12-02.zip, lectern-highlights-2026-12-02.json. */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const kind = format === 'opml' ? 'feeds' : format === 'csv' ? 'pocket' : format.startsWith('highlights-') ? 'highlights' : format;
  return `lectern-${kind}-${now.toISOString().slice(0, 10)}.${EXTENSION[format]}`;
}
