// import and export.
import { writeFile } from 'node:fs/promises';
import { csvField } from '../export/export-csv.ts';
import { exportLibrary } from '../export/export-library.ts';
import { importFile } from '../import/import-links.ts';
import { restoreAsImport } from '../export/restore-as-import.ts';
import type { ImportFormat } from '../import/imported-link.ts';
import type { ExportFormat } from '../shared/export-file.ts';
import type { ImportReport } from '../shared/import-summary.ts';
import type { CommandResult } from './article-commands.ts';
import type { CliContext } from './cli-context.ts';
import { EXIT, UsageError } from './exit-codes.ts';

export const IMPORT_FORMATS: readonly (ImportFormat | 'backup')[] = ['pocket', 'instapaper', 'omnivore', 'wallabag', 'readwise', 'bookmarks', 'urls', 'json', 'opml', 'backup'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['backup', 'json', 'bookmarks', 'csv', 'opml', 'markdown', 'html', 'highlights-markdown', 'highlights-json'];

/** The rejected rows as CSV, the same file the app's "Save report" writes. */
export function reportCsv(report: ImportReport): string {
  return ['row,file,reason', ...report.rejectedRows.map((r) => [String(r.row), r.file ?? '', r.reason].map(csvField).join(','))].join('\n') + '\n';
}

export async function importCommand(ctx: CliContext, format: string | undefined, file: string | undefined, reportFile: string | undefined, signal: AbortSignal): Promise<CommandResult> {
  if (!format || !file) throw new UsageError(`import needs a format (${IMPORT_FORMATS.join(', ')}) and a file`);
  if (!IMPORT_FORMATS.includes(format as ImportFormat)) throw new UsageError(`unknown import format "${format}"; one of ${IMPORT_FORMATS.join(', ')}`);
  let lastNote = 0;
  const report = format === 'backup' ? await restoreAsImport(ctx.library, ctx.assets, file, signal) : await importFile(ctx.library, { path: file }, {
    format: format as ImportFormat,
    signal,
    onProgress: ({ rows }) => {
      if (rows - lastNote >= 10_000) ctx.note(`${(lastNote = rows).toLocaleString('en')} rows read`);
    },
  });
  if (reportFile) await writeFile(reportFile, reportCsv(report));
  if (!ctx.json) {
    ctx.print(`${report.cancelled ? 'Import stopped' : 'Imported'} from ${file} (${report.format}) in ${(report.durationMs / 1000).toFixed(1)} s`);
    ctx.print(`  imported ${report.imported}, duplicates ${report.duplicates}, rejected ${report.rejected}, highlights ${report.highlights}, feeds ${report.feeds}`);
    for (const r of report.rejectedRows.slice(0, 20)) ctx.print(`  rejected ${r.file ? `${r.file}:` : 'line '}${r.row}: ${r.reason}`);
    if (report.rejectedRows.length > 20) ctx.print(`  … ${report.rejected - 20} more${reportFile ? ` in ${reportFile}` : ' (--report FILE saves them all)'}`);
    if (report.queued) ctx.print(`  ${report.queued} articles wait to be fetched for offline reading; the app fetches them in the background.`);
  }
  const { rejectedRows, ...counts } = report;
  return {
    code: report.cancelled || report.rejected > 0 ? EXIT.partial : EXIT.ok,
    json: { ...counts, rejectedRows: rejectedRows.slice(0, 1000) },
  };
}

export async function exportCommand(ctx: CliContext, format: string | undefined, file: string | undefined, ids: string[] | null): Promise<CommandResult> {
  if (!format || !file) throw new UsageError(`export needs a format (${EXPORT_FORMATS.join(', ')}) and a file`);
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new UsageError(`unknown export format "${format}"; one of ${EXPORT_FORMATS.join(', ')}`);
  const { count, path } = await exportLibrary(format as ExportFormat, { library: ctx.library, assets: ctx.assets }, file, { ids });
  if (!ctx.json) ctx.print(`Exported ${count} ${format === 'opml' ? 'feeds' : 'articles'} to ${path}`);
  return { code: EXIT.ok, json: { exported: count, format, path } };
}
