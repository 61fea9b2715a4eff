import { CaptureError } from '../capture-error.ts';
import { fetchResource, type FetchedResource, type FetchOptions } from './fetch-resource.ts';

// Politeness and resilience for many captures at once: at most N requests in flight overall and
// M per host, and transient failures (429, 5xx, network, timeouts) retried with exponential
// backoff plus jitter, waiting at least as long as the server's Retry-After asks.

export interface SchedulerOptions {
  maxConcurrent?: number;
  maxPerHost?: number;
  /** Attempts in total, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for; the failure is reported instead. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetchResource;
  /** Injected for tests. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Exponential backoff with "full jitter", floored by Retry-After. */
export function retryDelay(attempt: number, error: CaptureError, options: { baseDelayMs: number; maxDelayMs: number; random: () => number }): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + (options.random() * ceiling) / 2;
  return Math.max(jittered, error.retryAfterMs ?? 0);
}

export class FetchScheduler {
  private readonly maxConcurrent: number;
  private readonly maxPerHost: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly fetchImpl: typeof fetchResource;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private active = 0;
  private readonly activeByHost = new Map<string, number>();
  private readonly waiting: { host: string; start: () => void }[] = [];

  constructor(options: SchedulerOptions = {}) {
    this.maxConcurrent = options.maxConcurrent ?? 8;
    this.maxPerHost = options.maxPerHost ?? 2;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.fetchImpl = options.fetch ?? fetchResource;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Same contract as fetchResource, so it can be handed to captureArticle as `fetcher`. */
  readonly fetch = async (url: string, options: FetchOptions = {}): Promise<FetchedResource> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withSlot(hostOf(url), options.signal, () => this.fetchImpl(url, options));
      } catch (error) {
        if (!(error instanceof CaptureError) || !error.retryable || attempt >= this.maxAttempts || options.retry === false) throw error;
        if ((error.retryAfterMs ?? 0) > this.maxRetryAfterMs) throw error;
        const delay = retryDelay(attempt, error, { baseDelayMs: this.baseDelayMs, maxDelayMs: this.maxDelayMs, random: this.random });
        try {
          await this.sleep(delay, options.signal);
        } catch (reason) {
          throw new CaptureError('aborted', 'Saving was cancelled.', { cause: reason });
        }
      }
    }
  };

  get inFlight(): number {
    return this.active;
  }

  private async withSlot<T>(host: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    await this.acquire(host, signal);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private canStart(host: string): boolean {
    return this.active < this.maxConcurrent && (this.activeByHost.get(host) ?? 0) < this.maxPerHost;
  }

  private acquire(host: string, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CaptureError('aborted', 'Saving was cancelled.'));
    if (this.canStart(host)) {
      this.take(host);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        host,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.take(host);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(entry);
        if (index !== -1) this.waiting.splice(index, 1);
        reject(new CaptureError('aborted', 'Saving was cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private take(host: string): void {
    this.active++;
    this.activeByHost.set(host, (this.activeByHost.get(host) ?? 0) + 1);
  }

  private release(host: string): void {
    this.active--;
    const left = (this.activeByHost.get(host) ?? 1) - 1;
    if (left === 0) this.activeByHost.delete(host);
    else this.activeByHost.set(host, left);
    // First waiter whose host has room: one slow host does not block the others.
    const next = this.waiting.findIndex((entry) => this.canStart(entry.host));
    if (next !== -1) this.waiting.splice(next, 1)[0]?.start();
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
};
