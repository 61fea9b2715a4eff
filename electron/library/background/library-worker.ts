// A thread for the library's slow whole-file work, so the main process stays responsive (and
// can show a window) meanwhile: the integrity check of a running library, and an upgrade
// before it opens. Its task comes in workerData; it posts progress, then one result.
import { parentPort, workerData } from 'node:worker_threads';
import { fileIntegrityProblems } from '../integrity.ts';
import { openLibrary, type OpenProgress } from '../library.ts';

export type LibraryTask = { task: 'check'; file: string } | { task: 'upgrade'; file: string; backupDir?: string };

export type LibraryWorkerMessage =
  | { kind: 'progress'; progress: OpenProgress }
  | { kind: 'checked'; problems: string[] }
  | { kind: 'upgraded' }
  | { kind: 'failed'; message: string };

const post = (message: LibraryWorkerMessage) => parentPort?.postMessage(message);

function upgrade(file: string, backupDir: string | undefined): void {
  // The same open as the app's, so the same checks, backup and migrations, in the same order.
  const library = openLibrary(file, { ...(backupDir ? { backupDir } : {}), recoverInterrupted: false, onOpenProgress: (progress) => post({ kind: 'progress', progress }) });
  library.close();
}

const task = workerData as LibraryTask;
try {
  if (task.task === 'check') post({ kind: 'checked', problems: fileIntegrityProblems(task.file) });
  else {
    upgrade(task.file, task.backupDir);
    post({ kind: 'upgraded' });
  }
} catch (error) {
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
