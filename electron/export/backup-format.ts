// The full backup's layout, shared by the writer (full-backup.ts) and the restore:
//
//   lectern-backup.json   manifest: format, version, when, counts (written last: counts are known then)
//   feeds.json            PortableFeed[]
//   articles.jsonl        one PortableArticle per line, oldest first
//   highlights.jsonl      one PortableHighlight per line
//   assets/<sha256>       every image a live article shows, named by the hash of its bytes
//
// JSON lines rather than one document: a restore reads them a line at a time, and one damaged
// line costs that record only.

export const BACKUP_FORMAT = 'lectern-backup';
export const BACKUP_VERSION = 1;

export const BACKUP_FILES = {
  manifest: 'lectern-backup.json',
  feeds: 'feeds.json',
  articles: 'articles.jsonl',
  highlights: 'highlights.jsonl',
} as const;

export const ASSET_ENTRY = /^assets\/([0-9a-f]{64})$/;
export const assetEntryName = (hash: string): string => `assets/${hash}`;

export interface BackupCounts {
  articles: number;
  feeds: number;
  highlights: number;
  assets: number;
  /** Images an article shows whose file is gone, or whose bytes no longer match their hash. */
  missingAssets: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  counts: BackupCounts;
}
