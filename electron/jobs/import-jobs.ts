// Imports started from the app: each has an id the renderer chose, so it can be cancelled and
// its progress told apart. After the rows are in, the capture queue fetches in the background.
import { importFile } from '../import/import-links.ts';
import type { ImportFormat, ImportSource } from '../import/imported-link.ts';
import type { Library } from '../library/library.ts';
import type { ImportReport } from '../shared/import-summary.ts';

export interface ImportJobsOptions {
  library: Library;
  onProgress(jobId: string, progress: { rows: number; bytesRead: number; totalBytes: number | null }): void;
  /** Rows went in: lists reload, the capture queue and feed refreshes start. */
  onImported(report: ImportReport): void;
}

export class ImportJobs {
  readonly #options: ImportJobsOptions;
  readonly #running = new Map<string, AbortController>();

  constructor(options: ImportJobsOptions) {
    this.#options = options;
  }

  async run(jobId: string, source: ImportSource, format: ImportFormat | null): Promise<ImportReport> {
    if (this.#running.has(jobId)) throw new RangeError('An import with this id is already running.');
    const abort = new AbortController();
    this.#running.set(jobId, abort);
    try {
      const report = await importFile(this.#options.library, source, {
        ...(format ? { format } : {}),
        signal: abort.signal,
        onProgress: (progress) => this.#options.onProgress(jobId, progress),
      });
      this.#options.onImported(report);
      return report;
    } finally {
      this.#running.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const abort = this.#running.get(jobId);
    abort?.abort(new Error('cancelled'));
    return abort !== undefined;
  }

  cancelAll(): void {
    for (const abort of this.#running.values()) abort.abort(new Error('shutting down'));
  }
}
