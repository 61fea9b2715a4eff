import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FixtureHandler = (req: IncomingMessage, res: ServerResponse) => void;
export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}
export type FixtureRoute = FixtureResponse | FixtureHandler;

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** Requests seen so far, by path, so tests can assert what was (not) fetched. */
  hits: Map<string, number>;
  route(path: string, route: FixtureRoute): void;
  close(): Promise<void>;
}

/** A real HTTP server on loopback: tests fetch through the network stack, never a fake fetch. */
/** `host`: another loopback address (127.0.0.2) stands for a second machine in address-policy tests. */
export async function startFixtureServer(routes: Record<string, FixtureRoute> = {}, host = '127.0.0.1'): Promise<FixtureServer> {
  const table = new Map<string, FixtureRoute>(Object.entries(routes));
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') {
      route(req, res);
      return;
    }
    res.writeHead(route.status ?? 200, route.headers ?? { 'content-type': 'text/html; charset=utf-8' });
    res.end(route.body);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    hits,
    route: (path, route) => void table.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** For core options: captures in tests may reach loopback servers and nothing else. */
export const loopbackOnly = (url: URL): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
