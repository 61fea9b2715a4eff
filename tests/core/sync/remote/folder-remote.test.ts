// The folder remote against real files: whole files only, temp names hidden, and the disk's
// failures (full, read-only, missing) reported as SyncRemoteError kinds sync can act on.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFolderRemote } from '../../../../electron/sync/remote/folder-remote.ts';
import { SyncRemoteError } from '../../../../electron/sync/remote/sync-remote.ts';
import { makeReadOnly, mountTmpfs, unmount } from '../../crash/mounts.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lectern-folder-remote-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data === null ? null : new TextDecoder().decode(data));

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SyncRemoteError);
  return (error as SyncRemoteError).kind;
}

/** Every file name under `dir`, at any depth. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('folder remote', () => {
  it('writes, lists, reads and removes files, creating the folders it needs', async () => {
    const remote = createFolderRemote(root);
    expect(await remote.list('')).toEqual([]);
    expect(await remote.list('devices')).toEqual([]);
    expect(await remote.read('devices/0123456789abcdef/ack')).toBeNull();

    await remote.write('devices/0123456789abcdef/000000000001.seg', bytes('one'));
    await remote.write('devices/0123456789abcdef/000000000002.seg', bytes('two'));
    await remote.write('devices/fedcba9876543210/ack', bytes('ack'));

    expect(await remote.list('')).toEqual(['devices']);
    expect(await remote.list('devices')).toEqual(['0123456789abcdef', 'fedcba9876543210']);
    expect(await remote.list('devices/0123456789abcdef/')).toEqual(['000000000001.seg', '000000000002.seg']);
    expect(text(await remote.read('devices/0123456789abcdef/000000000002.seg'))).toBe('two');

    await remote.write('devices/fedcba9876543210/ack', bytes('ack 2'));
    expect(text(await remote.read('devices/fedcba9876543210/ack'))).toBe('ack 2');

    await remote.remove('devices/0123456789abcdef/000000000001.seg');
    await remote.remove('devices/0123456789abcdef/000000000001.seg');
    expect(await remote.list('devices/0123456789abcdef')).toEqual(['000000000002.seg']);
    expect(allFiles(root).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('writes a file only if absent when asked, leaving one already there as it is', async () => {
    const remote = createFolderRemote(root);
    expect(await remote.writeIfAbsent!('lectern-sync.json', bytes('first'))).toBe(true);
    expect(await remote.writeIfAbsent!('lectern-sync.json', bytes('second'))).toBe(false);
    expect(text(await remote.read('lectern-sync.json'))).toBe('first');
    const raced = await Promise.all([1, 2, 3].map((n) => remote.writeIfAbsent!('devices/0123456789abcdef/ack', bytes(`${n}`))));
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(text(await remote.read('devices/0123456789abcdef/ack'))).toBe(`${raced.indexOf(true) + 1}`);
    expect(allFiles(root).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('refuses names that could leave the root or pose as a temp file', async () => {
    const remote = createFolderRemote(root);
    for (const name of ['../escape', 'a/../../escape', '/abs', 'Upper', 'a//b', '.tmp-1234', 'a/.tmp-x', '']) {
      expect(await kindOf(remote.write(name, bytes('x')))).toBe('refused');
    }
    expect(allFiles(root)).toEqual([]);
  });

  it('hides temp files another writer left behind, and clears those abandoned a day ago', async () => {
    const remote = createFolderRemote(root);
    await remote.write('blobs/aa', bytes('a'));
    writeFileSync(join(root, 'blobs', '.tmp-deadbeef'), 'half');
    writeFileSync(join(root, 'blobs', '.tmp-0ld'), 'killed mid-write');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(join(root, 'blobs', '.tmp-0ld'), twoDaysAgo, twoDaysAgo);
    expect(await remote.list('blobs')).toEqual(['aa']);
    expect(readdirSync(join(root, 'blobs')).sort()).toEqual(['.tmp-deadbeef', 'aa']);
  });

  it('says not-found when the root folder does not exist, and never creates it', async () => {
    const remote = createFolderRemote(join(root, 'missing'));
    expect(await kindOf(remote.list(''))).toBe('not-found');
    expect(await kindOf(remote.read('devices/0123456789abcdef/ack'))).toBe('not-found');
    expect(await kindOf(remote.write('devices/0123456789abcdef/ack', bytes('x')))).toBe('not-found');
    expect(await kindOf(remote.remove('devices/0123456789abcdef/ack'))).toBe('not-found');
    expect(readdirSync(root)).toEqual([]);
  });

  it('never shows a reader part of a file, while a large file is overwritten again and again', async () => {
    const remote = createFolderRemote(root);
    const size = 8 * 1024 * 1024;
    const versions = [0x41, 0x42, 0x43].map((fill) => new Uint8Array(size).fill(fill));
    let writing = true;
    const seen = new Set<string>();
    const reader = (async () => {
      let reads = 0;
      while (writing || reads < 5) {
        const data = await remote.read('snapshots/0123456789abcdef-000000000001.snap');
        reads += 1;
        if (data === null) {
          seen.add('none');
          continue;
        }
        // Whole means the full length and one fill byte throughout.
        expect(data.length).toBe(size);
        expect(data.every((byte) => byte === data[0])).toBe(true);
        seen.add(String.fromCharCode(data[0]!));
        expect(await remote.list('snapshots')).toEqual(['0123456789abcdef-000000000001.snap']);
      }
      return reads;
    })();
    for (let round = 0; round < 12; round += 1) {
      await remote.write('snapshots/0123456789abcdef-000000000001.snap', versions[round % 3]!);
    }
    writing = false;
    const reads = await reader;
    expect(reads).toBeGreaterThan(5);
    expect([...seen].filter((version) => version !== 'none').length).toBeGreaterThan(0);
    expect(allFiles(root)).toEqual(['snapshots', join('snapshots', '0123456789abcdef-000000000001.snap')]);
  });

  it('says full on a full disk, leaving the old file whole and no temp file behind', async (context) => {
    const disk = join(root, 'disk');
    mkdirSync(disk);
    const failed = mountTmpfs(disk, 1024 * 1024);
    if (failed) {
      context.skip(`needs a small tmpfs (as root): ${failed}`);
      return;
    }
    try {
      const remote = createFolderRemote(disk);
      await remote.write('devices/0123456789abcdef/ack', bytes('old'));
      expect(await kindOf(remote.write('devices/0123456789abcdef/ack', new Uint8Array(2 * 1024 * 1024)))).toBe('full');
      expect(text(await remote.read('devices/0123456789abcdef/ack'))).toBe('old');
      expect(allFiles(disk)).toEqual(['devices', join('devices', '0123456789abcdef'), join('devices', '0123456789abcdef', 'ack')]);
    } finally {
      unmount(disk);
    }
  });

  it('says refused on a read-only folder, and still reads it', async (context) => {
    const remote = createFolderRemote(root);
    await remote.write('devices/0123456789abcdef/ack', bytes('old'));
    const readOnly = makeReadOnly(root, [join(root, 'devices', '0123456789abcdef', 'ack')]);
    if (typeof readOnly === 'string') {
      context.skip(readOnly);
      return;
    }
    try {
      expect(await kindOf(remote.write('devices/0123456789abcdef/ack', bytes('new')))).toBe('refused');
      expect(await kindOf(remote.write('blobs/aa', bytes('new')))).toBe('refused');
      expect(text(await remote.read('devices/0123456789abcdef/ack'))).toBe('old');
    } finally {
      readOnly.undo();
    }
  });
});
