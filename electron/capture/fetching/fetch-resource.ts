import dns from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { CaptureError } from '../capture-error.ts';
import { isPublicAddress } from './network-address.ts';
import { parseWebUrl } from '../normalize-url.ts';

export interface FetchLimits {
  /** DNS + TCP (+ TLS) must finish within this. */
  connectTimeoutMs: number;
  /** Whole fetch, every redirect hop and the body included. */
  totalTimeoutMs: number;
  /** Bytes on the wire (still compressed). */
  maxBytes: number;
  /** Bytes after decompression. */
  maxDecodedBytes: number;
  /** Decoded/wire ratio above which a large body is treated as a decompression bomb. */
  maxCompressionRatio: number;
  maxRedirects: number;
}

export const DEFAULT_PAGE_LIMITS: FetchLimits = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxDecodedBytes: 20 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxRedirects: 5,
};

export const DEFAULT_IMAGE_LIMITS: FetchLimits = {
  ...DEFAULT_PAGE_LIMITS,
  totalTimeoutMs: 20_000,
  maxBytes: 8 * 1024 * 1024,
  maxDecodedBytes: 8 * 1024 * 1024,
};

export const USER_AGENT = 'Mozilla/5.0 (compatible; Lectern/0.1; +https://lectern.app/bot) offline article reader';

export interface FetchOptions {
  limits?: Partial<FetchLimits>;
  signal?: AbortSignal;
  accept?: string;
  /** Sent as Referer on image requests (some hosts refuse hotlinks without it): its origin only. */
  referrer?: string;
  /** Checked for the first address and every redirect hop; a refused one fails the fetch. */
  allowDestination?: (url: URL) => boolean;
  /**
   * Refuse addresses that are not on the public internet (checked on what the name resolves
   * to, at connect time). Set for the images of a page that came from the internet; a fetch
   * also sets it for itself after any hop lands on a public address.
   */
  publicOnly?: boolean;
  /** Classifies an IP address; tests on loopback stand in a rule of their own. */
  isPublicAddress?: (address: string) => boolean;
  /** For a scheduler: false = one attempt, no retries (for what is only decoration). */
  retry?: boolean;
  /** Validators for a conditional request (feeds); a 304 answers with status 304 and no body. */
  ifNoneMatch?: string | null;
  ifModifiedSince?: string | null;
}

export interface FetchedResource {
  /** Final URL, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Lowercased MIME type without parameters, or null when the server did not say. */
  mimeType: string | null;
  /** The charset parameter of Content-Type, when given. */
  charset: string | null;
  body: Buffer;
  /**
   * The final response came from an address known to be on this computer or the local
   * network. False when it came from the internet, or when the address could not be told:
   * whatever follows from this response (its images) is then held to public addresses.
   */
  fromLocalNetwork: boolean;
}

// Below this size a high ratio is harmless (a page of repeated whitespace compresses well).
const RATIO_CHECK_FLOOR = 1024 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * GETs an http(s) URL with hard limits on time, size and redirects. Redirects are followed by
 * hand so every hop is checked; compressed bodies are decoded here, never by a library we
 * cannot bound. Non-2xx responses throw a CaptureError carrying the status and Retry-After.
 */
export async function fetchResource(input: string, options: FetchOptions = {}): Promise<FetchedResource> {
  const limits: FetchLimits = { ...DEFAULT_PAGE_LIMITS, ...options.limits };
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(timeoutError(limits.totalTimeoutMs)), limits.totalTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    let url = parseWebUrl(input);
    const visited = new Set<string>();
    const isPublic = options.isPublicAddress ?? isPublicAddress;
    let publicOnly = options.publicOnly ?? false;
    for (let hop = 0; ; hop++) {
      if (options.allowDestination && !options.allowDestination(url)) {
        throw new CaptureError('invalid-url', `Not fetched: ${url.host} is not an allowed destination.`);
      }
      visited.add(url.href);
      const { response, peer } = await openResponse(url, limits, signal, options, publicOnly ? isPublic : null);
      // Once on the internet, a redirect may not lead back into the local network. An address
      // that could not be read counts as the internet: the check fails closed.
      const fromLocalNetwork = peer !== undefined && !isPublic(peer);
      if (!fromLocalNetwork) publicOnly = true;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(response.statusCode ?? 0) && location) {
        response.destroy();
        const next = nextHop(url, location);
        if (visited.has(next.href)) {
          throw new CaptureError('redirects', 'The page redirects in a loop, so it could not be saved.');
        }
        if (hop + 1 > limits.maxRedirects) {
          throw new CaptureError('redirects', `The page redirected more than ${limits.maxRedirects} times, so it could not be saved.`);
        }
        url = next;
        continue;
      }
      const status = response.statusCode ?? 0;
      if (status === 304 && (options.ifNoneMatch || options.ifModifiedSince)) {
        response.destroy();
        return { url: url.href, status, headers: flattenHeaders(response), mimeType: null, charset: null, body: Buffer.alloc(0), fromLocalNetwork };
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw statusError(status, response.headers['retry-after']);
      }
      const body = await readBody(response, limits, signal);
      const headers = flattenHeaders(response);
      const { mimeType, charset } = parseContentType(headers['content-type']);
      return { url: url.href, status, headers, mimeType, charset, body, fromLocalNetwork };
    }
  } catch (error) {
    throw toCaptureError(error, signal);
  } finally {
    clearTimeout(timer);
  }
}

