// A sync remote in a local folder that another tool (Syncthing, Dropbox, a network share) keeps
// in step. That tool may copy a file at any moment, so a file is never visible half-written:
// each write goes to a `.tmp-` name in the same folder, is flushed to disk, and is renamed over
// the final name (rename is atomic within one filesystem), then the folder itself is flushed so
// the rename survives a power cut. Temp names are hidden from list().
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { checkedFolder, checkedName, TEMP_PREFIX } from './remote-names.ts';
import { SyncRemoteError, type SyncRemote } from './sync-remote.ts';

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const REFUSED = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR']);
// A network share that went away answers with these; a retry later may succeed.
const UNREACHABLE = new Set(['EIO', 'ENOTCONN', 'ESTALE', 'EHOSTDOWN', 'ETIMEDOUT', 'ENXIO']);

// A temp file this old was left by a write that was killed (no write takes a day): removed,
// so interrupted uploads do not pile up. A younger one may be another device's write.
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

async function removeAbandoned(folder: string, temporaries: string[]): Promise<void> {
  for (const name of temporaries) {
    const at = join(folder, name);
    const age = await stat(at).then((info) => Date.now() - info.mtimeMs, () => 0);
    if (age > ABANDONED_AFTER_MS) await unlink(at).catch(() => undefined);
  }
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

export function createFolderRemote(path: string): SyncRemote {
  const label = `folder ${path}`;

  function mapped(error: unknown, what: string): unknown {
    if (error instanceof SyncRemoteError) return error;
    const code = codeOf(error);
    const message = `${label}: ${what}: ${(error as Error).message}`;
    if (code && FULL.has(code)) return new SyncRemoteError('full', message, { cause: error });
    if (code && REFUSED.has(code)) return new SyncRemoteError('refused', message, { cause: error });
    if (code && UNREACHABLE.has(code)) return new SyncRemoteError('unreachable', message, { cause: error });
    return error;
  }

  /** The root must exist: sync never creates it, so a mistyped or unmounted folder says so. */
  async function checkRoot(): Promise<void> {
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      if (codeOf(error) === 'ENOENT') throw new SyncRemoteError('not-found', `${label} does not exist`, { cause: error });
      throw mapped(error, 'cannot open');
    }
    if (!isFolder) throw new SyncRemoteError('refused', `${label} is not a folder`);
  }

  // One level at a time: Node's recursive mkdir reports ENOENT on a read-only disk, not EROFS.
  async function makeFolders(segments: string[]): Promise<void> {
    for (let depth = 1; depth <= segments.length; depth += 1) {
      await mkdir(join(path, ...segments.slice(0, depth))).catch((error: unknown) => {
        if (codeOf(error) !== 'EEXIST') throw error;
      });
    }
  }

  async function syncFolder(folder: string): Promise<void> {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Writes to a temp file, flushes it, then puts it in place: rename replaces; link fails if
   * the name is taken, so of two devices setting up at once exactly one wins.
   */
  async function put(name: string, bytes: Uint8Array, mode: 'replace' | 'if-absent'): Promise<boolean> {
    const segments = checkedName(name);
    await checkRoot();
    const folder = join(path, ...segments.slice(0, -1));
    const target = join(path, ...segments);
    const temporary = join(folder, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      await makeFolders(segments.slice(0, -1));
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      let written = true;
      if (mode === 'replace') {
        await rename(temporary, target);
      } else {
        written = await link(temporary, target).then(
          () => true,
          (error: unknown) => {
            if (codeOf(error) === 'EEXIST') return false;
            throw error;
          },
        );
        await unlink(temporary);
      }
      await syncFolder(folder);
      return written;
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw mapped(error, `cannot write ${name}`);
    }
  }

  return {
    label,

    async list(folder) {
      const at = join(path, ...checkedFolder(folder));
      try {
        const entries = await readdir(at);
        await removeAbandoned(at, entries.filter((entry) => entry.startsWith(TEMP_PREFIX)));
        return entries.filter((entry) => !entry.startsWith(TEMP_PREFIX)).sort();
      } catch (error) {
        if (codeOf(error) !== 'ENOENT') throw mapped(error, `cannot list ${folder || '/'}`);
        await checkRoot();
        return [];
      }
    },

    async read(name) {
      const at = join(path, ...checkedName(name));
      try {
        return new Uint8Array(await readFile(at));
      } catch (error) {
        if (codeOf(error) !== 'ENOENT') throw mapped(error, `cannot read ${name}`);
        await checkRoot();
        return null;
      }
    },

    write: (name, bytes) => put(name, bytes, 'replace').then(() => undefined),

    writeIfAbsent: (name, bytes) => put(name, bytes, 'if-absent'),

    async remove(name) {
      const at = join(path, ...checkedName(name));
      try {
        await unlink(at);
      } catch (error) {
        if (codeOf(error) !== 'ENOENT') throw mapped(error, `cannot remove ${name}`);
        await checkRoot();
      }
    },
  };
}
