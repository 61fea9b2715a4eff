import { createBrotliCompress, createDeflate, createGzip, constants } from 'node:zlib';
import { endlessCompressed, htmlHead, KB, MB, redirectTo, respond, ZEROS, type HostileCase } from './hostile-case.ts';
import { head } from './raw-server.ts';

// Servers that attack with size, time and the protocol itself. The suite's limits: 1 MB on
// the wire, 2 MB decoded, 2 s for a whole page (hostile-servers.test.ts).

// What may be in flight when the client hangs up: the cap, and the kernel's socket buffers on
// both sides of a loopback connection (a few MB at most) — never the rest of a 2 GB body.
const IN_FLIGHT = 16 * MB;
const GB2 = 2 * 1024 * MB;
let hops = 0;

export const bytesAndTime: HostileCase[] = [
  {
    name: 'gzip bomb: an endless stream of compressed zeros',
    routes: { '': (connection) => endlessCompressed(connection, 'gzip', createGzip({ level: 9 })) },
    expect: { code: 'too-large', message: /decompression bomb|larger than 2 MB/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: 'brotli bomb: an endless stream of compressed zeros',
    routes: { '': (connection) => endlessCompressed(connection, 'br', createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })) },
    expect: { code: 'too-large', message: /decompression bomb|larger than 2 MB/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: 'deflate bomb: an endless stream of compressed zeros',
    routes: { '': (connection) => endlessCompressed(connection, 'deflate', createDeflate({ level: 9 })) },
    expect: { code: 'too-large', message: /decompression bomb|larger than 2 MB/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: 'endless body in chunks, no length given',
    routes: {
      '': async (connection) => {
        connection.write(htmlHead({ 'transfer-encoding': 'chunked' }));
        await connection.pump(Infinity, () => ZEROS, 'chunked');
      },
    },
    expect: { code: 'too-large', message: /larger than 1 MB/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: '2 GB download that declares its length',
    routes: {
      '': async (connection) => {
        connection.write(htmlHead({ 'content-length': String(GB2) }));
        await connection.pump(GB2, () => ZEROS);
      },
    },
    expect: { code: 'too-large', message: /larger than 1 MB/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: '2 GB download that ends only when the connection closes',
    routes: {
      '': async (connection) => {
        connection.write(htmlHead({ connection: 'close' }));
        await connection.pump(GB2, () => ZEROS);
      },
    },
    expect: { code: 'too-large', message: /larger than 1 MB/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: 'incompressible endless body labelled gzip (the wire cap, not the decoded one)',
    routes: {
      '': async (connection) => {
        connection.write(htmlHead({ 'content-encoding': 'gzip', connection: 'close' }));
        // A gzip header, then a stored (uncompressed) deflate block after block: decodes 1:1.
        connection.write(Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]));
        const stored = Buffer.concat([Buffer.from([0x00, 0x00, 0x80, 0xff, 0x7f]), Buffer.alloc(0x8000, 'a')]);
        await connection.pump(Infinity, () => stored);
      },
    },
    expect: { code: 'too-large', message: /larger than 1 MB/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: 'slow drip: one byte a second',
    routes: {
      '': async (connection) => {
        connection.write(htmlHead({ 'transfer-encoding': 'chunked' }));
        while (!connection.socket.destroyed) {
          connection.write('1\r\n<\r\n');
          await Promise.race([new Promise((resolve) => setTimeout(resolve, 1000)), connection.closed]);
        }
      },
    },
    expect: { code: 'timeout', message: /longer than 2 s to download/ },
    cutShort: { route: '', maxBytes: 1 * KB },
    slow: true,
  },
  {
    name: 'headers that never end, sent slowly',
    routes: {
      '': async (connection) => {
        connection.write('HTTP/1.1 200 OK\r\n');
        for (let n = 0; !connection.socket.destroyed; n++) {
          connection.write(`X-Still-Going-${n}: yes\r\n`);
          await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), connection.closed]);
        }
      },
    },
    expect: { code: 'timeout', message: /longer than 2 s to download/ },
    cutShort: { route: '', maxBytes: 64 * KB },
    slow: true,
  },
  {
    name: 'headers that never end, sent as fast as they are read',
    routes: {
      '': async (connection) => {
        connection.write('HTTP/1.1 200 OK\r\n');
        const line = Buffer.from(`X-Filler: ${'a'.repeat(1000)}\r\n`);
        await connection.pump(Infinity, () => line);
      },
    },
    expect: { code: 'network', message: /oversized headers/ },
    cutShort: { route: '', maxBytes: IN_FLIGHT },
  },
  {
    name: 'a server that accepts the connection and never answers',
    routes: { '': () => {} },
    expect: { code: 'timeout', message: /longer than 2 s to download/ },
    slow: true,
  },
  {
    name: 'a server that sends its headers, then half a page, then nothing',
    routes: {
      '': (connection) => {
        connection.write(htmlHead({ 'content-length': String(10 * KB) }));
        connection.write('<!doctype html><html><body><p>The first half of a page');
      },
    },
    expect: { code: 'timeout', message: /longer than 2 s to download/ },
    slow: true,
  },
];