/** The page's origin, never its path or query; nothing at all from https to http. */
function refererFor(page: string | undefined, target: URL): string | null {
  if (!page || !URL.canParse(page)) return null;
  const from = new URL(page);
  if (from.protocol === 'https:' && target.protocol === 'http:') return null;
  return `${from.origin}/`;
}

function nextHop(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new CaptureError('redirects', 'The page redirected to an address that is not valid.');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new CaptureError('redirects', `The page redirected to a “${next.protocol.replace(':', '')}:” address, which cannot be saved.`);
  }
  next.hash = '';
  return next;
}

const privateAddressError = (host: string) =>
  new CaptureError('private-address', `Not fetched: ${host} is on this computer or the local network, and a page from the internet may not lead there.`);

/** dns.lookup, refusing names that resolve to any address `allowed` rejects. */
function guardedLookup(allowed: (address: string) => boolean): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0 || addresses.some(({ address }) => !allowed(address))) return callback(privateAddressError(hostname), '', 0);
      // net.connect asks for every address (to race IPv4 and IPv6) or for one.
      if (lookupOptions.all) return (callback as unknown as (error: null, all: dns.LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

/** A response, and the address of the machine it came from (read when the socket connected). */
interface OpenedResponse {
  response: IncomingMessage;
  peer: string | undefined;
}

function openResponse(url: URL, limits: FetchLimits, signal: AbortSignal, options: FetchOptions, allowedAddress: ((address: string) => boolean) | null): Promise<OpenedResponse> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (allowedAddress && isIP(literal) !== 0 && !allowedAddress(literal)) return reject(privateAddressError(url.host));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: options.accept ?? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'en;q=0.9, *;q=0.5',
    };
    const referer = refererFor(options.referrer, url);
    if (referer) headers.referer = referer;
    // Validators are header values from the server; keep them to one plain line.
    const validator = (value: string | null | undefined) => value?.replace(/[\r\n]/g, '').slice(0, 500);
    const etag = validator(options.ifNoneMatch);
    const since = validator(options.ifModifiedSince);
    if (etag) headers['if-none-match'] = etag;
    if (since) headers['if-modified-since'] = since;
    // agent: false — a fresh socket per request, so the connect timer always measures a connect.
    const lookup = allowedAddress ? { lookup: guardedLookup(allowedAddress) } : {};
    const req = request(url, { method: 'GET', headers, agent: false, signal, ...lookup });
    const connectTimer = setTimeout(() => {
      req.destroy(new CaptureError('timeout', `Could not connect to ${url.hostname} within ${seconds(limits.connectTimeoutMs)}.`));
    }, limits.connectTimeoutMs);
    // The peer's address is taken at connect: once the server has answered it can reset the
    // connection, and a socket that is gone no longer knows whom it was talking to.
    let peer: string | undefined;
    req.once('socket', (socket) => {
      socket.once('connect', () => (peer = socket.remoteAddress));
      const event = url.protocol === 'https:' ? 'secureConnect' : 'connect';
      socket.once(event, () => clearTimeout(connectTimer));
    });
    req.once('response', (response) => {
      clearTimeout(connectTimer);
      resolve({ response, peer });
    });
    req.once('error', (error) => {
      clearTimeout(connectTimer);
      reject(error);
    });
    req.once('close', () => clearTimeout(connectTimer));
    req.end();
  });
}

