// The WebDAV remote against a real Apache httpd with mod_dav (tests/support/webdav-server.ts):
// Basic and Digest logins, refused passwords, whole-file overwrites, a missing folder, a full
// disk, and a server that goes away and comes back.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncVault, WrongPassphraseError } from '../../../../electron/sync/crypto/sync-vault.ts';
import { SyncRemoteError, type SyncRemote } from '../../../../electron/sync/remote/sync-remote.ts';
import { createWebdavRemote, type WebdavRemoteOptions } from '../../../../electron/sync/remote/webdav-remote.ts';
import { startWebdavServer, type WebdavServer } from '../../../support/webdav-server.ts';

let server: WebdavServer;
beforeAll(async () => {
  server = await startWebdavServer();
});
afterAll(() => server?.dispose());

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data === null ? null : new TextDecoder().decode(data));

/** A fresh folder in the DAV store for one test, and a remote on it. */
function remoteOn(folder: string, auth: 'basic' | 'digest', options: Partial<WebdavRemoteOptions> = {}): SyncRemote {
  mkdirSync(join(server.davFolder, folder));
  if (process.getuid?.() === 0) execFileSync('chown', ['www-data:www-data', join(server.davFolder, folder)]);
  return createWebdavRemote({
    url: server.url(auth, folder),
    username: server.username,
    password: server.password,
    auth,
    retryDelayMs: 20,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<SyncRemoteError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SyncRemoteError);
  return error as SyncRemoteError;
}

async function roundTrip(remote: SyncRemote, rawFolder: string): Promise<void> {
  expect(await remote.list('')).toEqual([]);
  expect(await remote.list('devices')).toEqual([]);
  expect(await remote.read('devices/0123456789abcdef/ack')).toBeNull();

  await remote.write('devices/0123456789abcdef/000000000001.seg', bytes('one'));
  await remote.write('devices/0123456789abcdef/000000000002.seg', bytes('two'));
  await remote.write('blobs/' + 'ab'.repeat(32), new Uint8Array([0, 255, 1, 254]));

  expect(await remote.list('')).toEqual(['blobs', 'devices']);
  expect(await remote.list('devices')).toEqual(['0123456789abcdef']);
  expect(await remote.list('devices/0123456789abcdef')).toEqual(['000000000001.seg', '000000000002.seg']);
  expect(text(await remote.read('devices/0123456789abcdef/000000000002.seg'))).toBe('two');
  expect([...(await remote.read('blobs/' + 'ab'.repeat(32)))!]).toEqual([0, 255, 1, 254]);

  await remote.write('devices/0123456789abcdef/000000000002.seg', bytes('two, again'));
  expect(text(await remote.read('devices/0123456789abcdef/000000000002.seg'))).toBe('two, again');
  // What the server stores is exactly what was written, under the same names, and nothing else.
  expect(readFileSync(join(rawFolder, 'devices/0123456789abcdef/000000000002.seg'), 'utf8')).toBe('two, again');

  await remote.remove('devices/0123456789abcdef/000000000001.seg');
  await remote.remove('devices/0123456789abcdef/000000000001.seg');
  expect(await remote.list('devices/0123456789abcdef')).toEqual(['000000000002.seg']);
  expect(readdirSync(rawFolder, { recursive: true, encoding: 'utf8' }).sort()).toEqual([
    'blobs',
    join('blobs', 'ab'.repeat(32)),
    'devices',
    join('devices', '0123456789abcdef'),
    join('devices', '0123456789abcdef', '000000000002.seg'),
  ]);
}

describe('WebDAV remote on Apache mod_dav', () => {
  it('lists, reads, writes and removes with Basic authentication', async () => {
    await roundTrip(remoteOn('basic-trip', 'basic'), join(server.davFolder, 'basic-trip'));
  });

  it('lists, reads, writes and removes with Digest authentication', async () => {
    await roundTrip(remoteOn('digest-trip', 'digest'), join(server.davFolder, 'digest-trip'));
  });

  it('finds Digest by itself when told auto', async () => {
    await roundTrip(remoteOn('auto-trip', 'digest', { auth: 'auto' }), join(server.davFolder, 'auto-trip'));
  });

  it('says unauthorized for a wrong password or none, with Basic, Digest and auto', async () => {
    for (const [auth, endpoint] of [['basic', 'basic'], ['digest', 'digest'], ['auto', 'digest'], ['auto', 'basic']] as const) {
      mkdirSync(join(server.davFolder, `wrong-${auth}-${endpoint}`));
      const wrong = createWebdavRemote({
        url: server.url(endpoint, `wrong-${auth}-${endpoint}`),
        username: server.username,
        password: 'not the password',
        auth,
      });
      expect((await failure(wrong.list(''))).kind).toBe('unauthorized');
      expect((await failure(wrong.read('devices/0123456789abcdef/ack'))).kind).toBe('unauthorized');
      expect((await failure(wrong.write('devices/0123456789abcdef/ack', bytes('x')))).kind).toBe('unauthorized');
      expect(readdirSync(join(server.davFolder, `wrong-${auth}-${endpoint}`))).toEqual([]);
    }
    const anonymous = createWebdavRemote({ url: server.url('basic') });
    expect((await failure(anonymous.list(''))).kind).toBe('unauthorized');
  });

  it('says not-found for a folder that is not on the server, and does not create it', async () => {
    const remote = createWebdavRemote({ url: server.url('basic', 'no-such-folder'), username: server.username, password: server.password });
    expect((await failure(remote.list(''))).kind).toBe('not-found');
    expect((await failure(remote.read('lectern-sync.json'))).kind).toBe('not-found');
    expect((await failure(remote.write('devices/0123456789abcdef/ack', bytes('x')))).kind).toBe('not-found');
    expect(readdirSync(server.davFolder)).not.toContain('no-such-folder');
  });

  it('never serves part of a file while a large one is overwritten again and again', async () => {
    const remote = remoteOn('atomic', 'basic');
    const size = 4 * 1024 * 1024;
    const versions = [0x41, 0x42, 0x43].map((fill) => new Uint8Array(size).fill(fill));
    const name = 'snapshots/0123456789abcdef-000000000001.snap';
    await remote.write(name, versions[0]!);
    let writing = true;
    const fills = new Set<number>();
    const reader = (async () => {
      let reads = 0;
      while (writing || reads < 3) {
        // A MOVE with Overwrite deletes the old file first (RFC 4918 9.9.3), so a reader may
        // find no file for a moment, as the SyncRemote contract allows: never a part of one.
        // Apache may then answer 403 (it found the file, then could not open it): read retries.
        const data = await remote.read(name);
        expect((await remote.list('snapshots')).filter((entry) => entry !== '0123456789abcdef-000000000001.snap')).toEqual([]);
        if (data === null) continue;
        reads += 1;
        expect(data.length).toBe(size);
        expect(data.every((byte) => byte === data[0])).toBe(true);
        fills.add(data[0]!);
      }
    })();
    for (let round = 1; round <= 9; round += 1) await remote.write(name, versions[round % 3]!);
    writing = false;
    await reader;
    expect(fills.size).toBeGreaterThan(0);
    expect(readdirSync(join(server.davFolder, 'atomic', 'snapshots'))).toEqual(['0123456789abcdef-000000000001.snap']);
  });

  it('reports a file the server lists but cannot open, rather than reading it as absent', async () => {
    const remote = remoteOn('unreadable', 'basic');
    await remote.write('devices/ack', bytes('kept'));
    const file = join(server.davFolder, 'unreadable', 'devices', 'ack');
    // Apache answers 403 when it cannot open a file it found; a read retries that (an overwrite
    // may have raced it) and must not turn a file that is there into "none".
    chmodSync(file, 0o000);
    try {
      const error = await failure(remote.read('devices/ack'));
      expect(error.kind).toBe('unauthorized');
      expect(error.message).toContain('HTTP 403');
    } finally {
      chmodSync(file, 0o644);
    }
    expect(text(await remote.read('devices/ack'))).toBe('kept');
  });

  it('says full when the server has no room, keeping the old file', async (context) => {
    const remote = remoteOn('full', 'basic', { retries: 0 });
    const disk = join(server.davFolder, 'full', 'devices');
    mkdirSync(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0777', 'lectern-test', disk], { stdio: 'pipe' });
    } catch (error) {
      context.skip(`needs a small tmpfs (as root): ${(error as Error).message}`);
      return;
    }
    try {
      await remote.write('devices/ack', bytes('old'));
      expect((await failure(remote.write('devices/ack', new Uint8Array(2 * 1024 * 1024)))).kind).toBe('full');
      expect(text(await remote.read('devices/ack'))).toBe('old');
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  it('carries a sealed vault: set up over Digest, opened over Basic, wrong passphrase refused', async () => {
    const scrypt = { N: 1024, r: 8, p: 1 };
    const vault = await openSyncVault(remoteOn('vault', 'digest'), 'passphrase', { create: true, scrypt });
    await vault.write('blobs/' + 'cd'.repeat(32), bytes('an article body'));
    await vault.write('devices/0123456789abcdef/000000000001.seg', bytes('a change'));
    const basic = createWebdavRemote({ url: server.url('basic', 'vault'), username: server.username, password: server.password });
    const opened = await openSyncVault(basic, 'passphrase', { create: false });
    expect(text(await opened.read('blobs/' + 'cd'.repeat(32)))).toBe('an article body');
    expect(text(await opened.read('devices/0123456789abcdef/000000000001.seg'))).toBe('a change');
    await expect(openSyncVault(basic, 'not it', { create: false })).rejects.toBeInstanceOf(WrongPassphraseError);
    const raw = readdirSync(join(server.davFolder, 'vault'), { recursive: true, encoding: 'utf8' }).sort();
    expect(raw).toHaveLength(6);
    expect(raw).not.toContain(join('blobs', 'cd'.repeat(32)));
    expect(readFileSync(join(server.davFolder, 'vault/devices/0123456789abcdef/000000000001.seg'), 'latin1')).not.toContain('a change');
  });

  it('writes a file only if absent when asked, so two devices setting up at once agree', async () => {
    const remote = remoteOn('if-absent', 'basic');
    expect(await remote.writeIfAbsent!('lectern-sync.json', bytes('first'))).toBe(true);
    expect(await remote.writeIfAbsent!('lectern-sync.json', bytes('second'))).toBe(false);
    expect(text(await remote.read('lectern-sync.json'))).toBe('first');
    expect(readdirSync(join(server.davFolder, 'if-absent'))).toEqual(['lectern-sync.json']);

    const scrypt = { N: 1024, r: 8, p: 1 };
    const overDigest = remoteOn('set-up-race', 'digest');
    const overBasic = createWebdavRemote({ url: server.url('basic', 'set-up-race'), username: server.username, password: server.password });
    const [one, two] = await Promise.all([
      openSyncVault(overDigest, 'shared', { create: true, scrypt }),
      openSyncVault(overBasic, 'shared', { create: true, scrypt }),
    ]);
    await one.write('devices/0123456789abcdef/ack', bytes('from one'));
    expect(text(await two.read('devices/0123456789abcdef/ack'))).toBe('from one');
  });

  it('says unreachable while the server is down, and works again when it is back', async () => {
    const remote = remoteOn('vanish', 'digest', { retries: 1 });
    await remote.write('devices/0123456789abcdef/ack', bytes('before'));
    await server.stop();
    try {
      expect((await failure(remote.read('devices/0123456789abcdef/ack'))).kind).toBe('unreachable');
      expect((await failure(remote.write('devices/0123456789abcdef/ack', bytes('during')))).kind).toBe('unreachable');
    } finally {
      await server.start();
    }
    expect(text(await remote.read('devices/0123456789abcdef/ack'))).toBe('before');
    await remote.write('devices/0123456789abcdef/ack', bytes('after'));
    expect(text(await remote.read('devices/0123456789abcdef/ack'))).toBe('after');
  });
});
