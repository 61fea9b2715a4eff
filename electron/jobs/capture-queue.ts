// Runs capture jobs from the library's persistent queue (articles in state 'pending').
// The queue itself lives in SQLite, so a restart resumes where the app stopped.

export interface CaptureQueueOptions {
  /** Jobs waiting, oldest first. */
  pendingIds(): string[];
  /** Does one job; failures are recorded by the job itself. */
  run(id: string, signal: AbortSignal): Promise<void>;
  concurrency: number;
}

export class CaptureQueue {
  readonly #options: CaptureQueueOptions;
  readonly #running = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #idleWaiters: Array<() => void> = [];

  constructor(options: CaptureQueueOptions) {
    this.#options = options;
  }

  /** Starts as many waiting jobs as the concurrency limit allows. */
  kick(): void {
    if (this.#abort.signal.aborted) return;
    for (const id of this.#options.pendingIds()) {
      if (this.#running.size >= this.#options.concurrency) break;
      if (this.#running.has(id)) continue;
      const job = this.#options
        .run(id, this.#abort.signal)
        .catch((error: unknown) => console.error(`capture job ${id} crashed`, error))
        .finally(() => {
          this.#running.delete(id);
          this.kick();
          if (this.#running.size === 0) this.#notifyIdle();
        });
      this.#running.set(id, job);
    }
  }

  /** Resolves when no job is running (tests and shutdown use it). */
  idle(): Promise<void> {
    if (this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled([...this.#running.values()]);
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
