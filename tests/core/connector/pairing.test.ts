// Pairing and tokens over real loopback HTTP against the real core: the user's answer arrives
// over IPC, exactly as the renderer sends it.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTOR_HINT_CHARS, CONNECTOR_PATHS, type PairStartResponse } from '../../../electron/shared/connector-protocol.ts';
import type { ConnectedBrowser } from '../../../electron/ipc/api.ts';
import { removeDir, startConnectorCore, valueOf, type ConnectorCore } from './support.ts';

let app: ConnectorCore | null = null;
afterEach(async () => {
  await app?.close();
  if (app) await removeDir(app.dataDir);
  app = null;
});

const start = async (a: ConnectorCore, client = 'Chromium on Linux') =>
  (await a.send(CONNECTOR_PATHS.pairStart, { method: 'POST', body: { client } })).json as PairStartResponse;
const finish = async (a: ConnectorCore, pairingId: string) => (await a.send(CONNECTOR_PATHS.pairFinish, { method: 'POST', body: { pairingId } })).json;

describe('pairing', () => {
  it('shows the request with its code, and hands the token out once after Allow', async () => {
    app = await startConnectorCore();
    const started = await start(app);
    expect(started.code).toMatch(/^\d{6}$/);
    expect(app.events).toContainEqual({ name: 'connectorPairing', payload: { pairingId: started.pairingId, code: started.code, client: 'Chromium on Linux' } });
    expect(await app.core.invoke('listConnectorPairings', [])).toEqual({ ok: true, value: [{ pairingId: started.pairingId, code: started.code, client: 'Chromium on Linux' }] });
    expect(await finish(app, started.pairingId)).toEqual({ status: 'pending' });

    expect(await app.core.invoke('answerConnectorPairing', [started.pairingId, true])).toEqual({ ok: true, value: { answered: true } });
    expect(app.events).toContainEqual({ name: 'connectorPairingClosed', payload: { pairingId: started.pairingId } });
    const approved = (await finish(app, started.pairingId)) as { status: string; token: string };
    expect(approved.status).toBe('approved');
    expect(approved.token.length).toBeGreaterThanOrEqual(43);
    // Once only: a second finish (another extension guessing the id) learns nothing.
    expect(await finish(app, started.pairingId)).toEqual({ status: 'expired' });

    const status = await app.send(CONNECTOR_PATHS.status, { token: approved.token });
    expect(status.json).toEqual({ app: 'lectern', version: '9.9.9-test', paired: true });
    const browsers = valueOf<ConnectedBrowser[]>(await app.core.invoke('listConnectedBrowsers', []));
    expect(browsers.map((b) => b.client)).toEqual(['Chromium on Linux']);
  });

  it('stores only a hash of the token', async () => {
    app = await startConnectorCore();
    const token = await app.pair();
    const file = await readFile(join(app.dataDir, 'connected-browsers.json'), 'utf8');
    expect(file).not.toContain(token);
    expect(file).toMatch(/"hash": "[0-9a-f]{64}"/);
  });

  it('answers refused after Deny, and the answer cannot be changed', async () => {
    app = await startConnectorCore();
    const started = await start(app);
    expect(await app.core.invoke('answerConnectorPairing', [started.pairingId, false])).toEqual({ ok: true, value: { answered: true } });
    expect(await app.core.invoke('answerConnectorPairing', [started.pairingId, true])).toEqual({ ok: true, value: { answered: false } });
    expect(await finish(app, started.pairingId)).toEqual({ status: 'refused' });
    const browsers = await app.core.invoke('listConnectedBrowsers', []);
    expect(browsers).toEqual({ ok: true, value: [] });
  });

  it('expires a request nobody answered, and closes its prompt', async () => {
    app = await startConnectorCore({ connector: { ports: [0], pairingMs: 50 } });
    const started = await start(app);
    await expect.poll(() => app?.events.some((e) => e.name === 'connectorPairingClosed')).toBe(true);
    expect(await finish(app, started.pairingId)).toEqual({ status: 'expired' });
    expect(await app.core.invoke('answerConnectorPairing', [started.pairingId, true])).toEqual({ ok: true, value: { answered: false } });
  });

  it('lets at most five requests wait at once', async () => {
    app = await startConnectorCore();
    for (let i = 0; i < 5; i++) expect((await app.send(CONNECTOR_PATHS.pairStart, { method: 'POST', body: { client: `b${i}` } })).status).toBe(200);
    const sixth = await app.send(CONNECTOR_PATHS.pairStart, { method: 'POST', body: { client: 'b6' } });
    expect(sixth.status).toBe(429);
    expect(sixth.json).toMatchObject({ error: { code: 'too-many-requests' } });
  });

  it('refuses a client name that is not a short string', async () => {
    app = await startConnectorCore();
    for (const body of [{ client: 'x'.repeat(101) }, { client: '' }, { client: 42 }, { client: 'a', extra: 1 }, {}]) {
      expect((await app.send(CONNECTOR_PATHS.pairStart, { method: 'POST', body })).status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
  });
});

describe('tokens', () => {
  it('refuses operations without a token, with a wrong one, and with a revoked one at once', async () => {
    app = await startConnectorCore();
    const token = await app.pair();
    const other = await app.pair('Firefox');
    const lookup = `${CONNECTOR_PATHS.saved}?url=${encodeURIComponent('http://127.0.0.1:1/page')}`;
    expect((await app.send(lookup, { token })).status).toBe(200);
    expect((await app.send(lookup)).status).toBe(401);
    expect((await app.send(lookup, { token: `${token.slice(0, -2)}AA` })).status).toBe(401);
    expect((await app.send(lookup, { headers: { authorization: token } })).status).toBe(401);
    expect((await app.send(CONNECTOR_PATHS.saveUrl, { body: { url: 'http://127.0.0.1:1/x' } })).status).toBe(401);

    const listed = valueOf<ConnectedBrowser[]>(await app.core.invoke('listConnectedBrowsers', []));
    const first = listed.find((b) => b.client === 'Test browser');
    expect(first).toBeDefined();
    expect(await app.core.invoke('revokeConnectedBrowser', [first!.id])).toEqual({ ok: true, value: { revoked: true } });
    expect((await app.send(lookup, { token })).status).toBe(401);
    expect((await app.send(CONNECTOR_PATHS.status, { token })).json).toMatchObject({ paired: false });
    // The other browser keeps working.
    expect((await app.send(lookup, { token: other })).status).toBe(200);
  });

  it('proves itself to the status probe without the token being sent, and only for a paired one', async () => {
    app = await startConnectorCore();
    const token = await app.pair();
    const hashHex = createHash('sha256').update(token).digest('hex');
    const hint = createHash('sha256').update(hashHex).digest('hex').slice(0, CONNECTOR_HINT_CHARS);
    const challenge = randomBytes(32).toString('hex');
    const expected = createHmac('sha256', Buffer.from(hashHex, 'hex')).update(challenge).digest('hex');
    const probe = (h: string, c: string) => app!.send(`${CONNECTOR_PATHS.status}?challenge=${c}&hint=${h}`);
    expect((await probe(hint, challenge)).json).toMatchObject({ app: 'lectern', paired: true, proof: expected });
    // Another challenge, another proof: an answer cannot be replayed.
    const again = randomBytes(32).toString('hex');
    expect((await probe(hint, again)).json).toMatchObject({ proof: createHmac('sha256', Buffer.from(hashHex, 'hex')).update(again).digest('hex') });
    // A hint no paired browser has gets no proof; neither does a malformed challenge.
    const unknown = (await probe('0123456789abcdef', challenge)).json as Record<string, unknown>;
    expect(unknown).toMatchObject({ paired: false });
    expect(unknown).not.toHaveProperty('proof');
    expect((await probe(hint, 'not-hex')).json).not.toHaveProperty('proof');
    const listed = valueOf<ConnectedBrowser[]>(await app.core.invoke('listConnectedBrowsers', []));
    await app.core.invoke('revokeConnectedBrowser', [listed[0]!.id]);
    expect((await probe(hint, challenge)).json).not.toHaveProperty('proof');
  });

  it('keeps paired browsers across a restart', async () => {
    app = await startConnectorCore();
    const token = await app.pair();
    const dir = app.dataDir;
    await app.close();
    app = await startConnectorCore({}, dir);
    expect((await app.send(CONNECTOR_PATHS.status, { token })).json).toMatchObject({ paired: true });
  });
});
