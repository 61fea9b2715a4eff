import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

// A TCP server that speaks HTTP by hand, so a case can break the protocol anywhere: headers
// that never end, a reset mid-body, a body that never stops. Every connection counts the bytes
// it managed to send and knows whether the client hung up first, which is how a case proves
// the capture stopped reading at its cap instead of holding 2 GB in memory.

export interface Connection {
  socket: Socket;
  /** Request path, from the request line. */
  path: string;
  /** Bytes written to the socket so far. */
  sent: number;
  /** The behaviour ran to its end (a finite body fully written). */
  finished: boolean;
  /** Resolves once the socket is closed, whoever closed it. */
  closed: Promise<void>;
  write(bytes: string | Uint8Array): boolean;
  /** Writes `total` bytes made by `chunk`, waiting on the socket's back-pressure; stops when the client hangs up. */
  pump(total: number, chunk: (sent: number) => Uint8Array, frame?: 'chunked'): Promise<void>;
}

export type Behaviour = (connection: Connection) => void | Promise<void>;

export interface RawServer {
  origin: string;
  url(path: string): string;
  /** Connections by path, in arrival order. */
  connections: Map<string, Connection[]>;
  route(path: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

export const head = (status: string, headers: Record<string, string>): string =>
  `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;

export async function startRawServer(): Promise<RawServer> {
  const routes = new Map<string, Behaviour>();
  const connections = new Map<string, Connection[]>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {}); // a client hanging up mid-write is what half the cases are about
    const closed = new Promise<void>((resolve) => socket.once('close', () => (sockets.delete(socket), resolve())));
    let request = '';
    const onData = (data: Buffer) => {
      request += data.toString('latin1');
      // Not HTTP (a TLS handshake, say): answer as a plain web server does.
      if (!/^[A-Z]/.test(request)) {
        socket.off('data', onData);
        socket.end(head('400 Bad Request', { 'content-length': '0', connection: 'close' }));
        return;
      }
      if (!request.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.resume(); // keep reading (and ignoring), so the client's close is seen
      const path = /^[A-Z]+ (\S+)/.exec(request)?.[1]?.split('?')[0] ?? '/';
      const connection = openConnection(socket, path, closed);
      connections.set(path, [...(connections.get(path) ?? []), connection]);
      const behaviour = routes.get(path) ?? ((c: Connection) => void c.socket.end(head('404 Not Found', { 'content-length': '0' })));
      void Promise.resolve(behaviour(connection)).catch(() => socket.destroy());
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    connections,
    route: (path, behaviour) => void routes.set(path, behaviour),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function openConnection(socket: Socket, path: string, closed: Promise<void>): Connection {
  const connection: Connection = {
    socket,
    path,
    sent: 0,
    finished: false,
    closed,
    write(bytes) {
      if (socket.destroyed) return false;
      connection.sent += typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
      return socket.write(bytes);
    },
    async pump(total, chunk, frame) {
      let sent = 0;
      while (sent < total) {
        if (socket.destroyed) return;
        const bytes = chunk(sent).subarray(0, total - sent);
        const ready = frame === 'chunked'
          ? connection.write(Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]))
          : connection.write(bytes);
        sent += bytes.length;
        if (!ready) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
      }
      if (frame === 'chunked') connection.write('0\r\n\r\n');
      connection.finished = !socket.destroyed;
    },
  };
  return connection;
}
