// One WebDAV request with a deadline, retried with backoff while the failure is transient
// (network down, a timeout, 5xx, 429), never on a 4xx. Requests go through the `webdav`
// package's client (its Basic/Digest handling); statuses are judged here, because for Digest
// the package hands a 401 back as if it were an answer.
import type { RequestDataPayload, WebDAVClient } from 'webdav';
import { SyncRemoteError } from './sync-remote.ts';
import { isRetryable, isTransientStatus, transportError } from './webdav-failure.ts';

export interface Answer {
  status: number;
  body: Uint8Array;
  /** How many tries it took (1 when the first one answered). */
  tries: number;
}

export interface TransportOptions {
  label: string;
  /** The remote folder's URL without a trailing '/'; request paths start with '/'. */
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

export interface Request {
  method: string;
  path: string;
  what: string;
  headers?: Record<string, string>;
  data?: RequestDataPayload;
}

const MAX_DELAY_MS = 8_000;
const EMPTY = new Uint8Array(0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backoff doubling from the base, with jitter so devices that failed together retry apart. */
function backoff(base: number, attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(MAX_DELAY_MS, seconds * 1000);
  return Math.min(MAX_DELAY_MS, base * 2 ** attempt) * (0.5 + Math.random() / 2);
}

interface Try {
  status: number;
  retryAfter: string | null;
  body: Uint8Array;
}

// Slow links still finish: an upload's deadline grows with its size (at least this rate must
// be kept up), and a download only times out when no data comes for timeoutMs.
const SLOWEST_UPLOAD_BYTES_PER_SECOND = 64 * 1024;

/** An abort signal that fires `ms` after the last touch(), and says whether it fired. */
function deadline(ms: number) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = (after = ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error('timed out')), after);
  };
  return { signal: controller.signal, touch, clear: () => clearTimeout(timer) };
}

async function readBody(body: unknown, touch: () => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of (body ?? []) as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    touch();
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function tryOnce(client: WebDAVClient, request: Request, options: TransportOptions): Promise<Try> {
  const timer = deadline(options.timeoutMs);
  const size = request.data instanceof Uint8Array ? request.data.byteLength : 0;
  timer.touch(options.timeoutMs + (size / SLOWEST_UPLOAD_BYTES_PER_SECOND) * 1000);
  try {
    // The full URL, not the package's joining of it, which drops a folder's trailing '/': the
    // server then redirects, and a Digest answer made for the first URL fails on the second.
    const response = await client.customRequest(request.path, {
      url: `${options.baseUrl}${request.path}`,
      method: request.method,
      headers: request.headers ?? {},
      data: request.data,
      signal: timer.signal,
    });
    timer.touch();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: await readBody((response as unknown as { body: unknown }).body, timer.touch),
    };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') {
      const response = (error as { response?: { headers: Headers; body: unknown } }).response;
      // Drained so the kept-alive connection can carry the next request.
      await readBody(response?.body, timer.touch).catch(() => undefined);
      return { status, retryAfter: response?.headers.get('retry-after') ?? null, body: EMPTY };
    }
    throw transportError(options.label, request.what, error, timer.signal.aborted);
  } finally {
    timer.clear();
  }
}

/** The server's answer (any status that is not transient, or the last one); throws on transport failure. */
export async function send(client: WebDAVClient, request: Request, options: TransportOptions): Promise<Answer> {
  for (let attempt = 0; ; attempt += 1) {
    const last = attempt >= options.retries;
    let answer: Try;
    try {
      answer = await tryOnce(client, request, options);
    } catch (error) {
      if (last || !(error instanceof SyncRemoteError) || !isRetryable(error)) throw error;
      await sleep(backoff(options.retryDelayMs, attempt, null));
      continue;
    }
    if (last || !isTransientStatus(answer.status)) return { status: answer.status, body: answer.body, tries: attempt + 1 };
    await sleep(backoff(options.retryDelayMs, attempt, answer.retryAfter));
  }
}
