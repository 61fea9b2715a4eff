// WebDAV over TLS against Apache with a certificate made for this run: trusted when the client
// is given it as `ca`, refused (never retried, never taken for "server away") without it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncRemoteError } from '../../../../electron/sync/remote/sync-remote.ts';
import { createWebdavRemote } from '../../../../electron/sync/remote/webdav-remote.ts';
import { startWebdavServer, type WebdavServer } from '../../../support/webdav-server.ts';

let server: WebdavServer;
beforeAll(async () => {
  server = await startWebdavServer({ tls: true });
  mkdirSync(join(server.davFolder, 'tls'));
  if (process.getuid?.() === 0) execFileSync('chown', ['www-data:www-data', join(server.davFolder, 'tls')]);
});
afterAll(() => server?.dispose());

const login = () => ({ username: server.username, password: server.password });

async function failure(promise: Promise<unknown>): Promise<SyncRemoteError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SyncRemoteError);
  return error as SyncRemoteError;
}

describe('WebDAV remote over TLS', () => {
  it('works with the server certificate trusted through ca, with Basic and Digest', async () => {
    expect(server.origin).toMatch(/^https:/);
    for (const auth of ['basic', 'digest'] as const) {
      const remote = createWebdavRemote({ url: server.url(auth, 'tls'), ...login(), auth, ca: server.ca! });
      await remote.write(`devices/0123456789abcdef/00000000000${auth === 'basic' ? 1 : 2}.seg`, new TextEncoder().encode(auth));
      expect(new TextDecoder().decode((await remote.read('devices/0123456789abcdef/000000000001.seg'))!)).toBe('basic');
    }
    const asBytes = createWebdavRemote({ url: server.url('basic', 'tls'), ...login(), ca: new TextEncoder().encode(server.ca!) });
    expect(await asBytes.list('devices/0123456789abcdef')).toEqual(['000000000001.seg', '000000000002.seg']);
    expect(readFileSync(join(server.davFolder, 'tls/devices/0123456789abcdef/000000000002.seg'), 'utf8')).toBe('digest');
  });

  it('refuses the self-signed certificate without ca, and one signed by another', async () => {
    const before = readdirSync(join(server.davFolder, 'tls'), { recursive: true });
    const untrusting = createWebdavRemote({ url: server.url('basic', 'tls'), ...login(), retryDelayMs: 10 });
    const refused = await failure(untrusting.write('devices/0123456789abcdef/ack', new Uint8Array([1])));
    expect(refused.kind).toBe('refused');
    expect(refused.message).toMatch(/certificate/);
    expect((await failure(untrusting.list(''))).kind).toBe('refused');

    const elsewhere = mkdtempSync(join(tmpdir(), 'lectern-other-ca-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(elsewhere, 'key.pem'),
        '-out', join(elsewhere, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      ], { stdio: 'ignore' });
      const wrongCa = createWebdavRemote({ url: server.url('basic', 'tls'), ...login(), ca: readFileSync(join(elsewhere, 'cert.pem'), 'utf8') });
      expect((await failure(wrongCa.read('devices/0123456789abcdef/ack'))).kind).toBe('refused');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(readdirSync(join(server.davFolder, 'tls'), { recursive: true })).toEqual(before);
  });
});
