// Restoring a full backup into a library, empty or not. The zip is not trusted: it is opened
// with limits (entry count, sizes, compression ratio, safe names), every image's bytes must hash
// to its name, and every record is checked before it is written. A bad record is a problem to
// report, never the end of the restore; records already here (by id or address) are left alone,
// so restoring the same backup twice adds nothing.
import { createHash } from 'node:crypto';
import type { AssetStore } from '../capture/images/asset-store.ts';
import { sanitizeArticleHtml } from '../capture/extraction/sanitize-article.ts';
import { openZip, type ZipArchive, type ZipEntry, type ZipLimits } from '../import/zip-entries.ts';
import type { Library } from '../library/library.ts';
import type { PortableArticle, PortableFeed, PortableHighlight } from '../shared/portable.ts';
import { ASSET_ENTRY, BACKUP_FILES, BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest } from './backup-format.ts';
import { textLines } from './text-lines.ts';

const MB = 1_048_576;
export const BACKUP_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  // articles.jsonl of a large library is gigabytes; it is read a line at a time, and the
  // ratio limit still stops a bomb.
  maxEntryBytes: 64 * 1024 * MB,
  // A library's images can add up to far more; each entry is bounded instead.
  maxTotalBytes: Infinity,
  maxRatio: 200,
  ratioAbove: MB,
};
const MAX_SMALL_FILE = 64 * MB;
/** Kept in the report past this: the counts stay exact, the list does not grow without end. */
const MAX_PROBLEMS = 10_000;
const PROGRESS_EVERY = 200;

export interface RestoreCounts {
  added: number;
  duplicates: number;
  rejected: number;
}

/** `row`: the line (or position in feeds.json); 0 for a problem with a whole file. */
export interface BackupProblem {
  row: number;
  file: string | null;
  reason: string;
}

export interface BackupRestoreReport {
  articles: RestoreCounts;
  feeds: RestoreCounts;
  highlights: RestoreCounts;
  assets: RestoreCounts;
  problems: BackupProblem[];
}

export interface RestoreProgress {
  stage: 'feeds' | 'articles' | 'highlights' | 'assets';
  /** Records of this stage handled so far. */
  done: number;
}

export interface RestoreOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RestoreProgress) => void;
}

