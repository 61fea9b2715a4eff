// Talks to the Lectern app's loopback connector (the contract: electron/shared/connector-protocol.ts).
// The port the app was last found on and the pairing token live in storage.local.
import {
  CONNECTOR_HINT_CHARS,
  CONNECTOR_PATHS,
  CONNECTOR_PORTS,
  type ConnectorError,
  type ConnectorStatus,
  type PairFinishResponse,
  type PairStartResponse,
  type SaveImagesRequest,
  type SaveImagesResponse,
  type SavePageRequest,
  type SaveResponse,
  type SavedLookup,
} from '../../electron/shared/connector-protocol.ts';
import { ext } from './browser-api.ts';

const PORT_KEY = 'connectorPort';
const TOKEN_KEY = 'connectorToken';

/** Why a request to the app did not succeed, worded for the badge's title and the options page. */
export class ConnectorProblem extends Error {
  constructor(
    readonly kind: 'not-running' | 'not-paired' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

export interface Connection {
  port: number;
  status: ConnectorStatus;
}

export async function storedToken(): Promise<string | null> {
  const stored = await ext.storage.local.get([TOKEN_KEY]);
  return typeof stored[TOKEN_KEY] === 'string' ? stored[TOKEN_KEY] : null;
}

export async function storeToken(token: string | null): Promise<void> {
  if (token === null) await ext.storage.local.remove([TOKEN_KEY]);
  else await ext.storage.local.set({ [TOKEN_KEY]: token });
}

function endpoint(port: number, path: string): string {
  return `http://127.0.0.1:${port}${path}`;
}

const hex = (bytes: ArrayBuffer): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** What the probe sends instead of the token, and the proof a real Lectern answers with. */
async function challengeFor(token: string): Promise<{ query: string; expected: string }> {
  const hash = await crypto.subtle.digest('SHA-256', utf8(token));
  const hint = hex(await crypto.subtle.digest('SHA-256', utf8(hex(hash)))).slice(0, CONNECTOR_HINT_CHARS);
  const challenge = hex(crypto.getRandomValues(new Uint8Array(32)).buffer);
  const key = await crypto.subtle.importKey('raw', hash, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = hex(await crypto.subtle.sign('HMAC', key, utf8(challenge)));
  return { query: `?challenge=${challenge}&hint=${hint}`, expected };
}

async function readStatus(port: number, token: string | null): Promise<ConnectorStatus | null> {
  try {
    // The token is never sent to find the app: whatever answers on the port must first prove
    // that it holds the token's hash, or it is not the Lectern this browser paired with.
    const challenge = token ? await challengeFor(token) : null;
    const response = await fetch(endpoint(port, CONNECTOR_PATHS.status) + (challenge?.query ?? ''), { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return null;
    const status = (await response.json()) as Partial<ConnectorStatus>;
    if (status.app !== 'lectern') return null;
    if (status.paired && (!challenge || status.proof !== challenge.expected)) return null;
    return status as ConnectorStatus;
  } catch {
    return null; // nothing listening there, or not Lectern
  }
}

/** Finds the app: the port it answered on last time first, then the others in order. */
export async function findApp(): Promise<Connection> {
  const token = await storedToken();
  const stored = (await ext.storage.local.get([PORT_KEY]))[PORT_KEY];
  const ports: number[] = [...CONNECTOR_PORTS];
  if (typeof stored === 'number' && ports.includes(stored)) ports.sort((a, b) => Number(b === stored) - Number(a === stored));
  for (const port of ports) {
    const status = await readStatus(port, token);
    if (status) {
      if (port !== stored) await ext.storage.local.set({ [PORT_KEY]: port });
      return { port, status };
    }
  }
  throw new ConnectorProblem('not-running', 'Lectern is not running (or is too old to have the browser connector).');
}

async function call<T>(port: number, method: 'GET' | 'POST', path: string, body?: unknown, auth = true): Promise<T> {
  // Pairing needs no token, so none goes with it (it may be asked of an app not yet proven).
  const token = auth ? await storedToken() : null;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(endpoint(port, path), { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ConnectorProblem('not-running', 'Lectern stopped answering.');
  }
  const answer = (await response.json().catch(() => null)) as T | ConnectorError | null;
  if (response.ok && answer !== null) return answer as T;
  const error = answer && typeof answer === 'object' && 'error' in answer ? answer.error : null;
  if (response.status === 401) throw new ConnectorProblem('not-paired', 'Not paired with Lectern: pair in the extension’s options.');
  throw new ConnectorProblem('refused', `Lectern refused: ${error?.message ?? `HTTP ${response.status}`}`);
}

/** A connection to an app that knows this browser's token, or a problem saying why not. */
export async function pairedApp(): Promise<number> {
  const { port, status } = await findApp();
  if (!status.paired) throw new ConnectorProblem('not-paired', 'Not paired with Lectern: pair in the extension’s options.');
  return port;
}

export const connector = {
  pairStart: (port: number, client: string) => call<PairStartResponse>(port, 'POST', CONNECTOR_PATHS.pairStart, { client }, false),
  pairFinish: (port: number, pairingId: string) => call<PairFinishResponse>(port, 'POST', CONNECTOR_PATHS.pairFinish, { pairingId }, false),
  saveUrl: (port: number, url: string) => call<SaveResponse>(port, 'POST', CONNECTOR_PATHS.saveUrl, { url }),
  savePage: (port: number, page: SavePageRequest) => call<SaveResponse>(port, 'POST', CONNECTOR_PATHS.savePage, page),
  saveImages: (port: number, request: SaveImagesRequest) => call<SaveImagesResponse>(port, 'POST', CONNECTOR_PATHS.saveImages, request),
  saved: (port: number, url: string) => call<SavedLookup>(port, 'GET', `${CONNECTOR_PATHS.saved}?url=${encodeURIComponent(url)}`),
};
