// Runs library-worker.ts tasks off the main thread: the integrity check of a running library,
// and an upgrade of an older file before the app opens it.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { probeUserVersion } from '../db.ts';
import type { OpenProgress } from '../library.ts';
import { latestVersion } from '../migrate.ts';
import { MIGRATIONS } from '../migrations/index.ts';
import type { LibraryTask, LibraryWorkerMessage } from './library-worker.ts';

// .ts when running from source (Node strips types), .js when compiled.
const WORKER_URL = new URL(`./library-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

type TaskEnd = Exclude<LibraryWorkerMessage, { kind: 'progress' }> | { kind: 'stopped' };

function runTask(task: LibraryTask, onProgress: (progress: OpenProgress) => void, signal?: AbortSignal): Promise<TaskEnd> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, { workerData: task });
    let settled = false;
    const settle = (message: TaskEnd) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      resolve(message);
    };
    // Not awaited: a native integrity_check in progress stops only when it returns, and a
    // closing app need not wait for it; the process's exit ends the thread.
    const abort = () => {
      settle({ kind: 'stopped' });
      void worker.terminate();
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    worker.on('message', (message: LibraryWorkerMessage) => (message.kind === 'progress' ? onProgress(message.progress) : settle(message)));
    worker.on('error', (error) => settle({ kind: 'failed', message: error.message }));
    worker.on('exit', (code) => settle({ kind: 'failed', message: `The library task stopped unexpectedly (exit code ${code}).` }));
  });
}

export type CheckOutcome = { kind: 'checked'; problems: string[] } | { kind: 'stopped' } | { kind: 'failed'; message: string };

/**
 * PRAGMA integrity_check on its own read-only connection: no problems when the file is sound.
 * It reads the whole file (5.4 s at 100,000 articles), so the app runs it after its window
 * shows instead of before. 'stopped' when the signal ended it; 'failed' when it could not run.
 */
export async function checkIntegrityOffThread(file: string, signal?: AbortSignal): Promise<CheckOutcome> {
  const result = await runTask({ task: 'check', file }, () => {}, signal);
  if (result.kind === 'checked' || result.kind === 'stopped') return result;
  return { kind: 'failed', message: result.kind === 'failed' ? result.message : 'The check did not finish.' };
}

/** True when the file exists at an older schema version, so that opening it will upgrade it. */
export function needsUpgrade(file: string): boolean {
  try {
    const found = probeUserVersion(file);
    return found !== null && found > 0 && found < latestVersion(MIGRATIONS);
  } catch {
    return false; // not a database: opening it reports that, with the way out
  }
}

export type UpgradeResult = { ok: true } | { ok: false; message: string };

/**
 * Checks, backs up and upgrades the file as opening it would, on a worker thread, telling
 * onProgress as it goes. On failure the file is as it was (each step is one transaction);
 * main then opens it with the check first (CoreOptions.checkIntegrityAtOpen).
 */
export async function upgradeOffThread(file: string, options: { backupDir?: string; onProgress: (progress: OpenProgress) => void }): Promise<UpgradeResult> {
  const task: LibraryTask = { task: 'upgrade', file, ...(options.backupDir ? { backupDir: options.backupDir } : {}) };
  const result = await runTask(task, options.onProgress);
  if (result.kind === 'upgraded') return { ok: true };
  return { ok: false, message: result.kind === 'failed' ? result.message : 'The upgrade did not finish.' };
}