const counts = (): RestoreCounts => ({ added: 0, duplicates: 0, rejected: 0 });
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function bytesOf(zip: ZipArchive, entry: ZipEntry, max: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of zip.input(entry).chunks()) {
    if ((size += chunk.length) > max) throw new Error(`${entry.name} is over ${Math.round(max / MB)} MB`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

async function readManifest(zip: ZipArchive, entry: ZipEntry | undefined): Promise<BackupManifest> {
  const notBackup = 'This file is not a Lectern backup';
  if (!entry) throw new Error(`${notBackup} (it has no ${BACKUP_FILES.manifest}).`);
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse((await bytesOf(zip, entry, MAX_SMALL_FILE)).toString('utf8')) as Partial<BackupManifest>;
  } catch (error) {
    throw new Error(`${notBackup} (${BACKUP_FILES.manifest} cannot be read: ${messageOf(error)}).`, { cause: error });
  }
  if (manifest?.format !== BACKUP_FORMAT) throw new Error(`${notBackup} (its manifest names another format).`);
  if (typeof manifest.version !== 'number' || manifest.version > BACKUP_VERSION) {
    throw new Error(`This backup was made by a newer Lectern (format version ${String(manifest.version)}); update Lectern to restore it.`);
  }
  return manifest as BackupManifest;
}

class Restore {
  readonly report: BackupRestoreReport = { articles: counts(), feeds: counts(), highlights: counts(), assets: counts(), problems: [] };
  /** Articles in the backup that were already here under another id, or deleted here. */
  readonly #skippedArticles = new Set<string>();
  /** Backup ids of articles found here under another id, and that id. */
  readonly #mergedInto = new Map<string, string>();
  readonly #library: Library;
  readonly #assets: AssetStore;
  readonly #zip: ZipArchive;
  readonly #options: RestoreOptions;

  constructor(library: Library, assets: AssetStore, zip: ZipArchive, options: RestoreOptions) {
    this.#library = library;
    this.#assets = assets;
    this.#zip = zip;
    this.#options = options;
  }

  problem(row: number, file: string | null, reason: string): void {
    if (this.report.problems.length < MAX_PROBLEMS) this.report.problems.push({ row, file, reason });
  }

  #progress(stage: RestoreProgress['stage'], done: number, last = false): void {
    if (last || done % PROGRESS_EVERY === 0) this.#options.onProgress?.({ stage, done });
  }

  /** Each line of a JSON-lines entry, parsed; bad lines and a read that stops are problems. */
  async #records(file: string, stage: RestoreProgress['stage'], take: (record: unknown, row: number) => void): Promise<void> {
    const entry = this.#zip.entries.find((e) => e.name === file);
    if (!entry) return;
    let done = 0;
    let row = 0;
    try {
      for await (const line of textLines(this.#zip.input(entry).chunks())) {
        this.#options.signal?.throwIfAborted();
        row = line.number;
        if ('tooLong' in line) {
          this.problem(row, file, 'this line is too long to read; skipped');
          this.report[stage].rejected++;
          continue;
        }
        if (!line.text.trim()) continue;
        let record: unknown;
        try {
          record = JSON.parse(line.text);
        } catch (error) {
          this.problem(row, file, `not valid JSON (${messageOf(error)})`);
          this.report[stage].rejected++;
          continue;
        }
        take(record, row);
        this.#progress(stage, ++done);
      }
    } catch (error) {
      if (this.#options.signal?.aborted) throw error;
      this.problem(row, file, `reading stopped after line ${row}: ${messageOf(error)}`);
    }
    this.#progress(stage, done, true);
  }

  async feeds(): Promise<void> {
    const file = BACKUP_FILES.feeds;
    const entry = this.#zip.entries.find((e) => e.name === file);
    if (!entry) return;
    let feeds: unknown;
    try {
      feeds = JSON.parse((await bytesOf(this.#zip, entry, MAX_SMALL_FILE)).toString('utf8'));
      if (!Array.isArray(feeds)) throw new Error('expected a list of feeds');
    } catch (error) {
      if (this.#options.signal?.aborted) throw error;
      this.problem(0, file, `the feeds cannot be read (${messageOf(error)})`);
      return;
    }
    feeds.forEach((feed: unknown, index) => {
      try {
        this.report.feeds[this.#library.restoreFeed(feed as PortableFeed) === 'added' ? 'added' : 'duplicates']++;
      } catch (error) {
        this.report.feeds.rejected++;
        this.problem(index + 1, file, messageOf(error));
      }
    });
    this.#progress('feeds', feeds.length, true);
  }

  articles(): Promise<void> {
    return this.#records(BACKUP_FILES.articles, 'articles', (record, row) => {
      try {
        const article = record as PortableArticle;
        // Stored HTML is rendered by the app: whatever a file says, it passes the same allow-list a capture does.
        const clean = typeof article?.html === 'string' ? { ...article, html: sanitizeArticleHtml(article.html, 'assets') } : article;
        const outcome = this.#library.restoreArticle(clean);
        if (outcome === 'duplicate' && !this.#library.summary(article.id)) {
          // Saved here under another id: what the reader did there is added to it, as an
          // import merges (tags, star, archive, a note where there is none); nothing is taken away.
          const live = typeof article.url === 'string' ? this.#library.findSavedId(article.url) : null;
          if (live) {
            this.#mergedInto.set(article.id, live);
            this.#library.batch(() => {
              if (Array.isArray(article.tags) && article.tags.length) this.#library.addTags(live, article.tags.filter((t) => typeof t === 'string'));
              if (article.starred === true) this.#library.setStarred(live, true);
              if (article.archived === true) this.#library.setArchived(live, true);
              if (typeof article.note === 'string' && article.note && !this.#library.getNote(live)) this.#library.setNote(live, article.note);
            });
          } else this.#skippedArticles.add(article.id);
        }
        this.report.articles[outcome === 'added' ? 'added' : 'duplicates']++;
      } catch (error) {
        this.report.articles.rejected++;
        this.problem(row, BACKUP_FILES.articles, messageOf(error));
      }
    });
  }

  highlights(): Promise<void> {
    return this.#records(BACKUP_FILES.highlights, 'highlights', (record, row) => {
      const outcome = this.#highlight(record as PortableHighlight);
      if (typeof outcome === 'string') {
        this.report.highlights.rejected++;
        this.problem(row, BACKUP_FILES.highlights, outcome);
      } else this.report.highlights[outcome.added ? 'added' : 'duplicates']++;
    });
  }

  /** Adds one highlight; a string says why it was not. */
  #highlight(h: PortableHighlight): { added: boolean } | string {
    if (!h || typeof h !== 'object' || typeof h.id !== 'string' || typeof h.articleId !== 'string') return 'a highlight needs an id and an article id';
    if (typeof h.quote !== 'string' || !h.quote.trim()) return `highlight ${h.id}: no quote`;
    const texts = [h.prefix, h.suffix, h.color, h.note, h.createdAt, h.updatedAt].every((v) => v === undefined || v === null || typeof v === 'string');
    const positions = [h.start, h.end].every((v) => v === undefined || v === null || Number.isInteger(v));
    const flags = h.orphaned === undefined || typeof h.orphaned === 'boolean';
    if (!texts || !positions || !flags) return `highlight ${h.id}: a field has the wrong type`;
    // Its article was deleted here: nothing to add it to.
    if (this.#skippedArticles.has(h.articleId)) return { added: false };
    // Its article is here under another id: the highlight joins that one.
    const articleId = this.#mergedInto.get(h.articleId) ?? h.articleId;
    if (!this.#library.summary(articleId)) return `highlight ${h.id} belongs to no article in the backup or the library`;
    if (this.#library.highlights.get(h.id)) return { added: false };
    try {
      const saved = this.#library.highlights.add(articleId, {
        id: h.id, quote: h.quote, prefix: h.prefix, suffix: h.suffix, start: h.start, end: h.end,
        color: h.color, note: h.note, orphaned: h.orphaned === true, createdAt: h.createdAt, updatedAt: h.updatedAt,
      });
      // Another id back: the same quote and note were already on the article.
      return { added: saved?.id === h.id };
    } catch (error) {
      // The id of a highlight deleted here: it stays deleted.
      if (/UNIQUE constraint/.test(messageOf(error))) return { added: false };
      return `highlight ${h.id}: ${messageOf(error)}`;
    }
  }

  /** The images restored articles show, each checked against its name before it is stored. */
  async assets(): Promise<void> {
    let done = 0;
    for (const entry of this.#zip.entries) {
      if (!entry.name.startsWith('assets/')) continue;
      this.#options.signal?.throwIfAborted();
      const outcome = await this.#asset(entry);
      if (typeof outcome === 'string') this.report.assets[outcome]++;
      else {
        this.report.assets.rejected++;
        this.problem(0, entry.name, outcome.problem);
      }
      this.#progress('assets', ++done);
    }
    this.#progress('assets', done, true);
  }

  async #asset(entry: ZipEntry): Promise<'added' | 'duplicates' | { problem: string }> {
    const hash = ASSET_ENTRY.exec(entry.name)?.[1];
    if (!hash) return { problem: 'not an image of the backup (its name is not a hash)' };
    // Only once an article uses it: an image stored for nothing would never be freed.
    if (!this.#library.assetsInUse([hash]).has(hash)) return { problem: 'no article in the library shows this image; skipped' };
    if (await this.#assets.has(hash)) return 'duplicates';
    let bytes: Buffer;
    try {
      // Read whole to check its hash: an image, never more than a small file's bound.
      bytes = await bytesOf(this.#zip, entry, MAX_SMALL_FILE);
    } catch (error) {
      if (this.#options.signal?.aborted) throw error;
      return { problem: `cannot be read: ${messageOf(error)}` };
    }
    if (createHash('sha256').update(bytes).digest('hex') !== hash) return { problem: 'its bytes do not match its name (damaged or altered); skipped' };
    try {
      await this.#assets.put(bytes);
    } catch (error) {
      return { problem: messageOf(error) };
    }
    return 'added';
  }
}

/** Merges a backup made by writeBackup() into the library and its image store. */
export async function restoreBackup(library: Library, assets: AssetStore, path: string, options: RestoreOptions = {}): Promise<BackupRestoreReport> {
  const zip = await openZip({ path }, { limits: BACKUP_ZIP_LIMITS, signal: options.signal });
  try {
    await readManifest(zip, zip.entries.find((e) => e.name === BACKUP_FILES.manifest));
    const restore = new Restore(library, assets, zip, options);
    for (const p of zip.problems) {
      restore.problem(p.row, p.file, p.reason);
      if (p.file?.startsWith('assets/')) restore.report.assets.rejected++;
    }
    // Feeds first, so articles find the feed they came from; images last, once articles use them.
    await restore.feeds();
    await restore.articles();
    await restore.highlights();
    await restore.assets();
    return restore.report;
  } finally {
    zip.close();
  }
}
