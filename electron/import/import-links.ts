// Brings an export from another reader into the library as it streams in: each good row
// becomes an article waiting to be fetched (or saved from the body it brought), with its tags,
// states, note and highlights; each bad row is reported with its line and reason, and skipped.
// Rows are written 1,000 to a transaction (about 60 ms each); between chunks the process gets
// back to other work, so the app stays responsive and a cancel lands within one chunk.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CaptureError } from '../capture/capture-error.ts';
import { normalizeUrl } from '../capture/normalize-url.ts';
import type { Library } from '../library/library.ts';
import type { ImportReport, ImportSummary, RejectedRow } from '../shared/import-summary.ts';
import type { ImportedFeed, ImportedLink, ImportFormat, ImportSource } from './imported-link.ts';
import { readImport } from './read-import.ts';

/** Rows per transaction. */
const CHUNK = 1000;
/** A larger export is imported up to here, and the rest reported, not silently dropped. */
export const MAX_IMPORT_ROWS = 1_000_000;
/** Rejected rows listed in the report; beyond this only counted (a file of pure garbage). */
const LISTED_REJECTS = 100_000;

export interface ImportOptions {
  format?: ImportFormat;
  signal?: AbortSignal;
  onProgress?: (progress: { rows: number; bytesRead: number; totalBytes: number | null }) => void;
}

interface Tally {
  imported: number;
  duplicates: number;
  rejected: number;
  highlights: number;
  feeds: number;
  rows: number;
  rejectedRows: RejectedRow[];
}

export async function importFile(library: Library, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const tally: Tally = { imported: 0, duplicates: 0, rejected: 0, highlights: 0, feeds: 0, rows: 0, rejectedRows: [] };
  const reject = (row: RejectedRow) => {
    tally.rejected++;
    if (tally.rejectedRows.length < LISTED_REJECTS) tally.rejectedRows.push(row);
  };
  let format: string = options.format ?? 'detected';
  let links: ImportedLink[] = [];
  let feeds: ImportedFeed[] = [];
  let progress = { bytesRead: 0, totalBytes: null as number | null };
  const flush = async () => {
    const [linkChunk, feedChunk] = [links, feeds];
    links = [];
    feeds = [];
    // Oldest saved first within a chunk, so insertion order (what a broad search calls newest)
    // follows the saved dates; undated links keep their file order, after the rest.
    linkChunk.sort((a, b) => (a.savedAt === b.savedAt ? 0 : a.savedAt === null ? 1 : b.savedAt === null ? -1 : a.savedAt < b.savedAt ? -1 : 1));
    library.batch(() => {
      writeLinks(library, linkChunk, tally, reject);
      for (const feed of feedChunk) writeFeed(library, feed, tally, reject);
    });
    options.onProgress?.({ rows: tally.rows, ...progress });
    await nextTurn();
  };
  let cancelled = false;
  const restoreCheckpoints = library.deferCheckpoints();
  try {
    for await (const event of readImport(source, { ...(options.format ? { format: options.format } : {}), ...(options.signal ? { signal: options.signal } : {}) })) {
      if (event.kind === 'progress') {
        progress = { bytesRead: event.bytesRead, totalBytes: event.totalBytes };
        continue;
      }
      if (event.kind === 'format') {
        format = event.format;
        continue;
      }
      tally.rows++;
      if (event.kind === 'problem') reject(event.problem);
      else if (tally.rows > MAX_IMPORT_ROWS) reject({ row: event.kind === 'link' ? event.link.row : event.feed.row, file: null, reason: `only the first ${MAX_IMPORT_ROWS.toLocaleString('en')} rows are imported at once` });
      else if (event.kind === 'link') links.push(event.link);
      else feeds.push(event.feed);
      if (links.length + feeds.length >= CHUNK) await flush();
      if (options.signal?.aborted) throw options.signal.reason;
    }
    await flush();
  } catch (error) {
    if (!options.signal?.aborted) throw error;
    // Stopped by the reader: what was written stays; what was read but not written is dropped.
    cancelled = true;
  } finally {
    restoreCheckpoints();
  }
  tally.rejectedRows.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.row - b.row);
  return {
    format,
    imported: tally.imported,
    duplicates: tally.duplicates,
    rejected: tally.rejected,
    highlights: tally.highlights,
    feeds: tally.feeds,
    rejectedRows: tally.rejectedRows,
    cancelled,
    // Every new article waits to be fetched (or saved from the body it brought).
    queued: tally.imported,
    durationMs: Math.round(performance.now() - started),
  };
}

function writeLinks(library: Library, items: ImportedLink[], tally: Tally, reject: (row: RejectedRow) => void): void {
  const good: Array<{ item: ImportedLink; url: string }> = [];
  for (const item of items) {
    try {
      good.push({ item, url: normalizeUrl(item.url) });
    } catch (error) {
      const reason = error instanceof CaptureError ? error.message : 'unreadable address';
      reject({ row: item.row, file: item.file, reason: `${item.url.slice(0, 200)}: ${reason}` });
    }
  }
  const saved = library.addPendingMany(good.map(({ item, url }) => ({ ...item, url })));
  good.forEach(({ item }, index) => {
    const { id, created } = saved[index]!;
    if (created) {
      tally.imported++;
      if (item.content?.html) library.setPendingContent(id, item.content);
      if (item.note) library.setNote(id, item.note);
    } else {
      tally.duplicates++;
      // An article already here changes only where the row says so: tags and stars are added,
      // an archive is applied, a note fills an empty one; nothing is taken away.
      if (item.tags.length) library.addTags(id, item.tags);
      if (item.archived) library.setArchived(id, true);
      if (item.starred) library.setStarred(id, true);
      if (item.note && !library.getNote(id)) library.setNote(id, item.note);
    }
    let added = 0;
    for (const highlight of item.highlights) {
      const before = library.highlights.count(id);
      library.highlights.add(id, highlight);
      if (library.highlights.count(id) > before) added++;
    }
    tally.highlights += added;
    // On an article already saved they are placed now; on a new one, once it is captured.
    if (added > 0) library.anchorHighlights(id);
  });
}

function writeFeed(library: Library, feed: ImportedFeed, tally: Tally, reject: (row: RejectedRow) => void): void {
  let url: string;
  try {
    url = normalizeUrl(feed.url);
  } catch (error) {
    reject({ row: feed.row, file: null, reason: `${feed.url.slice(0, 200)}: ${error instanceof CaptureError ? error.message : 'unreadable address'}` });
    return;
  }
  // Subscribed now, fetched by the feed service's next round (a new feed is due at once).
  const { created } = library.feeds.add({ url, title: feed.title, siteUrl: feed.siteUrl, folder: feed.folder });
  if (created) tally.feeds++;
  else tally.duplicates++;
}

/** The older call: a file's text, answered in the older summary's shape. */
export async function importLinks(library: Library, text: string): Promise<ImportSummary> {
  const report = await importFile(library, { bytes: new TextEncoder().encode(text), name: 'import' });
  return {
    format: report.format,
    added: report.imported,
    alreadySaved: report.duplicates,
    problemCount: report.rejected,
    problems: report.rejectedRows.slice(0, 100).map(({ row, reason }) => ({ row, reason })),
  };
}
