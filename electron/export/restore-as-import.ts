// A full backup brought in from the import door (the app's Import dialog, `lectern import
// backup FILE`): restored with ids and states intact, and answered as an import report.
import type { AssetStore } from '../capture/images/asset-store.ts';
import { openZip } from '../import/zip-entries.ts';
import type { Library } from '../library/library.ts';
import type { ImportReport } from '../shared/import-summary.ts';
import { BACKUP_FILES } from './backup-format.ts';
import { restoreBackup } from './backup-restore.ts';

/** Whether a file is a Lectern backup (a zip holding the backup's manifest). */
export async function isBackup(path: string): Promise<boolean> {
  try {
    const zip = await openZip({ path }, {});
    try {
      return zip.entries.some((entry) => entry.name === BACKUP_FILES.manifest);
    } finally {
      zip.close();
    }
  } catch {
    return false;
  }
}

export async function restoreAsImport(library: Library, assets: AssetStore, path: string, signal?: AbortSignal): Promise<ImportReport> {
  const started = performance.now();
  let cancelled = false;
  let report;
  try {
    report = await restoreBackup(library, assets, path, signal ? { signal } : {});
  } catch (error) {
    if (!signal?.aborted) throw error;
    cancelled = true;
  }
  const a = report?.articles ?? { added: 0, duplicates: 0, rejected: 0 };
  return {
    format: 'backup',
    imported: a.added,
    duplicates: a.duplicates + (report?.feeds.duplicates ?? 0),
    rejected: (report?.problems.length ?? 0),
    highlights: report?.highlights.added ?? 0,
    feeds: report?.feeds.added ?? 0,
    rejectedRows: (report?.problems ?? []).map((p) => ({ row: p.row, file: p.file, reason: p.reason })),
    cancelled,
    // A backup holds the saved pages and their images: nothing waits to be fetched but what
    // was waiting when it was made.
    queued: 0,
    durationMs: Math.round(performance.now() - started),
  };
}
