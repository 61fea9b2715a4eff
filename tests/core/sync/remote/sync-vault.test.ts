// The vault over a real folder remote: what goes in comes out, a wrong passphrase changes
// nothing, any change to a stored file (or moving it to another name) is caught, and the raw
// storage shows only device ids, sequence numbers, HMACs and sealed bytes.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSyncVault, SealedFileError, WrongPassphraseError } from '../../../../electron/sync/crypto/sync-vault.ts';
import { createFolderRemote } from '../../../../electron/sync/remote/folder-remote.ts';
import type { SyncRemote, SyncRemoteError } from '../../../../electron/sync/remote/sync-remote.ts';

// Cheap for the tests; the default cost is exercised once, below.
const scrypt = { N: 1024, r: 8, p: 1 };
const DEVICE = '0123456789abcdef';
const OTHER = 'fedcba9876543210';

let root: string;
let remote: SyncRemote;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lectern-vault-'));
  remote = createFolderRemote(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data === null ? null : new TextDecoder().decode(data));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every file under the remote with its bytes, to compare before and after. */
function rawFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(root, name)).isFile()) files[name] = readFileSync(join(root, name)).toString('hex');
  }
  return files;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

async function filledVault(passphrase = 'correct horse battery staple') {
  const vault = await openSyncVault(remote, passphrase, { create: true, scrypt });
  await vault.write(`devices/${DEVICE}/000000000001.seg`, bytes('segment one: starred article 42'));
  await vault.write(`devices/${DEVICE}/000000000002.seg`, bytes('segment two: tagged article 42'));
  await vault.write(`devices/${DEVICE}/ack`, bytes(`{"${OTHER}":7}`));
  await vault.write(`snapshots/${DEVICE}-000000000002.snap`, bytes('snapshot of everything'));
  await vault.write(`blobs/${sha256('page body')}`, bytes('page body'));
  await vault.write(`blobs/${sha256('image')}`, bytes('image'));
  return vault;
}