async function readBody(response: IncomingMessage, limits: FetchLimits, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    response.destroy();
    throw tooLarge(limits.maxBytes);
  }
  let wireBytes = 0;
  const wireLimiter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      wireBytes += chunk.length;
      if (wireBytes > limits.maxBytes) callback(tooLarge(limits.maxBytes));
      else callback(null, chunk);
    },
  });
  const decoder = createDecoder(response.headers['content-encoding']);
  const stages = decoder ? [response, wireLimiter, decoder] : [response, wireLimiter];
  // pipeline() tears every stage down when any fails or when we stop iterating early.
  const decoded = (pipeline as (...streams: unknown[]) => NodeJS.ReadableStream)(...stages, () => {});
  const chunks: Buffer[] = [];
  let decodedBytes = 0;
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      decodedBytes += chunk.length;
      if (decodedBytes > limits.maxDecodedBytes) throw tooLarge(limits.maxDecodedBytes);
      if (decodedBytes > RATIO_CHECK_FLOOR && decodedBytes > wireBytes * limits.maxCompressionRatio) {
        throw new CaptureError('too-large', 'The page is compressed suspiciously well (a “decompression bomb”), so it was not saved.');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    response.destroy();
    if (signal.aborted) throw signal.reason;
    if (error instanceof CaptureError) throw error;
    if (isZlibError(error)) throw new CaptureError('bad-encoding', 'The server sent a corrupt compressed page.', { cause: error });
    throw error;
  }
  return Buffer.concat(chunks);
}

function createDecoder(contentEncoding: string | undefined): Transform | null {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return null;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'br') return createBrotliDecompress();
  if (encoding === 'deflate') return deflateDecoder();
  throw new CaptureError('bad-encoding', `The server used a compression (“${encoding}”) Lectern cannot read.`);
}

// "deflate" should be zlib-wrapped but some servers send raw deflate; browsers accept both.
function deflateDecoder(): Transform {
  let inner: Transform | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!inner) {
        const zlibWrapped = chunk.length > 0 && ((chunk[0] ?? 0) & 0x0f) === 8 && ((chunk[0] ?? 0) * 256 + (chunk[1] ?? 0)) % 31 === 0;
        inner = zlibWrapped ? createInflate() : createInflateRaw();
        inner.on('data', (data: Buffer) => this.push(data));
        inner.on('error', (error) => this.destroy(error));
      }
      inner.write(chunk, () => callback());
    },
    flush(callback) {
      if (!inner) return callback();
      inner.once('end', () => callback());
      inner.end();
    },
  });
}

export function parseContentType(value: string | undefined): { mimeType: string | null; charset: string | null } {
  if (!value) return { mimeType: null, charset: null };
  const [type = '', ...params] = value.split(';');
  const mimeType = type.trim().toLowerCase() || null;
  let charset: string | null = null;
  for (const param of params) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(param);
    if (match?.[1]) charset = match[1].toLowerCase();
  }
  return { mimeType, charset };
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function flattenHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function statusError(status: number, retryAfter: string | undefined): CaptureError {
  const retryAfterMs = parseRetryAfter(retryAfter);
  const reason =
    status === 404 || status === 410 ? 'the page was not found'
    : status === 401 || status === 403 ? 'the site refused access (it may need a login)'
    : status === 429 ? 'the site says too many requests were made; try again later'
    : status >= 500 ? 'the site had a server error'
    : 'the site answered with an error';
  return new CaptureError('http-status', `Could not save: ${reason} (HTTP ${status}).`, retryAfterMs === undefined ? { status } : { status, retryAfterMs });
}

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);
const timeoutError = (ms: number) => new CaptureError('timeout', `The page took longer than ${seconds(ms)} to download.`);
const tooLarge = (max: number) => new CaptureError('too-large', `The page is larger than ${Math.round(max / 1024 / 1024 * 10) / 10} MB, so it was not saved.`);
const isZlibError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_');

/** Whatever failed, the caller gets a CaptureError with words a reader understands. */
function toCaptureError(error: unknown, signal: AbortSignal): CaptureError {
  if (error instanceof CaptureError) return error;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof CaptureError) return reason;
    return new CaptureError('aborted', 'Saving was cancelled.', { cause: reason });
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'Could not find the site (check the address or your connection).'
    : code === 'ECONNREFUSED' ? 'The site refused the connection.'
    : code === 'ECONNRESET' || code === 'EPIPE' ? 'The connection to the site was interrupted.'
    : code === 'HPE_HEADER_OVERFLOW' ? 'The site sent oversized headers.'
    // The parser's other complaints: whatever answered is not speaking HTTP (or speaks it wrong).
    : code.startsWith('HPE_') ? 'The site’s answer was not valid HTTP, so the page could not be read.'
    : code.startsWith('ERR_TLS') || code.includes('CERT') ? 'The site’s security certificate could not be verified.'
    // EPROTO/ERR_SSL_*: no TLS handshake at all, typically a plain-HTTP server on an https address.
    : code === 'EPROTO' || code.startsWith('ERR_SSL') ? 'A secure (https) connection could not be made: the site may not support https at this address.'
    : 'The site could not be reached.';
  return new CaptureError('network', message, { cause: error });
}
