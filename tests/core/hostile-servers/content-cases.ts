import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { articlePage, KB, MB, respond, ZEROS, type CaseBehaviour, type HostileCase } from './hostile-case.ts';
import { head } from './raw-server.ts';

// Servers that answer, but with something that is not the article it claims to be.

const PNG = await readFile(fileURLToPath(new URL('../../fixtures/images/photo-1.png', import.meta.url)));
const PNG_HEADER = PNG.subarray(0, 64);

/** Bytes with every value: what a binary file looks like, whatever it is. */
const binary = (length: number): Buffer => Buffer.from(Array.from({ length }, (_, i) => (i * 7919 + (i >> 8)) % 256));

// "日本語の記事です。" in Shift_JIS, repeated: valid Shift_JIS, not valid UTF-8.
const SHIFT_JIS_SENTENCE = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x8b, 0x4c, 0x8e, 0x96, 0x82, 0xc5, 0x82, 0xb7, 0x81, 0x42]);

/** A 50 MB PNG: a real header, then zeros, sent in full if nobody stops reading. */
const fiftyMegabytePng = (headers: Record<string, string>): CaseBehaviour => async (connection) => {
  connection.write(head('200 OK', { 'content-type': 'image/png', connection: 'close', ...headers }));
  connection.write(PNG_HEADER);
  await connection.pump(50 * MB, () => ZEROS);
};

/** An article with one image, served by the case's own /photo.png route. */
const pageWithImage = (title: string): CaseBehaviour => (connection, prefix) =>
  respond(articlePage(title, `<img src="${prefix}/photo.png" alt="photo">`))(connection, prefix);

export const contentTypes: HostileCase[] = [
  {
    name: 'wrong content type: an archive',
    routes: { '': respond(binary(4 * KB), { 'content-type': 'application/zip' }) },
    expect: { code: 'unsupported-content', message: /points to a file \(application\/zip\)/ },
  },
  {
    name: 'no content type, binary body',
    routes: { '': respond(binary(4 * KB), {}) },
    expect: { code: 'unsupported-content', message: /points to a file \(unknown type\)/ },
  },
  {
    name: 'binary served as HTML',
    routes: { '': respond(binary(64 * KB), { 'content-type': 'text/html' }) },
    expect: { code: 'unsupported-content', message: /binary file labelled as text\/html/ },
  },
  {
    name: 'binary served as plain text',
    routes: { '': respond(binary(64 * KB), { 'content-type': 'text/plain; charset=utf-8' }) },
    expect: { code: 'unsupported-content', message: /binary file labelled as text\/plain/ },
  },
  {
    name: 'undecodable charset: Shift_JIS bytes declared as UTF-8',
    routes: {
      '': respond(Buffer.concat([Buffer.from('<!doctype html><html><head><title>x</title></head><body><article><p>'), ...Array.from({ length: 60 }, () => SHIFT_JIS_SENTENCE), Buffer.from('</p></article></body></html>')]), { 'content-type': 'text/html; charset=utf-8' }),
    },
    expect: { code: 'bad-encoding', message: /could not be decoded: its bytes are not valid utf-8/ },
  },
  {
    name: 'an empty page',
    routes: { '': respond('', { 'content-type': 'text/html' }) },
    expect: { code: 'no-content', message: /could not find an article/ },
  },
];

export const documents: HostileCase[] = [
  {
    name: 'HTML nested 100,000 deep',
    routes: { '': respond(`<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}</body></html>`) },
    limits: { maxBytes: 4 * MB, maxDecodedBytes: 4 * MB },
    // Extraction of this page takes ~18 s on a 2-core machine (it needs a depth cap in
    // extraction/, which this suite does not own): the pool's time limit is what ends it.
    extractTimeoutMs: 2_000,
    expect: { code: 'extract-failed', message: /took longer than 2 s to process/ },
  },
  {
    name: 'a million-element page',
    routes: { '': respond(`<!doctype html><html><head><title>Many</title></head><body>${'<i>a</i>'.repeat(1_000_000)}</body></html>`) },
    limits: { maxBytes: 10 * MB, maxDecodedBytes: 10 * MB },
    extractTimeoutMs: 2_000,
    expect: { code: 'extract-failed', message: /took longer than 2 s to process/ },
  },
];

export const images: HostileCase[] = [
  {
    name: 'an image address that is not an image',
    routes: { '': respond('<html><body>an error page, served as a PNG</body></html>', { 'content-type': 'image/png' }) },
    expect: { code: 'unsupported-content', message: /not an image Lectern can keep/ },
  },
  {
    name: 'a 50 MB image as the address',
    routes: { '': fiftyMegabytePng({ 'content-length': String(PNG_HEADER.length + 50 * MB) }) },
    expect: { code: 'too-large', message: /larger than 1 MB/ },
    cutShort: { route: '', maxBytes: 16 * MB },
  },
  {
    name: 'an article whose image is 50 MB, with no length given',
    routes: { '': pageWithImage('A pier with a huge photo'), '/photo.png': fiftyMegabytePng({}) },
    imageLimits: { maxBytes: 512 * KB, maxDecodedBytes: 512 * KB },
    expect: { saved: /A pier with a huge photo/ },
    cutShort: { route: '/photo.png', maxBytes: 16 * MB },
  },
  {
    name: 'an article whose image is not an image',
    routes: {
      '': pageWithImage('A pier with a fake photo'),
      '/photo.png': respond('<html><body>404, but said as a PNG</body></html>', { 'content-type': 'image/png' }),
    },
    expect: { saved: /A pier with a fake photo/ },
  },
  {
    name: 'an article whose image drips one byte a second',
    routes: {
      '': pageWithImage('A pier with a slow photo'),
      '/photo.png': async (connection) => {
        connection.write(head('200 OK', { 'content-type': 'image/png', 'transfer-encoding': 'chunked' }));
        for (let at = 0; !connection.socket.destroyed && at < PNG.length; at++) {
          connection.write(Buffer.concat([Buffer.from('1\r\n'), PNG.subarray(at, at + 1), Buffer.from('\r\n')]));
          await Promise.race([new Promise((resolve) => setTimeout(resolve, 1000)), connection.closed]);
        }
      },
    },
    imageLimits: { totalTimeoutMs: 1_500 },
    expect: { saved: /A pier with a slow photo/ },
    cutShort: { route: '/photo.png', maxBytes: 1 * KB },
    slow: true,
  },
];
