// Binds the connector to loopback only: 127.0.0.1 and ::1 on the same port (the extension may
// resolve "localhost" either way), or 127.0.0.1 alone where the machine has no IPv6 loopback.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

const listenOn = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

const errorCode = (error: unknown): string => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '');

/** The first port of `ports` free on both loopback addresses (0: any free port). */
export async function listenOnLoopback(ports: readonly number[], handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  for (const wanted of ports) {
    const v4 = createServer(handler);
    try {
      await listenOn(v4, wanted, '127.0.0.1');
    } catch (error) {
      if (errorCode(error) === 'EADDRINUSE' || errorCode(error) === 'EACCES') continue;
      throw error;
    }
    const port = (v4.address() as AddressInfo).port;
    const v6 = createServer(handler);
    try {
      await listenOn(v6, port, '::1');
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EADDRINUSE') {
        // Someone else has this port on ::1: an extension asking there would reach them, not us.
        await closeServer(v4);
        continue;
      }
      if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
        await closeServer(v4);
        throw error;
      }
    }
    for (const server of [v4, v6]) {
      // Slow senders may not hold connections forever.
      server.headersTimeout = 10_000;
      server.requestTimeout = 120_000;
    }
    return { port, close: async () => void (await Promise.all([closeServer(v4), closeServer(v6)])) };
  }
  throw new Error(`No connector port is free (tried ${ports.join(', ')}).`);
}
