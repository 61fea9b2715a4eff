// The checks every connector request passes before its body is read. Any web page can send
// requests to 127.0.0.1, so the guard is what makes the connector the extension's alone:
// the Host header stops DNS rebinding (a page on evil.example resolving itself to 127.0.0.1),
// the Origin stops web pages, and the body caps stop a sender from filling memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectorError } from '../shared/connector-protocol.ts';

export type ErrorCode = ConnectorError['error']['code'];

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  'bad-request': 400,
  'too-large': 413,
  'not-found': 404,
  'too-many-requests': 429,
  internal: 500,
};

export class ConnectorRequestError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Exactly the loopback names the connector listens on, with its port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const wanted = [`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`];
  return wanted.includes(host.toLowerCase());
}

const EXTENSION_ORIGIN = /^(?:chrome-extension|moz-extension):\/\/[a-z0-9-]{1,64}$/i;

/** A WebExtension's origin (Chromium's or Firefox's); a web page's, "null" or none is not. */
export function extensionOrigin(origin: string | undefined): string | null {
  return origin && EXTENSION_ORIGIN.test(origin) ? origin : null;
}

/** CORS for an extension origin only; a web origin gets no Access-Control header at all. */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

export function preflightHeaders(origin: string): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type',
    // Chromium's Private Network Access asks before a request may reach loopback.
    'access-control-allow-private-network': 'true',
    'access-control-max-age': '600',
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, STATUS[code], { error: { code, message } } satisfies ConnectorError, headers);
}

/**
 * Reads a JSON body of at most `limit` bytes. Content-Length over the limit is refused before
 * a byte is read; a body that grows past it (chunked, or lying about its length) is refused
 * as soon as the count passes the limit, without waiting for the rest.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ConnectorRequestError('bad-request', 'The body must be application/json.');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new ConnectorRequestError('too-large', `The body is over ${limit} bytes.`);
  // Events, not for-await: leaving an async iterator early destroys the socket under the answer.
  const chunks: Buffer[] = [];
  const size = await new Promise<number>((resolve, reject) => {
    let count = 0;
    const stop = (error: Error | null) => {
      req.off('data', onData).off('end', onEnd).off('error', stop);
      if (error) reject(error);
      else resolve(count);
    };
    const onData = (chunk: Buffer) => {
      count += chunk.length;
      if (count <= limit) return void chunks.push(chunk);
      req.pause();
      stop(new ConnectorRequestError('too-large', `The body is over ${limit} bytes.`));
    };
    const onEnd = () => stop(null);
    req.on('data', onData).on('end', onEnd).on('error', stop);
  });
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown;
  } catch {
    throw new ConnectorRequestError('bad-request', 'The body is not JSON.');
  }
}

/** The bearer token of the request, if it has one. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}
