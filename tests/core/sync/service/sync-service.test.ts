// Sync in the core, through the IPC operations the renderer uses: set up a new folder remote,
// join it from a second device, rounds after local changes and on demand, offline pauses,
// images on demand and "keep everything offline", turning off, and where secrets are kept.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article, SyncStatus } from '../../../../electron/ipc/api.ts';
import type { FixtureServer } from '../../../support/fixture-server.ts';
import {
  configure, folderSettings, nextStatus, openDevice, PASSPHRASE, removeTempDirs, save, startArticleSite, syncNow, tempDir, urls, value, type Device,
} from './sync-devices.ts';

let site: FixtureServer;
const open: Device[] = [];
const device = (options: Parameters<typeof openDevice>[0] = {}) => {
  const d = openDevice(options);
  open.push(d);
  return d;
};

beforeAll(async () => {
  site = await startArticleSite(3);
});
afterAll(() => site.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
  removeTempDirs();
});

/** Every file under a folder, as text, to look for a secret in. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

describe('sync service', () => {
  it('sets up a new folder remote, joins it from a second device, and both hold the same articles', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    const b = device();
    await save(a, site.url('/post/0'));
    await save(b, site.url('/post/1'));

    const setUp = await configure(a, folderSettings(remote, true));
    expect(setUp.remote).toEqual({ kind: 'folder', path: remote });
    const afterA = await syncNow(a);
    expect(afterA.state).toBe('idle');
    expect(afterA.lastSyncedAt).not.toBeNull();
    // Setting up starts a round of its own; the article went up in it or in this one.
    expect(a.statuses.some((st) => (st.lastRound?.pushed ?? 0) > 0)).toBe(true);
    expect(a.statuses.map((st) => st.state)).toContain('syncing');

    await configure(b, folderSettings(remote, false));
    await syncNow(b);
    await syncNow(a);
    const expected = [site.url('/post/0'), site.url('/post/1')].sort();
    expect(await urls(a)).toEqual(expected);
    expect(await urls(b)).toEqual(expected);
  });

  it('refuses a wrong passphrase for an existing remote, saying so, and changes nothing', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    await configure(a, folderSettings(remote, true));
    await syncNow(a);
    const before = allText(remote);

    const b = device();
    for (const create of [false, true]) {
      const answer = await b.core.invoke('configureSync', [folderSettings(remote, create, 'not the passphrase')]);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/wrong passphrase/i);
    }
    expect(value<SyncStatus>(await b.core.invoke('getSyncStatus', [])).state).toBe('off');
    expect(existsSync(join(b.dataDir, 'sync.json'))).toBe(false);
    expect(allText(remote)).toBe(before);
  });

  it('refuses settings it cannot use before touching anything: a relative folder, a non-web address, no passphrase', async () => {
    const a = device();
    const refused = [
      { remote: { kind: 'folder', path: 'relative/folder' }, passphrase: PASSPHRASE, create: true },
      { remote: { kind: 'webdav', url: 'ftp://example.com/dav', username: 'me', password: 'pw' }, passphrase: PASSPHRASE, create: true },
      { remote: { kind: 'webdav', url: 'https://example.com/dav', username: 'me' }, passphrase: PASSPHRASE, create: true },
      { remote: { kind: 'folder', path: tempDir('lectern-sync-remote-') }, passphrase: '', create: true },
      { remote: { kind: 'drive', path: '/x' }, passphrase: PASSPHRASE, create: true },
    ];
    for (const settings of refused) {
      expect(await a.core.invoke('configureSync', [settings]), JSON.stringify(settings)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    // Joining a folder that was never set up says so, rather than setting it up.
    const empty = tempDir('lectern-sync-remote-');
    const join = await a.core.invoke('configureSync', [folderSettings(empty, false)]);
    expect(join).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!join.ok) expect(join.error.message).toMatch(/set it up first/);
    expect(readdirSync(empty)).toEqual([]);
    expect(value<SyncStatus>(await a.core.invoke('getSyncStatus', [])).state).toBe('off');
  });

  it('keeps the passphrase and password out of the settings and preferences, in a 0600 file', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    await a.core.invoke('setPreferences', [{ theme: 'dark' }]);
    await configure(a, folderSettings(remote, true));
    const settings = readFileSync(join(a.dataDir, 'sync.json'), 'utf8');
    expect(settings).toContain(remote);
    expect(settings).not.toContain(PASSPHRASE);
    expect(readFileSync(join(a.dataDir, 'preferences.json'), 'utf8')).not.toContain(PASSPHRASE);
    const secrets = join(a.dataDir, 'sync-secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).toContain(PASSPHRASE);
    // The remote holds nothing a person could read the passphrase from.
    await syncNow(a);
    expect(allText(remote)).not.toContain(PASSPHRASE);
  });

  it('runs a round by itself a little after a local change, and another device then sees it', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device({ sync: { debounceMs: 50 } });
    const b = device();
    const saved = await save(a, site.url('/post/2'));
    await configure(a, folderSettings(remote, true));
    await syncNow(a);
    await configure(b, folderSettings(remote, false));
    await syncNow(b);

    const first = value<SyncStatus>(await a.core.invoke('getSyncStatus', [])).lastSyncedAt;
    const roundAfterChange = nextStatus(a, (s) => s.state === 'idle' && s.lastSyncedAt !== first && (s.lastRound?.pushed ?? 0) > 0);
    value(await a.core.invoke('setStarred', [saved.id, true]));
    await roundAfterChange;

    await syncNow(b);
    expect(value<Article>(await b.core.invoke('getArticle', [saved.id])).starred).toBe(true);
  });

  it('runs one round at a time: requests during a round merge into one round after it', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    await configure(a, folderSettings(remote, true));
    await syncNow(a);
    a.statuses.length = 0;
    const answers = await Promise.all([syncNow(a), syncNow(a), syncNow(a), syncNow(a)]);
    expect(answers.map((s) => s.state)).toEqual(['idle', 'idle', 'idle', 'idle']);
    expect(a.statuses.map((s) => s.state)).toEqual(['syncing', 'idle', 'syncing', 'idle']);
  });

  it('pauses while offline and syncs again once back online', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    const b = device();
    await configure(a, folderSettings(remote, true));
    await syncNow(a);
    await configure(b, folderSettings(remote, false));
    await syncNow(b);

    a.core.setOnline(false);
    expect(value<SyncStatus>(await a.core.invoke('getSyncStatus', [])).state).toBe('offline');
    await save(a, site.url('/post/0')); // captures wait offline; the pending article is a local change
    const whileOffline = await syncNow(a);
    expect(whileOffline.state).toBe('offline');
    await syncNow(b);
    expect(await urls(b)).toEqual([]);

    const resumed = nextStatus(a, (s) => s.state === 'idle' && s.lastSyncedAt !== whileOffline.lastSyncedAt);
    a.core.setOnline(true);
    await resumed;
    await syncNow(b);
    expect(await urls(b)).toEqual([site.url('/post/0')]);
  });

  it('fetches a synced article\'s image when it is shown, and every image with "keep everything offline"', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    const saved = await save(a, site.url('/post/0'));
    await save(a, site.url('/post/1'));
    await configure(a, folderSettings(remote, true));
    await syncNow(a);

    const hashes = readdirSync(join(a.dataDir, 'assets'), { recursive: true }).map(String).filter((n) => /[0-9a-f]{64}/.test(n));
    expect(hashes.length).toBeGreaterThanOrEqual(2);
    const html = value<Article>(await a.core.invoke('getArticle', [saved.id])).html;
    const hash = /\/assets\/([0-9a-f]{64})/.exec(html)?.[1];
    expect(hash).toBeDefined();

    const onDemand = device();
    await configure(onDemand, folderSettings(remote, false));
    await syncNow(onDemand);
    const assetsOf = (d: Device) => (existsSync(join(d.dataDir, 'assets')) ? readdirSync(join(d.dataDir, 'assets'), { recursive: true }).map(String).join(' ') : '');
    expect(assetsOf(onDemand)).not.toContain(hash);
    const response = await onDemand.core.handleRequest(new Request(`lectern://app/assets/${hash}`));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(assetsOf(onDemand)).toContain(hash);
    // A hash no synced article uses is still a 404.
    expect((await onDemand.core.handleRequest(new Request(`lectern://app/assets/${'0'.repeat(64)}`))).status).toBe(404);

    const offline = device();
    await configure(offline, { ...folderSettings(remote, false), keepOffline: true });
    await syncNow(offline);
    for (const h of hashes.map((n) => /([0-9a-f]{64})/.exec(n)![1]!)) expect(assetsOf(offline)).toContain(h);
  });

  it('turns off: forgets the settings and secrets, keeps the library and the remote', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    await save(a, site.url('/post/0'));
    await configure(a, folderSettings(remote, true));
    await syncNow(a);
    const remoteBefore = allText(remote);
    const off = value<SyncStatus>(await a.core.invoke('disableSync', []));
    expect(off).toMatchObject({ state: 'off', remote: null });
    expect(existsSync(join(a.dataDir, 'sync.json'))).toBe(false);
    expect(existsSync(join(a.dataDir, 'sync-secrets.json'))).toBe(false);
    expect(await urls(a)).toEqual([site.url('/post/0')]);
    expect(allText(remote)).toBe(remoteBefore);
    // And a reopened core stays off.
    await a.close();
    open.splice(open.indexOf(a), 1);
    const again = device({ dataDir: a.dataDir });
    expect(value<SyncStatus>(await again.core.invoke('getSyncStatus', [])).state).toBe('off');
  });

  it('says why a round failed in the status: a folder that went away', async () => {
    const remote = tempDir('lectern-sync-remote-');
    const a = device();
    await configure(a, folderSettings(remote, true));
    await syncNow(a);
    rmSync(remote, { recursive: true, force: true });
    const failed = value<SyncStatus>(await a.core.invoke('syncNow', []));
    expect(failed.state).toBe('error');
    expect(failed.message).toMatch(/does not exist|cannot be reached/);
  });
});