export const protocol: HostileCase[] = [
  {
    name: 'connection reset in the middle of the body',
    routes: {
      '': async (connection) => {
        connection.write(htmlHead({ 'content-length': String(512 * KB) }));
        await connection.pump(64 * KB, () => ZEROS);
        connection.socket.resetAndDestroy();
      },
    },
    expect: { code: 'network', message: /connection to the site was interrupted/ },
  },
  {
    name: 'connection closed before a body as long as the one declared',
    routes: {
      '': (connection) => {
        connection.write(htmlHead({ 'content-length': String(100 * KB) }));
        connection.write('<!doctype html><html><body><p>Cut short');
        connection.socket.end();
      },
    },
    expect: { code: 'network', message: /connection to the site was interrupted/ },
  },
  {
    name: 'connection closed without any answer',
    routes: { '': (connection) => void connection.socket.end() },
    expect: { code: 'network', message: /connection to the site was interrupted/ },
  },
  {
    name: 'an answer that is not HTTP at all',
    routes: { '': (connection) => void connection.socket.end('SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n') },
    expect: { code: 'network', message: /answer was not valid HTTP/ },
  },
  {
    name: 'https to a server that speaks plain HTTP',
    routes: { '': respond('<p>plain</p>') },
    address: (url) => url.replace(/^http:/, 'https:'),
    expect: { code: 'network', message: /secure \(https\) connection could not be made/ },
  },
  {
    name: 'a compression Lectern does not know',
    routes: { '': respond('(\xb5/\xfd garbage', { 'content-type': 'text/html', 'content-encoding': 'zstd-from-the-future' }) },
    expect: { code: 'bad-encoding', message: /compression \(“zstd-from-the-future”\)/ },
  },
  {
    name: 'a body labelled gzip that is not gzip',
    routes: { '': respond('<html><body>not compressed at all</body></html>', { 'content-type': 'text/html', 'content-encoding': 'gzip' }) },
    expect: { code: 'bad-encoding', message: /corrupt compressed page/ },
  },
];

export const redirects: HostileCase[] = [
  {
    name: 'redirect loop between two addresses',
    routes: { '': redirectTo((prefix) => `${prefix}/b`), '/b': redirectTo((prefix) => prefix) },
    expect: { code: 'redirects', message: /redirects in a loop/ },
  },
  {
    name: 'redirect to itself',
    routes: { '': redirectTo((prefix) => prefix) },
    expect: { code: 'redirects', message: /redirects in a loop/ },
  },
  {
    name: 'endless chain of redirects to new addresses',
    routes: {
      '': (connection, prefix) => {
        connection.write(head('302 Found', { location: `${prefix}?hop=${++hops}`, 'content-length': '0' }));
        connection.socket.end();
      },
    },
    expect: { code: 'redirects', message: /redirected more than 5 times/ },
  },
  ...(['file:///etc/passwd', 'ftp://ftp.example.com/pub/file.html', 'data:text/html,<p>hello</p>', 'javascript:alert(1)'] as const).map((location): HostileCase => ({
    name: `redirect to ${location.slice(0, location.indexOf(':') + 1)}`,
    routes: { '': redirectTo(() => location) },
    expect: { code: 'redirects', message: new RegExp(`redirected to a “${location.slice(0, location.indexOf(':'))}:” address`) },
  })),
  {
    name: 'redirect to an address that does not parse',
    routes: { '': redirectTo(() => 'http://[not-an-address/') },
    expect: { code: 'redirects', message: /address that is not valid/ },
  },
];
