// A real core with its connector on a free loopback port, and a raw HTTP client that can send
// any Host and Origin (fetch would not let a test forge Host, and a browser would not either).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../electron/core.ts';
import type { ApiEventName, ApiEvents } from '../../../electron/ipc/api.ts';
import { CONNECTOR_PATHS, type PairFinishResponse, type PairStartResponse } from '../../../electron/shared/connector-protocol.ts';
import { loopbackOnly } from '../../support/fixture-server.ts';

export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  json: unknown;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Host header; the default is the real 127.0.0.1:<port>. */
  host?: string;
  /** Origin header; null sends none. */
  origin?: string | null;
  token?: string;
  address?: string;
}

export interface ConnectorCore {
  core: Core;
  port: number;
  dataDir: string;
  send(path: string, options?: SendOptions): Promise<Answer>;
  /** Pairs through the real flow (start, the user allows over IPC, finish); answers the token. */
  pair(client?: string): Promise<string>;
  /** Events the core emitted, in order. */
  events: Array<{ name: ApiEventName; payload: unknown }>;
  close(): Promise<void>;
}

export async function startConnectorCore(options: Partial<CoreOptions> = {}, dataDir?: string): Promise<ConnectorCore> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'lectern-connector-')));
  const core = createCore({
    dataDir: dir,
    rendererDir: join(dir, 'no-renderer'),
    allowFetch: loopbackOnly,
    refreshFeeds: false,
    connector: { ports: [0], version: '9.9.9-test' },
    ...options,
  });
  const port = await core.connectorPort();
  if (!port) throw new Error('the connector did not start');
  const events: ConnectorCore['events'] = [];
  core.on(<E extends ApiEventName>(name: E, payload: ApiEvents[E]) => void events.push({ name, payload }));
  const send = (path: string, o: SendOptions = {}) => sendRaw(port, path, o);
  return {
    core,
    port,
    dataDir: dir,
    events,
    send,
    async pair(client = 'Test browser') {
      const start = (await send(CONNECTOR_PATHS.pairStart, { method: 'POST', body: { client } })).json as PairStartResponse;
      const allowed = await core.invoke('answerConnectorPairing', [start.pairingId, true]);
      if (!allowed.ok) throw new Error(allowed.error.message);
      const finish = (await send(CONNECTOR_PATHS.pairFinish, { method: 'POST', body: { pairingId: start.pairingId } })).json as PairFinishResponse;
      if (finish.status !== 'approved') throw new Error(`pairing ended ${finish.status}`);
      return finish.token;
    },
    async close() {
      await core.close();
    },
  };
}

/** A core answer's value; a failed one fails the test with its message. */
export function valueOf<T>(result: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

export function sendRaw(port: number, path: string, o: SendOptions = {}): Promise<Answer> {
  const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const headers: Record<string, string> = {
    host: o.host ?? `127.0.0.1:${port}`,
    ...(o.origin === null ? {} : { origin: o.origin ?? EXTENSION_ORIGIN }),
    ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
    ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
    ...o.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: o.address ?? '127.0.0.1', port, path, method: o.method ?? (body === undefined ? 'GET' : 'POST'), headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : null });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
