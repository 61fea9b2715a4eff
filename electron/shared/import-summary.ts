// What an import of exported links reports back: how many were added, and what was skipped.

export interface ImportSummary {
  /** Which export format was recognised. */
  format: string;
  added: number;
  alreadySaved: number;
  problemCount: number;
  /** The first problems, each with its row in the file and why it was skipped. */
  problems: Array<{ row: number; reason: string }>;
}

export type ImportFormatName = 'pocket' | 'instapaper' | 'omnivore' | 'wallabag' | 'readwise' | 'bookmarks' | 'urls' | 'json' | 'opml';

export interface RejectedRow {
  /** 1-based line or item in the file (0: the file as a whole). */
  row: number;
  /** The file inside a zip the row came from, or null. */
  file: string | null;
  reason: string;
}

/** The report at the end of an import: every row is counted, every rejected row listed. */
export interface ImportReport {
  /** The format read (detected or given). */
  format: string;
  /** New articles. */
  imported: number;
  /** Rows for articles already in the library (merged: their tags and states added). */
  duplicates: number;
  rejected: number;
  highlights: number;
  /** Feeds subscribed (OPML, or a JSON export's feeds). */
  feeds: number;
  /** Every rejected row, in file order. */
  rejectedRows: RejectedRow[];
  /** Stopped by the reader before the end; what was read so far is in. */
  cancelled: boolean;
  /** This import's articles, now waiting to be fetched for offline reading. */
  queued: number;
  durationMs: number;
}
