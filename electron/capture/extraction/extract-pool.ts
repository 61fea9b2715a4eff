import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CaptureError, type CaptureErrorCode } from '../capture-error.ts';
import type { Extracted } from './extract-article.ts';

/** Heap for one extraction worker: far above any real article's needs (a few tens of MB). */
const WORKER_HEAP_MB = 1024;

// Extraction is CPU-bound and some pages are pathological, so it runs on worker threads: the
// main process stays responsive, and a page that takes too long costs only its own worker,
// which is terminated and replaced while the article fails with a reason.

// .ts when running from source (Node strips types), .js when compiled.
const WORKER_URL = new URL(`./extract-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export interface ExtractPoolOptions {
  /** Worker threads; default: one per core but one, at most 4. */
  size?: number;
  /** Per-page limit; the worker is replaced when it is exceeded. */
  timeoutMs?: number;
  workerUrl?: URL;
  /** Heap for each worker, in MB. */
  heapMb?: number;
}

interface Job {
  id: number;
  html: string;
  url: string;
  resolve: (value: Extracted) => void;
  reject: (error: CaptureError) => void;
}

type WorkerReply = { id: number; ok: true; result: Extracted } | { id: number; ok: false; error: { code: CaptureErrorCode; message: string } };

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  ready: boolean;
}

export const defaultPoolSize = (): number => Math.max(1, Math.min(4, availableParallelism() - 1));

export class ExtractPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly workerUrl: URL;
  private readonly heapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ExtractPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.workerUrl = options.workerUrl ?? WORKER_URL;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
  }

  /** Same shape as extractArticle, off the main thread. Rejects with CaptureError. */
  readonly extract = (html: string, url: string): Promise<Extracted> => {
    if (this.closed) return Promise.reject(new CaptureError('extract-failed', 'Lectern is shutting down.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, html, url, resolve, reject });
      this.dispatch();
    });
  };

  get workerCount(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new CaptureError('extract-failed', 'Lectern is shutting down.'));
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot, new CaptureError('extract-failed', 'Lectern is shutting down.'))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => candidate.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      this.run(slot, job);
    }
  }

  private spawn(): Slot {
    // A page built to exhaust memory (a million elements) ends that worker, not the app: the
    // error below turns it into this article's failure, and a fresh worker takes its place.
    const slot: Slot = { worker: new Worker(this.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } }), job: null, timer: null, ready: false };
    slot.worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.job) this.start(slot, slot.job);
      } else this.settle(slot, reply);
    });
    slot.worker.on('error', (error) => this.replace(slot, new CaptureError('extract-failed', `Lectern could not read this page (${error.message}).`, { cause: error })));
    slot.worker.on('exit', () => {
      if (this.slots.includes(slot)) this.replace(slot, new CaptureError('extract-failed', 'Lectern could not read this page (the reader stopped unexpectedly).'));
    });
    slot.worker.unref(); // an idle pool never keeps the process alive
    this.slots.push(slot);
    return slot;
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    if (slot.ready) this.start(slot, job);
  }

  private start(slot: Slot, job: Job): void {
    slot.timer = setTimeout(() => {
      this.replace(slot, new CaptureError('extract-failed', `The page took longer than ${Math.round(this.timeoutMs / 1000)} s to process, so it was not saved.`));
    }, this.timeoutMs);
    slot.worker.postMessage({ id: job.id, html: job.html, url: job.url });
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref();
    if (reply.ok) job.resolve(reply.result);
    else job.reject(new CaptureError(reply.error.code, reply.error.message));
    this.dispatch();
  }

  /** Fails the worker's current page, terminates it, and lets dispatch start a fresh one. */
  private replace(slot: Slot, error: CaptureError): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    void this.stop(slot, error);
    if (!this.closed) this.dispatch();
  }

  private async stop(slot: Slot, error: CaptureError): Promise<void> {
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    job?.reject(error);
    await slot.worker.terminate();
  }
}
