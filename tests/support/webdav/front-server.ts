// A loopback HTTP server placed in front of the test Apache, to make the faults a real network
// has: answers that never come, 503s and 429s, answers lost after the work was done. Each
// request is handed to `decide`, which answers it itself or passes it on to Apache.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

export interface FrontRequest {
  method: string;
  path: string;
  /** 1 for the first request this server saw. */
  number: number;
}

/** 'forward' passes to Apache; 'forward-then-drop' does the work and loses the answer. */
export type Decision = 'forward' | 'forward-then-drop' | { status: number; headers?: Record<string, string> };

export interface FrontServer {
  readonly origin: string;
  readonly seen: FrontRequest[];
  close(): Promise<void>;
}

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function forward(apachePort: number, origin: string, req: IncomingMessage, res: ServerResponse, drop: boolean): void {
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: `127.0.0.1:${apachePort}` };
  // MOVE names its destination by URL: point it at Apache, which checks it is its own.
  if (typeof headers.destination === 'string') headers.destination = headers.destination.replace(origin, `http://127.0.0.1:${apachePort}`);
  const upstream = httpRequest({ host: '127.0.0.1', port: apachePort, method: req.method, path: req.url, headers }, (answer) => {
    if (drop) {
      answer.resume();
      answer.once('end', () => res.socket?.destroy());
      return;
    }
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.once('error', () => res.socket?.destroy());
  req.pipe(upstream);
}

export async function startFrontServer(apachePort: number, decide: (request: FrontRequest) => Decision): Promise<FrontServer> {
  const seen: FrontRequest[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const request = { method: req.method ?? 'GET', path: req.url ?? '/', number: seen.length + 1 };
    seen.push(request);
    const decision = decide(request);
    if (decision === 'forward' || decision === 'forward-then-drop') {
      forward(apachePort, origin, req, res, decision === 'forward-then-drop');
      return;
    }
    req.resume();
    res.writeHead(decision.status, { 'content-type': 'text/plain', ...decision.headers });
    res.end(`front server: ${decision.status}\n`);
  });
  origin = `http://127.0.0.1:${await listen(server)}`;
  return {
    origin,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with `chunks` pieces of `piece`, one every `everyMs`. */
export async function startTricklingServer(piece: string, chunks: number, everyMs: number): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-length': String(piece.length * chunks) });
    let sent = 0;
    const timer = setInterval(() => {
      res.write(piece);
      sent += 1;
      if (sent === chunks) {
        clearInterval(timer);
        res.end();
      }
    }, everyMs);
    res.once('close', () => clearInterval(timer));
  });
  const origin = `http://127.0.0.1:${await listen(server)}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SilentServer {
  readonly origin: string;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Accepts connections and never says a word (or, with `headersOnly`, stalls after the headers). */
export async function startSilentServer(options: { headersOnly?: boolean } = {}): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (options.headersOnly) {
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\nonly the start'));
    }
  });
  const origin = `http://127.0.0.1:${await listen(server)}`;
  return {
    origin,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
