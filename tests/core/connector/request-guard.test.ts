// What the connector refuses, over real loopback HTTP: rebinding Hosts, web origins, bodies
// past their caps (without reading them whole), and how it answers CORS.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTOR_LIMITS, CONNECTOR_PATHS } from '../../../electron/shared/connector-protocol.ts';
import type { ListPage } from '../../../electron/ipc/api.ts';
import { EXTENSION_ORIGIN, removeDir, sendRaw, startConnectorCore, valueOf, type ConnectorCore } from './support.ts';

let app: ConnectorCore;
let token: string;
beforeAll(async () => {
  app = await startConnectorCore();
  token = await app.pair();
});
afterAll(async () => {
  await app.close();
  await removeDir(app.dataDir);
});

describe('Host (DNS rebinding)', () => {
  it.each([
    ['evil.example:PORT'],
    ['evil.example'],
    ['127.0.0.1'],
    ['127.0.0.1:1'],
    ['localhost.evil.example:PORT'],
    ['127.0.0.1.nip.io:PORT'],
    [''],
  ])('refuses Host %s, even with a good token and origin', async (host) => {
    const answer = await app.send(CONNECTOR_PATHS.status, { host: host.replace('PORT', String(app.port)), token });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: { code: 'forbidden' } });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a rebinding Host on save-url before anything is saved', async () => {
    const answer = await app.send(CONNECTOR_PATHS.saveUrl, { host: `evil.example:${app.port}`, token, body: { url: 'http://127.0.0.1:1/rebound' } });
    expect(answer.status).toBe(403);
    const list = valueOf<ListPage>(await app.core.invoke('listArticles', [{ view: 'all' }]));
    expect(list.items).toEqual([]);
  });

  it.each([['127.0.0.1'], ['localhost'], ['[::1]']])('accepts Host %s:<port>', async (name) => {
    const answer = await app.send(CONNECTOR_PATHS.status, { host: `${name}:${app.port}`, token });
    expect(answer.status).toBe(200);
  });

  it('listens on ::1 as well as 127.0.0.1', async () => {
    const answer = await sendRaw(app.port, CONNECTOR_PATHS.status, { address: '::1', host: `[::1]:${app.port}` }).catch((error: NodeJS.ErrnoException) => error);
    // A machine without IPv6 loopback has 127.0.0.1 only; where ::1 exists the connector is on it.
    if (answer instanceof Error) expect(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'ENETUNREACH']).toContain(answer.code);
    else expect(answer.status).toBe(200);
  });
});

describe('Origin', () => {
  it.each([['https://example.com'], ['http://127.0.0.1:3000'], ['null'], [null], ['chrome-extension://'], ['file://'], ['chrome-extension://abc/path']])(
    'refuses origin %s, with no CORS header',
    async (origin) => {
      const answer = await app.send(CONNECTOR_PATHS.status, { origin, token });
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      const pairing = await app.send(CONNECTOR_PATHS.pairStart, { origin, body: { client: 'web page' } });
      expect(pairing.status).toBe(403);
    },
  );

  it('answers Chromium and Firefox extensions, with CORS for that origin only', async () => {
    for (const origin of [EXTENSION_ORIGIN, 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0']) {
      const answer = await app.send(CONNECTOR_PATHS.status, { origin });
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(answer.headers.vary).toBe('Origin');
    }
  });

  it('answers a preflight, private network access included', async () => {
    const answer = await app.send(CONNECTOR_PATHS.savePage, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type', 'access-control-request-private-network': 'true' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': EXTENSION_ORIGIN,
      'access-control-allow-private-network': 'true',
      'access-control-allow-headers': 'authorization, content-type',
    });
    expect(answer.headers['access-control-allow-methods']).toContain('POST');
    const web = await app.send(CONNECTOR_PATHS.savePage, { method: 'OPTIONS', origin: 'https://example.com' });
    expect(web.status).toBe(403);
    expect(web.headers['access-control-allow-private-network']).toBeUndefined();
  });
});

describe('bodies', () => {
  it('refuses a declared length over the cap with 413', async () => {
    const answer = await app.send(CONNECTOR_PATHS.saveUrl, { token, body: '{}', headers: { 'content-length': String(CONNECTOR_LIMITS.smallBodyBytes + 1) } }).catch((e: Error) => e);
    // The server answers before the (missing) body; the client may see the answer or the close.
    if (answer instanceof Error) throw answer;
    expect(answer.status).toBe(413);
  });

  it('answers 413 to a chunked body as soon as it passes the cap, while the sender is still sending', async () => {
    const answer = await new Promise<{ status: number; code: unknown }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1', port: app.port, path: CONNECTOR_PATHS.savePage, method: 'POST',
          headers: { host: `127.0.0.1:${app.port}`, origin: EXTENSION_ORIGIN, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(Buffer.concat(chunks).toString()) as { error: { code: string } }).error.code }));
        },
      );
      req.on('error', reject);
      // Past the cap by one chunk, and never ended: only a streaming count can answer this.
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let sent = 0; sent <= CONNECTOR_LIMITS.pageBodyBytes; sent += chunk.length) req.write(chunk);
      req.write(chunk);
    });
    expect(answer).toEqual({ status: 413, code: 'too-large' });
  });

  it('refuses bodies that are not JSON or not of the contract', async () => {
    expect((await app.send(CONNECTOR_PATHS.saveUrl, { token, body: 'not json' })).status).toBe(400);
    expect((await app.send(CONNECTOR_PATHS.saveUrl, { token, body: '{"url":1}' })).status).toBe(400);
    expect((await app.send(CONNECTOR_PATHS.saveUrl, { token, body: '{"url":"ftp://x/"}' })).status).toBe(400);
    expect((await app.send(CONNECTOR_PATHS.saveUrl, { token, body: '{"url":"http://127.0.0.1:1/","__proto__":{"x":1}}' })).status).toBe(400);
    const form = await app.send(CONNECTOR_PATHS.saveUrl, { token, body: 'url=http://x/', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(400);
    expect((await app.send('/v1/nope', { token })).status).toBe(404);
    expect((await app.send(CONNECTOR_PATHS.saveUrl, { token, method: 'GET' })).status).toBe(404);
  });
});
