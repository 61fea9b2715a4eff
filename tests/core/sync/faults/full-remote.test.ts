// Issue 15, faults: the remote's disk fills up mid-round (a folder remote on a small tmpfs).
// The status says the storage is full, the library loses nothing, and once there is space
// again the next round completes and a second device receives everything.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../electron/core.ts';
import type { Result, SyncStatus } from '../../../../electron/ipc/api.ts';
import { mountTmpfs, unmount } from '../../crash/mounts.ts';
import { bulkArticles, digestOf, makeLibrary } from '../scale/meeting.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function status(result: Result<unknown>): SyncStatus {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as SyncStatus;
}

function openCore(dataDir: string): Core {
  const core = createCore({ dataDir, rendererDir: '/nonexistent', allowFetch: () => false, refreshFeeds: false });
  cleanups.push(() => core.close());
  return core;
}

describe('a full remote disk', () => {
  it('shows the error, loses nothing, and resumes once space frees', { timeout: 120_000 }, async (context) => {
    const root = mkdtempSync(join(tmpdir(), 'lectern-sync-full-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const [a, b, remote] = ['a', 'b', 'remote'].map((n) => join(root, n)) as [string, string, string];
    for (const dir of [a, b, remote]) mkdirSync(dir);
    // Room for the vault's parameters and a little more, far less than A's first round.
    const failed = mountTmpfs(remote, 64 * 1024);
    if (failed) {
      console.log(`full remote disk case skipped: ${failed}`);
      context.skip();
    }
    cleanups.push(() => unmount(remote));
    makeLibrary(a, bulkArticles('alpha', 3000, 0));
    const before = digestOf(a);

    const coreA = openCore(a);
    const settings = { remote: { kind: 'folder' as const, path: remote }, passphrase: 'full disk passphrase', create: true };
    status(await coreA.invoke('configureSync', [settings]));
    const full = status(await coreA.invoke('syncNow', []));
    expect(full.state).toBe('error');
    expect(full.message).toMatch(/full/i);
    expect(full.lastSyncedAt).toBeNull();
    expect(digestOf(a)).toEqual(before);
    // Still full: a second try fails the same way and still loses nothing.
    expect(status(await coreA.invoke('syncNow', [])).state).toBe('error');

    expect(growTmpfs(remote, 64 * 1024 * 1024)).toBeNull();
    const resumed = status(await coreA.invoke('syncNow', []));
    expect(resumed.state, resumed.message ?? '').toBe('idle');
    expect(resumed.lastSyncedAt).not.toBeNull();

    const coreB = openCore(b);
    status(await coreB.invoke('configureSync', [{ ...settings, create: false }]));
    expect(status(await coreB.invoke('syncNow', [])).state).toBe('idle');
    await coreB.close();
    cleanups.pop();
    expect(digestOf(b)).toEqual(before);
  });
});

/** Frees space as a person would: the same disk, made bigger in place (its files stay). */
function growTmpfs(dir: string, bytes: number): string | null {
  try {
    execFileSync('mount', ['-o', `remount,size=${bytes}`, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
