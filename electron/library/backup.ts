// Backups: a full copy before each migration (VACUUM INTO, synchronous: it must finish first)
// and at most one a day (online backup API, async, so a big library does not block startup).
// Only the newest few are kept. Restoring moves the damaged file aside, never deletes it.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backup, type DatabaseSync } from 'node:sqlite';

export const KEEP_BACKUPS = 5;
export const DAILY_MS = 24 * 60 * 60 * 1000;
const PREFIX = 'lectern-';

function backupPath(dir: string, reason: string, now: Date): string {
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replaceAll(':', '-').replace('.', '-');
  let file = join(dir, `${PREFIX}${stamp}-${reason}.db`);
  for (let n = 2; existsSync(file) || existsSync(partial(file)); n++) file = join(dir, `${PREFIX}${stamp}-${reason}-${n}.db`);
  return file;
}

/**
 * Backups are written under a temporary name and renamed when complete, so one cut off by a
 * quit or crash is never listed, offered for restore, or taken as today's backup.
 */
const partial = (file: string): string => `${file}.partial`;

/** Backup files, newest first (names sort by time). */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith('.db'))
    .sort()
    .reverse()
    .map((f) => join(dir, f));
}

export function pruneBackups(dir: string, keep = KEEP_BACKUPS): void {
  for (const file of listBackups(dir).slice(keep)) rmSync(file, { force: true });
}

/** Synchronous full copy, used before migrating. */
export function backupNow(db: DatabaseSync, dir: string, reason: string, now = new Date()): string {
  const file = backupPath(dir, reason, now);
  try {
    db.prepare('VACUUM INTO ?').run(partial(file));
  } catch (error) {
    // A copy cut short (a damaged page, a full disk) is the library's size: not left behind.
    removeQuietly(partial(file));
    throw error;
  }
  renameSync(partial(file), file);
  pruneBackups(dir);
  return file;
}

export function dailyBackupDue(dir: string, now = new Date()): boolean {
  const newest = listBackups(dir)[0];
  return !newest || now.getTime() - statSync(newest).mtimeMs >= DAILY_MS;
}

/** Online backup in small steps between event-loop turns. */
export async function backupInBackground(db: DatabaseSync, dir: string, now = new Date(), attempts = 3): Promise<string> {
  removeStalePartials(dir);
  const file = backupPath(dir, 'daily', now);
  for (let attempt = 1; ; attempt++) {
    try {
      await backup(db, partial(file), { rate: 256 });
      break;
    } catch (error) {
      // A failed copy is removed (each is the size of the library) and tried again.
      removeQuietly(partial(file));
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
  renameSync(partial(file), file);
  pruneBackups(dir);
  return file;
}

/** Copies cut off by a quit or a crash: nothing will finish them, and each is library-sized. */
function removeStalePartials(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.startsWith(PREFIX) && name.endsWith('.partial')) removeQuietly(join(dir, name));
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Left for the next daily backup to remove: the failure being handled matters more.
  }
}

/**
 * Puts a backup in place of a damaged library. The damaged file (and its -wal/-shm) is renamed
 * to `<file>.damaged-<time>` so nothing is lost. Call with the library closed.
 */
export function restoreBackup(backupFile: string, file: string, now = new Date()): string {
  const aside = `${file}.damaged-${now.toISOString().replaceAll(':', '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  copyFileSync(backupFile, file);
  return aside;
}
