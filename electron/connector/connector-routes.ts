// The connector's HTTP handler: the guard first (Host, Origin, preflight, token), then the body
// (capped, then validated with zod), then the operation. See electron/shared/connector-protocol.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CaptureError } from '../capture/capture-error.ts';
import { CONNECTOR_LIMITS, CONNECTOR_PATHS, type ConnectorStatus } from '../shared/connector-protocol.ts';
import type { ConnectorSaves } from './connector-saves.ts';
import type { Pairings } from './pairing.ts';
import {
  bearerToken, ConnectorRequestError, corsHeaders, extensionOrigin, hostAllowed, preflightHeaders, readJsonBody, sendError, sendJson,
} from './request-guard.ts';
import type { TokenStore } from './token-store.ts';

const url = z.string().min(1).max(8192);
const schemas = {
  pairStart: z.object({ client: z.string().trim().min(1).max(100).transform((name) => name.replace(/[\p{Cc}\p{Cf}]/gu, '')) }).strict(),
  pairFinish: z.object({ pairingId: z.string().uuid() }).strict(),
  saveUrl: z.object({ url }).strict(),
  savePage: z
    .object({ url, html: z.string().max(CONNECTOR_LIMITS.pageBodyBytes), title: z.string().max(1000).optional(), selectionHtml: z.string().max(CONNECTOR_LIMITS.pageBodyBytes).optional() })
    .strict(),
  saveImages: z
    .object({
      articleId: z.string().uuid(),
      images: z.array(z.object({ url, mime: z.string().max(100), base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) }).strict()).max(150),
    })
    .strict(),
};

export interface RouteDeps {
  port(): number;
  version: string;
  tokens: TokenStore;
  pairings: Pairings;
  saves: ConnectorSaves;
}

type Route = { method: 'GET' | 'POST'; auth: boolean; limit: number; run(body: unknown, query: URLSearchParams): Promise<unknown> | unknown };

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ConnectorRequestError('bad-request', parsed.error.issues[0]?.message ?? 'Invalid request.');
  return parsed.data;
}

export function createConnectorHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const small = CONNECTOR_LIMITS.smallBodyBytes;
  const routes: Record<string, Route> = {
    [CONNECTOR_PATHS.pairStart]: {
      method: 'POST', auth: false, limit: small,
      run(body) {
        const started = deps.pairings.start(parse(schemas.pairStart, body).client || 'A browser');
        if (!started) throw new ConnectorRequestError('too-many-requests', 'Too many pairing requests are waiting; answer them in Lectern first.');
        return started;
      },
    },
    [CONNECTOR_PATHS.pairFinish]: { method: 'POST', auth: false, limit: small, run: (body) => deps.pairings.finish(parse(schemas.pairFinish, body).pairingId) },
    [CONNECTOR_PATHS.saveUrl]: { method: 'POST', auth: true, limit: small, run: (body) => deps.saves.saveUrl(parse(schemas.saveUrl, body).url) },
    [CONNECTOR_PATHS.savePage]: { method: 'POST', auth: true, limit: CONNECTOR_LIMITS.pageBodyBytes, run: (body) => deps.saves.savePage(parse(schemas.savePage, body)) },
    [CONNECTOR_PATHS.saveImages]: { method: 'POST', auth: true, limit: CONNECTOR_LIMITS.imagesBodyBytes, run: (body) => deps.saves.saveImages(parse(schemas.saveImages, body)) },
    [CONNECTOR_PATHS.saved]: {
      method: 'GET', auth: true, limit: 0,
      run(_body, query) {
        const urls = query.getAll('url');
        if (urls.length !== 1 || !urls[0]) throw new ConnectorRequestError('bad-request', 'Name one url.');
        return deps.saves.lookup(urls[0]);
      },
    },
  };

  return (req, res) => {
    // Before anything else: a rebinding page or a web origin learns nothing, not even CORS.
    if (!hostAllowed(req.headers.host, deps.port())) return refuse(req, res, 'forbidden', 'Unexpected Host.');
    const origin = extensionOrigin(req.headers.origin);
    if (!origin) return refuse(req, res, 'forbidden', 'Only the Lectern extension may call the connector.');
    const cors = corsHeaders(origin);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(origin)).end();
      return;
    }
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const token = bearerToken(req);
    const paired = token ? deps.tokens.verify(token) : null;
    if (pathname === CONNECTOR_PATHS.status && req.method === 'GET') {
      const challenge = searchParams.get('challenge') ?? '';
      const hint = searchParams.get('hint') ?? '';
      const proof = /^[0-9a-f]{32,128}$/.test(challenge) && /^[0-9a-f]{16}$/.test(hint) ? deps.tokens.prove(hint, challenge) : null;
      const status: ConnectorStatus = { app: 'lectern', version: deps.version, paired: paired !== null || proof !== null, ...(proof ? { proof } : {}) };
      sendJson(res, 200, status, cors);
      return;
    }
    const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
    if (!route || route.method !== req.method) return refuse(req, res, 'not-found', 'No such operation.', cors);
    if (route.auth && !paired) return refuse(req, res, 'unauthorized', 'Pair this browser with Lectern first.', cors);
    void (async () => {
      try {
        const body = route.method === 'POST' ? await readJsonBody(req, route.limit) : undefined;
        sendJson(res, 200, await route.run(body, searchParams), cors);
      } catch (error) {
        if (error instanceof ConnectorRequestError) return refuse(req, res, error.code, error.message, cors);
        if (error instanceof CaptureError) return refuse(req, res, 'bad-request', error.message, cors);
        console.error('connector request failed', error);
        refuse(req, res, 'internal', 'Something went wrong in Lectern.', cors);
      }
    })();
  };
}

/**
 * Answers an error. The rest of an unread body is not read: the connection closes once the
 * answer is out, so a sender cannot make the app take in an endless upload.
 */
function refuse(req: IncomingMessage, res: ServerResponse, code: Parameters<typeof sendError>[1], message: string, headers: Record<string, string> = {}): void {
  const unread = !req.complete;
  sendError(res, code, message, unread ? { ...headers, connection: 'close' } : headers);
  if (!unread) return;
  // Closing outright with bytes still arriving would reset the connection under the answer; the
  // rest is discarded (not kept) for a moment so the sender can read it, then the socket goes.
  const socket = req.socket;
  res.once('finish', () => {
    socket.end();
    req.resume();
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}