describe('sync vault', () => {
  it('gives back what was written, to this device and to another that knows the passphrase', async () => {
    await filledVault();
    const other = await openSyncVault(createFolderRemote(root), 'correct horse battery staple', { create: false });
    expect(text(await other.read(`devices/${DEVICE}/000000000002.seg`))).toBe('segment two: tagged article 42');
    expect(text(await other.read(`blobs/${sha256('page body')}`))).toBe('page body');
    expect(text(await other.read(`snapshots/${DEVICE}-000000000002.snap`))).toBe('snapshot of everything');
    expect(await other.read(`devices/${OTHER}/ack`)).toBeNull();
    expect(await other.read(`blobs/${sha256('never stored')}`)).toBeNull();
    expect(await other.list('')).toEqual(['blobs', 'devices', 'snapshots']);
    expect(await other.list(`devices/${DEVICE}`)).toEqual(['000000000001.seg', '000000000002.seg', 'ack']);
    await other.remove(`blobs/${sha256('image')}`);
    expect(await other.read(`blobs/${sha256('image')}`)).toBeNull();
    expect(readdirSync(join(root, 'blobs'))).toHaveLength(1);
    // Setting up again with the same passphrase opens what is there.
    const again = await openSyncVault(remote, 'correct horse battery staple', { create: true, scrypt });
    expect(text(await again.read(`devices/${DEVICE}/ack`))).toBe(`{"${OTHER}":7}`);
  });

  it('opens with the default scrypt cost, which it stores beside the data', async () => {
    const vault = await openSyncVault(remote, 'pass', { create: true });
    await vault.write(`devices/${DEVICE}/ack`, bytes('{}'));
    const parameters = JSON.parse(readFileSync(join(root, 'lectern-sync.json'), 'utf8'));
    expect(parameters.kdf).toMatchObject({ name: 'scrypt', N: 32768, r: 8, p: 1 });
    expect(Buffer.from(parameters.kdf.salt, 'base64')).toHaveLength(16);
    const reopened = await openSyncVault(remote, 'pass', { create: false });
    expect(text(await reopened.read(`devices/${DEVICE}/ack`))).toBe('{}');
  });

  it('says a wrong passphrase is wrong, and changes nothing', async () => {
    await filledVault();
    const before = rawFiles();
    expect(await rejection(openSyncVault(remote, 'correct horse battery stapler', { create: false }))).toBeInstanceOf(WrongPassphraseError);
    expect(await rejection(openSyncVault(remote, 'another one', { create: true, scrypt }))).toBeInstanceOf(WrongPassphraseError);
    expect(rawFiles()).toEqual(before);
  });

  it('sets up only an empty remote, and opens only one set up', async () => {
    expect(((await rejection(openSyncVault(remote, 'pass', { create: false }))) as SyncRemoteError).kind).toBe('not-found');
    expect(readdirSync(root)).toEqual([]);
    writeFileSync(join(root, '.stfolder'), '');
    writeFileSync(join(root, 'holiday.jpg'), 'someone else');
    expect(((await rejection(openSyncVault(remote, 'pass', { create: true, scrypt }))) as SyncRemoteError).kind).toBe('refused');
    expect(readdirSync(root).sort()).toEqual(['.stfolder', 'holiday.jpg']);
    rmSync(join(root, 'holiday.jpg'));
    await openSyncVault(remote, 'pass', { create: true, scrypt });
    expect(readdirSync(root).sort()).toEqual(['.stfolder', 'lectern-sync.json']);
  });

  it('lets two devices set up one remote at once, and agree on one key', async () => {
    const [first, second] = await Promise.all([
      openSyncVault(createFolderRemote(root), 'shared', { create: true, scrypt }),
      openSyncVault(createFolderRemote(root), 'shared', { create: true, scrypt }),
    ]);
    await first.write(`devices/${DEVICE}/ack`, bytes('from the first'));
    await second.write(`devices/${OTHER}/ack`, bytes('from the second'));
    expect(text(await second.read(`devices/${DEVICE}/ack`))).toBe('from the first');
    expect(text(await first.read(`devices/${OTHER}/ack`))).toBe('from the second');
    // One that came a moment later with another passphrase is told so.
    expect(await rejection(openSyncVault(createFolderRemote(root), 'not shared', { create: true, scrypt }))).toBeInstanceOf(WrongPassphraseError);
  });

  it('refuses a changed, truncated or extended file, naming it', async () => {
    const vault = await filledVault();
    const name = `devices/${DEVICE}/000000000001.seg`;
    const raw = readFileSync(join(root, name));
    for (const offset of [0, 4, 10, 20, raw.length - 1]) {
      const changed = Buffer.from(raw);
      changed[offset]! ^= 0x01;
      writeFileSync(join(root, name), changed);
      const error = await rejection(vault.read(name));
      expect(error).toBeInstanceOf(SealedFileError);
      expect((error as SealedFileError).file).toBe(name);
    }
    writeFileSync(join(root, name), Buffer.concat([raw, Buffer.from([0])]));
    expect(await rejection(vault.read(name))).toBeInstanceOf(SealedFileError);
    for (const length of [raw.length - 1, 20, 0]) {
      writeFileSync(join(root, name), raw);
      truncateSync(join(root, name), length);
      expect(await rejection(vault.read(name))).toBeInstanceOf(SealedFileError);
    }
    writeFileSync(join(root, name), raw);
    expect(text(await vault.read(name))).toBe('segment one: starred article 42');
  });

  it('refuses a file moved under another name: a swapped segment, snapshot or blob', async () => {
    const vault = await filledVault();
    copyFileSync(join(root, `devices/${DEVICE}/000000000001.seg`), join(root, `devices/${DEVICE}/000000000002.seg`));
    expect(await rejection(vault.read(`devices/${DEVICE}/000000000002.seg`))).toBeInstanceOf(SealedFileError);
    copyFileSync(join(root, `devices/${DEVICE}/ack`), join(root, `snapshots/${DEVICE}-000000000002.snap`));
    expect(await rejection(vault.read(`snapshots/${DEVICE}-000000000002.snap`))).toBeInstanceOf(SealedFileError);
    const [first, second] = readdirSync(join(root, 'blobs'));
    copyFileSync(join(root, 'blobs', first!), join(root, 'blobs', second!));
    const results = await Promise.allSettled([vault.read(`blobs/${sha256('page body')}`), vault.read(`blobs/${sha256('image')}`)]);
    expect(results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason)).toEqual([
      expect.any(SealedFileError),
    ]);
    expect(text(await vault.read(`devices/${DEVICE}/000000000001.seg`))).toBe('segment one: starred article 42');
  });

  it('leaves only device ids, sequence numbers, HMACs and sealed bytes on the storage', async () => {
    await filledVault();
    const files = rawFiles();
    const shape =
      /^(lectern-sync\.json|devices|blobs|snapshots|devices\/[0-9a-f]{16}|devices\/[0-9a-f]{16}\/([0-9]{12}\.seg|ack)|snapshots\/[0-9a-f]{16}-[0-9]{12}\.snap|blobs\/[0-9a-f]{64})$/;
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) expect(name).toMatch(shape);
    const blobNames = readdirSync(join(root, 'blobs'));
    expect(blobNames).toHaveLength(2);
    expect(blobNames).not.toContain(sha256('page body'));
    expect(blobNames).not.toContain(sha256('image'));
    const everything = Object.values(files).map((hex) => Buffer.from(hex, 'hex').toString('latin1')).join('\n');
    for (const secret of ['segment', 'article 42', 'snapshot', 'page body', OTHER, sha256('page body')]) {
      expect(everything).not.toContain(secret);
    }
    // Another passphrase (another remote) hides the same hash under another name.
    const elsewhere = mkdtempSync(join(tmpdir(), 'lectern-vault-'));
    try {
      const vault = await openSyncVault(createFolderRemote(elsewhere), 'different', { create: true, scrypt });
      await vault.write(`blobs/${sha256('page body')}`, bytes('page body'));
      expect(blobNames).not.toContain(readdirSync(join(elsewhere, 'blobs'))[0]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('seals the same content differently each time (a fresh nonce per write)', async () => {
    const vault = await filledVault();
    const name = `devices/${DEVICE}/ack`;
    const first = readFileSync(join(root, name));
    await vault.write(name, bytes(`{"${OTHER}":7}`));
    expect(readFileSync(join(root, name)).equals(first)).toBe(false);
    expect(readFileSync(join(root, name))).toHaveLength(first.length);
  });

  it('keeps its own file out of reach, and does not pretend to list sealed blob names', async () => {
    const vault = await filledVault();
    expect(await vault.list('')).not.toContain('lectern-sync.json');
    expect(((await rejection(vault.write('lectern-sync.json', bytes('{}')))) as SyncRemoteError).kind).toBe('refused');
    expect(((await rejection(vault.read('lectern-sync.json'))) as SyncRemoteError).kind).toBe('refused');
    expect(((await rejection(vault.list('blobs'))) as SyncRemoteError).kind).toBe('refused');
  });

  it('names a damaged parameters file as the damaged file', async () => {
    await filledVault();
    writeFileSync(join(root, 'lectern-sync.json'), '{"format":"lectern-sync","version":1,"kdf":{"name":"scrypt","N":3}}');
    const error = await rejection(openSyncVault(remote, 'correct horse battery staple', { create: false }));
    expect(error).toBeInstanceOf(SealedFileError);
    expect((error as SealedFileError).file).toBe('lectern-sync.json');
    writeFileSync(join(root, 'lectern-sync.json'), 'not json');
    expect(await rejection(openSyncVault(remote, 'correct horse battery staple', { create: false }))).toBeInstanceOf(SealedFileError);
  });
});
