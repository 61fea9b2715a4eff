// Real hostile disks for the tests: a small tmpfs that fills up, and a folder made read-only.
// Root ignores file modes, so as root a folder is made read-only by a read-only bind mount.
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/** null when done, else why it could not be (the test prints it and skips that case). */
function run(command: string, args: string[]): string | null {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `${command} ${args.join(' ')}: ${stderr || (error as Error).message}`;
  }
}

export function mountTmpfs(dir: string, bytes: number): string | null {
  return run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'lectern-test', dir]);
}

/** Unmounts; a mount still busy (a file left open on it) fails the test that made it. */
export function unmount(dir: string): void {
  const failed = run('umount', [dir]);
  if (failed) {
    run('umount', ['-l', dir]);
    throw new Error(`${dir} was still in use: ${failed}`);
  }
}

export interface ReadOnlyFolder {
  /** How the folder was made read-only, for the log. */
  how: string;
  undo(): void;
}

/** Makes `dir` (holding `files`) unwritable for this process; a string says why it could not. */
export function makeReadOnly(dir: string, files: string[]): ReadOnlyFolder | string {
  if (process.getuid?.() !== 0) {
    for (const file of files) chmodSync(file, 0o444);
    chmodSync(dir, 0o555);
    return {
      how: 'chmod 0555',
      undo: () => {
        chmodSync(dir, 0o755);
        for (const file of files) chmodSync(file, 0o644);
      },
    };
  }
  const failed = run('mount', ['--bind', dir, dir]) ?? run('mount', ['-o', 'remount,bind,ro', dir]);
  if (failed) {
    run('umount', [dir]);
    return `running as root, where chmod does not stop writes, and a read-only bind mount failed (${failed})`;
  }
  return { how: 'read-only bind mount (running as root)', undo: () => unmount(dir) };
}
