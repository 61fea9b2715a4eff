// A real loopback web site for the crash tests: any /<lane>/<name> path is an article page,
// and /<lane>/feed.xml is a feed whose items are those of the lane's current generation.
// Answers come after a short random wait, so captures are still in flight when a kill lands.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackSite {
  origin: string;
  /** Which generation's items each lane's feed lists now. */
  generation: Map<string, number>;
  close(): Promise<void>;
}

export const FEED_ITEMS = 3;

/** The item links a lane's feed lists in a generation; the worker acknowledges these. */
export function feedItemUrls(origin: string, lane: string, generation: number): string[] {
  return Array.from({ length: FEED_ITEMS }, (_, i) => `${origin}/${lane}/item-${generation}-${i}`);
}

function articlePage(name: string): string {
  const paragraph = `The tide came in over the ${name} flats while the survey boats waited for the signal. `.repeat(6);
  return `<!doctype html><html><head><title>Report ${name}</title></head><body><main><article><h1>Report ${name}</h1>
<p>${paragraph}</p><p>${paragraph}</p><p>${paragraph}</p></article></main></body></html>`;
}

function feed(origin: string, lane: string, generation: number): string {
  const items = feedItemUrls(origin, lane, generation)
    .map((url) => `<item><title>${url.split('/').pop()}</title><link>${url}</link><guid>${url}</guid></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Lane ${lane}</title><link>${origin}/${lane}/</link>${items}</channel></rss>`;
}

export async function startLoopbackSite(): Promise<LoopbackSite> {
  const generation = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const [, lane = '', name = ''] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
    setTimeout(() => {
      if (name === 'feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(origin, lane, generation.get(lane) ?? 0));
      } else if (name) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(name));
      } else {
        res.writeHead(404).end('not found');
      }
    }, Math.random() * 40);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    generation,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
