// Sync set up through a real WebDAV server (Apache mod_dav on loopback): the password goes to
// the secret store, never to sync.json; a wrong password is refused with the server's answer
// and saves nothing; two devices sync through it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSettings, SyncStatus } from '../../../../electron/ipc/api.ts';
import { startWebdavServer, type WebdavServer } from '../../../support/webdav-server.ts';
import { configure, openDevice, PASSPHRASE, removeTempDirs, syncNow, urls, value, type Device } from './sync-devices.ts';

let server: WebdavServer;
const open: Device[] = [];
beforeAll(async () => {
  server = await startWebdavServer();
});
afterAll(() => server?.dispose());
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
  removeTempDirs();
});

const device = () => {
  const d = openDevice({ allowFetch: () => false });
  open.push(d);
  return d;
};

/** The remote folder must exist on the server, as one made in Nextcloud's web page would. */
function davFolder(name: string): string {
  mkdirSync(join(server.davFolder, name));
  if (process.getuid?.() === 0) execFileSync('chown', ['www-data:www-data', join(server.davFolder, name)]);
  return name;
}

function webdav(folder: string, create: boolean, password = server.password): SyncSettings {
  return { remote: { kind: 'webdav', url: server.url('digest', folder), username: server.username, password }, passphrase: PASSPHRASE, create };
}

describe('sync through WebDAV', () => {
  it('keeps the password in the secret store, and two devices sync through the server', async () => {
    const a = device();
    const b = device();
    value(await a.core.invoke('importLinks', ['https://example.com/over-webdav\n']));
    const folder = davFolder('two-devices');
    await configure(a, webdav(folder, true));
    await syncNow(a);
    const settings = readFileSync(join(a.dataDir, 'sync.json'), 'utf8');
    expect(settings).toContain(server.username);
    expect(settings).not.toContain(server.password);
    expect(readFileSync(join(a.dataDir, 'sync-secrets.json'), 'utf8')).toContain(server.password);

    await configure(b, webdav(folder, false));
    await syncNow(b);
    expect(await urls(b)).toEqual(['https://example.com/over-webdav']);
  });

  it('refuses a wrong password with the reason and saves nothing', async () => {
    const a = device();
    const answer = await a.core.invoke('configureSync', [webdav(davFolder('wrong-password'), true, 'not-the-password')]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/refused the user name or password/);
    expect(existsSync(join(a.dataDir, 'sync.json'))).toBe(false);
    expect(existsSync(join(a.dataDir, 'sync-secrets.json'))).toBe(false);
    expect(value<SyncStatus>(await a.core.invoke('getSyncStatus', [])).state).toBe('off');
  });
});
