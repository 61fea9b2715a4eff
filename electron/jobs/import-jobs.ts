// Imports started from the app: each has an id the renderer chose, so it can be cancelled and
// its progress told apart. After the rows are in, the capture queue fetches in the background.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssetStore } from '../capture/images/asset-store.ts';
import { isBackup, restoreAsImport } from '../export/restore-as-import.ts';
import { importFile } from '../import/import-links.ts';
import type { ImportFormat, ImportSource } from '../import/imported-link.ts';
import type { Library } from '../library/library.ts';
import type { ImportReport } from '../shared/import-summary.ts';

export interface ImportJobsOptions {
  library: Library;
  /** Where a backup's images are restored to. */
  assets: AssetStore;
  onProgress(jobId: string, progress: { rows: number; bytesRead: number; totalBytes: number | null }): void;
  /** Rows went in: lists reload, the capture queue and feed refreshes start. */
  onImported(report: ImportReport): void;
}

export class ImportJobs {
  readonly #options: ImportJobsOptions;
  readonly #running = new Map<string, AbortController>();
  readonly #jobs = new Set<Promise<unknown>>();

  constructor(options: ImportJobsOptions) {
    this.#options = options;
  }

  async run(jobId: string, source: ImportSource, format: ImportFormat | null): Promise<ImportReport> {
    if (this.#running.has(jobId)) throw new RangeError('An import with this id is already running.');
    const abort = new AbortController();
    this.#running.set(jobId, abort);
    const job = this.#run(jobId, source, format, abort);
    this.#jobs.add(job);
    try {
      return await job;
    } finally {
      this.#jobs.delete(job);
    }
  }

  async #run(jobId: string, source: ImportSource, format: ImportFormat | null, abort: AbortController): Promise<ImportReport> {
    try {
      const report =
        (await this.#restoreIfBackup(source, format, abort.signal)) ??
        (await importFile(this.#options.library, source, {
          ...(format ? { format } : {}),
          signal: abort.signal,
          onProgress: (progress) => this.#options.onProgress(jobId, progress),
        }));
      this.#options.onImported(report);
      return report;
    } finally {
      this.#running.delete(jobId);
    }
  }

  /** A zip that is a Lectern backup is restored (ids, states, pages and images), not imported. */
  async #restoreIfBackup(source: ImportSource, format: ImportFormat | null, signal: AbortSignal): Promise<ImportReport | null> {
    if (format) return null;
    if ('path' in source) return (await isBackup(source.path)) ? restoreAsImport(this.#options.library, this.#options.assets, source.path, signal) : null;
    if (source.bytes[0] !== 0x50 || source.bytes[1] !== 0x4b) return null;
    const dir = await mkdtemp(join(tmpdir(), 'lectern-restore-'));
    try {
      const path = join(dir, 'backup.zip');
      await writeFile(path, source.bytes);
      return (await isBackup(path)) ? await restoreAsImport(this.#options.library, this.#options.assets, path, signal) : null;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  cancel(jobId: string): boolean {
    const abort = this.#running.get(jobId);
    abort?.abort(new Error('cancelled'));
    return abort !== undefined;
  }

  /** Cancels every import and waits for each to stop (between chunks), so the library can close. */
  async stop(): Promise<void> {
    for (const abort of this.#running.values()) abort.abort(new Error('shutting down'));
    await Promise.allSettled([...this.#jobs]);
  }
}
