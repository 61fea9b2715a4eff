import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchResource, parseRetryAfter, USER_AGENT } from '../../../electron/capture/fetching/fetch-resource.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';

const PAGE = '<html><body><p>Hello from the fixture server.</p></body></html>';

describe('fetchResource', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer({ '/page': { body: PAGE } });
  });
  afterAll(() => server.close());

  it('fetches a page and names the app in the User-Agent', async () => {
    let userAgent = '';
    server.route('/ua', (req, res) => {
      userAgent = req.headers['user-agent'] ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }).end(PAGE);
    });
    const response = await fetchResource(server.url('/ua'));
    expect(response.body.toString()).toBe(PAGE);
    expect(response.mimeType).toBe('text/html');
    expect(response.charset).toBe('iso-8859-1');
    expect(userAgent).toBe(USER_AGENT);
    expect(userAgent).toContain('Lectern');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decodes %s bodies itself', async (encoding, compress) => {
    const path = `/compressed-${encoding}-${compress.name}`;
    server.route(path, { headers: { 'content-type': 'text/html', 'content-encoding': encoding }, body: compress(Buffer.from(PAGE)) });
    const response = await fetchResource(server.url(path));
    expect(response.body.toString()).toBe(PAGE);
  });

  it('follows redirects to the final URL', async () => {
    server.route('/r1', { status: 301, headers: { location: '/r2' }, body: '' });
    server.route('/r2', { status: 302, headers: { location: server.url('/page') }, body: '' });
    const response = await fetchResource(server.url('/r1'));
    expect(response.url).toBe(server.url('/page'));
    expect(response.body.toString()).toBe(PAGE);
  });

  it('stops a redirect loop', async () => {
    server.route('/loop-a', { status: 302, headers: { location: '/loop-b' }, body: '' });
    server.route('/loop-b', { status: 302, headers: { location: '/loop-a' }, body: '' });
    await expect(fetchResource(server.url('/loop-a'))).rejects.toMatchObject({ code: 'redirects', message: expect.stringContaining('loop') });
  });

  it('stops after too many redirects', async () => {
    server.route('/hop', (req, res) => {
      const n = Number(new URL(req.url ?? '', 'http://x').searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `/hop?n=${n + 1}` }).end();
    });
    await expect(fetchResource(server.url('/hop?n=0'), { limits: { maxRedirects: 3 } })).rejects.toMatchObject({
      code: 'redirects',
      message: expect.stringContaining('more than 3 times'),
    });
    expect(server.hits.get('/hop')).toBe(4);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/x', 'data:text/html,<script>x</script>'])(
    'refuses a redirect to %s',
    async (location) => {
      server.route('/to-scheme', { status: 302, headers: { location }, body: '' });
      await expect(fetchResource(server.url('/to-scheme'))).rejects.toMatchObject({ code: 'redirects' });
    },
  );

  it('refuses a body larger than the byte cap, even without Content-Length', async () => {
    server.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 10 * 1024 * 1024 && !res.destroyed) res.once('drain', () => { sent += chunk.length; pump(); });
        else res.end();
      };
      pump();
    });
    await expect(fetchResource(server.url('/huge'), { limits: { maxBytes: 256 * 1024 } })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuses early when Content-Length is over the cap', async () => {
    server.route('/declared-huge', { headers: { 'content-type': 'text/html', 'content-length': String(300 * 1024) }, body: Buffer.alloc(300 * 1024) });
    await expect(fetchResource(server.url('/declared-huge'), { limits: { maxBytes: 100 * 1024 } })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('stops a gzip bomb while decompressing', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024)); // ~200 KB on the wire, 200 MB inflated
    server.route('/bomb', { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: bomb });
    const started = performance.now();
    await expect(fetchResource(server.url('/bomb'))).rejects.toMatchObject({ code: 'too-large' });
    await expect(fetchResource(server.url('/bomb'), { limits: { maxDecodedBytes: 1024 ** 3 } })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('decompression bomb'),
    });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reports a corrupt compressed body', async () => {
    server.route('/corrupt', { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: 'not gzip at all' });
    await expect(fetchResource(server.url('/corrupt'))).rejects.toMatchObject({ code: 'bad-encoding' });
  });

  it('times out a server that never finishes the body', async () => {
    server.route('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
    });
    const started = performance.now();
    await expect(fetchResource(server.url('/stall'), { limits: { totalTimeoutMs: 300 } })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('0.3 s'),
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('times out a server that never answers', async () => {
    server.route('/silent', () => {});
    await expect(fetchResource(server.url('/silent'), { limits: { totalTimeoutMs: 300 } })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reports HTTP errors with status and Retry-After', async () => {
    server.route('/busy', { status: 429, headers: { 'retry-after': '7' }, body: 'slow down' });
    await expect(fetchResource(server.url('/busy'))).rejects.toMatchObject({ code: 'http-status', status: 429, retryAfterMs: 7000, retryable: true });
    await expect(fetchResource(server.url('/missing'))).rejects.toMatchObject({ status: 404, retryable: false });
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startFixtureServer();
    const url = closed.url('/x');
    await closed.close();
    await expect(fetchResource(url)).rejects.toMatchObject({ code: 'network', retryable: true });
  });

  it('can be aborted by the caller', async () => {
    server.route('/hang', () => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(fetchResource(server.url('/hang'), { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('connect timeout', () => {
  let blackhole: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts TCP but never speaks HTTP: only the total timeout can end this one...
    blackhole = createServer((socket) => {
      sockets.push(socket);
      socket.resume(); // read (and ignore) the request, so the client's close is seen
    });
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => blackhole.close(() => resolve()));
  });

  it('is separate from the total timeout', async () => {
    const { port } = blackhole.address() as AddressInfo;
    await expect(fetchResource(`http://127.0.0.1:${port}/`, { limits: { totalTimeoutMs: 200, connectTimeoutMs: 5000 } })).rejects.toMatchObject({ code: 'timeout' });
    // The abandoned request's socket is closed, not leaked.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets.length).toBe(1);
    expect(sockets.every((socket) => socket.readableEnded || socket.closed)).toBe(true);
    // ...while an unroutable address (TEST-NET-1) never connects, which the connect timer catches.
    await expect(fetchResource('http://192.0.2.1/', { limits: { connectTimeoutMs: 200, totalTimeoutMs: 5000 } })).rejects.toMatchObject({
      code: expect.stringMatching(/^(timeout|network)$/),
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('destinations and referer', () => {
  let server: FixtureServer;
  const referers: Array<string | undefined> = [];
  beforeAll(async () => {
    server = await startFixtureServer({
      '/out': { status: 302, headers: { location: 'http://outside.invalid/page' }, body: '' },
      '/image': (req, res) => {
        referers.push(req.headers.referer);
        res.writeHead(200, { 'content-type': 'image/png' }).end('png');
      },
    });
  });
  afterAll(() => server.close());

  it('checks every redirect hop against allowDestination', async () => {
    const loopbackOnly = (url: URL) => url.hostname === '127.0.0.1';
    await expect(fetchResource(server.url('/out'), { allowDestination: loopbackOnly })).rejects.toMatchObject({
      code: 'invalid-url',
      message: expect.stringMatching(/outside\.invalid is not an allowed destination/),
    });
    await expect(fetchResource('http://outside.invalid/', { allowDestination: loopbackOnly })).rejects.toMatchObject({ code: 'invalid-url' });
  });

  it('sends only the page origin as referer, and none from https to http', async () => {
    await fetchResource(server.url('/image'), { referrer: `${server.origin}/2026/story?token=secret` });
    await fetchResource(server.url('/image'), { referrer: 'https://news.example/2026/story?token=secret' });
    expect(referers).toEqual([`${server.origin}/`, undefined]);
  });
});
