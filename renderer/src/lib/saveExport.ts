import type { ExportFormat, ExportedFile } from '../../../electron/ipc/api.ts';
import { call } from './bridge.ts';
import { bytesBlob, downloadFile } from './download.ts';

/** Asks the core for an export (the whole library, or these articles) and saves it as a download. */
export async function saveExport(format: ExportFormat, ids: string[] | null): Promise<ExportedFile> {
  const file = await call('exportLibrary', format, ids);
  downloadFile(file.name, bytesBlob(file.bytes, file.mime));
  return file;
}
