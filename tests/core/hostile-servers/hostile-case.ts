import { Readable, Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CaptureErrorCode } from '../../../electron/capture/capture-error.ts';
import type { FetchLimits } from '../../../electron/capture/fetching/fetch-resource.ts';
import { head, type Connection } from './raw-server.ts';

/** What the server does for one request; `prefix` is the case's own path, for links to its other routes. */
export type CaseBehaviour = (connection: Connection, prefix: string) => void | Promise<void>;

export type Outcome =
  /** The capture fails with this code and a message for the reader matching `message`. */
  | { code: CaptureErrorCode; message: RegExp }
  /** The article saves (its title matching `saved`), the hostile part of it (an image) dropped. */
  | { saved: RegExp };

export interface HostileCase {
  name: string;
  /** Routes under the case's prefix: '' is the address captured. */
  routes: Record<string, CaseBehaviour>;
  /** Rewrites the address captured (another scheme or port). */
  address?: (url: string) => string;
  limits?: Partial<FetchLimits>;
  imageLimits?: Partial<FetchLimits>;
  /** Extraction's time limit in the worker pool, for pages that are hard to read. */
  extractTimeoutMs?: number;
  expect: Outcome;
  /**
   * The capture must hang up on this route before the server is done, the server having got
   * at most `maxBytes` onto the wire: a cap that held, not a body read to its end.
   */
  cutShort?: { route: string; maxBytes: number };
  /** Slow by design: an article on a good server is saved while this one is still running. */
  slow?: boolean;
}

export const KB = 1024;
export const MB = 1024 * KB;
export const ZEROS = Buffer.alloc(64 * KB);

export const htmlHead = (headers: Record<string, string> = {}) => head('200 OK', { 'content-type': 'text/html; charset=utf-8', ...headers });

/** A whole response: status, headers, body; the connection closes after it. */
export const respond = (body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }, status = '200 OK'): CaseBehaviour =>
  (connection) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    connection.write(head(status, { ...headers, 'content-length': String(bytes.length), connection: 'close' }));
    connection.write(bytes);
    connection.finished = true;
    connection.socket.end();
  };

export const redirectTo = (location: (prefix: string) => string): CaseBehaviour =>
  (connection, prefix) => {
    connection.write(head('302 Found', { location: location(prefix), 'content-length': '0', connection: 'close' }));
    connection.socket.end();
  };

/**
 * Streams zeros through `encoder` for as long as the client reads: an endless decompression
 * bomb. The body has no length and would end only when the connection does.
 */
export async function endlessCompressed(connection: Connection, encoding: string, encoder: Transform): Promise<void> {
  connection.write(htmlHead({ 'content-encoding': encoding, connection: 'close' }));
  const zeros = Readable.from((function* () {
    for (;;) yield ZEROS;
  })());
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (connection.write(chunk)) return callback();
      void Promise.race([new Promise((resolve) => connection.socket.once('drain', resolve)), connection.closed]).then(() => callback());
    },
  });
  void connection.closed.then(() => zeros.destroy());
  await pipeline(zeros, encoder, sink).catch(() => {});
}

/** A paragraph of real prose: the extractor keeps pages made of a few of these. */
export const PROSE = '<p>The harbour authority opened the new pier on Tuesday, after two years of work and a long argument about its cost, its height and the view it takes from the old town.</p>';

export const articlePage = (title: string, extra = ''): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${PROSE.repeat(4)}${extra}${PROSE}</article></body></html>`;
