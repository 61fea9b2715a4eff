// Runs capture jobs from the library's persistent queue (articles in state 'pending').
// The queue itself lives in SQLite, so a restart resumes where the app stopped; this class
// only decides what runs now: a concurrency limit, a pause while offline, and cancellation.

export interface CaptureQueueOptions {
  /** Jobs waiting, oldest first, at most `limit` of them (an import can queue 100,000). */
  pendingIds(limit: number): string[];
  /** Does one job; failures are recorded by the job itself. */
  run(id: string, signal: AbortSignal): Promise<void>;
  concurrency: number;
}

export class CaptureQueue {
  readonly #options: CaptureQueueOptions;
  readonly #running = new Map<string, { job: Promise<void>; abort: AbortController }>();
  /** Jobs whose run() threw: skipped until retried, so one broken job cannot spin the queue. */
  readonly #crashed = new Set<string>();
  #stopped = false;
  #online = true;
  #idleWaiters: Array<() => void> = [];

  constructor(options: CaptureQueueOptions) {
    this.#options = options;
  }

  get online(): boolean {
    return this.#online;
  }

  get runningCount(): number {
    return this.#running.size;
  }

  /** Starts as many waiting jobs as the concurrency limit allows. */
  kick(): void {
    if (this.#stopped || !this.#online) return;
    // Crashed jobs may still be waiting and are skipped, so ask for that many more.
    for (const id of this.#options.pendingIds(this.#options.concurrency + this.#crashed.size)) {
      if (this.#running.size >= this.#options.concurrency) break;
      if (this.#running.has(id) || this.#crashed.has(id)) continue;
      const abort = new AbortController();
      const job = this.#options
        .run(id, abort.signal)
        .catch((error: unknown) => {
          this.#crashed.add(id);
          console.error(`capture job ${id} crashed`, error);
        })
        .finally(() => {
          this.#running.delete(id);
          this.kick();
          if (this.#running.size === 0) this.#notifyIdle();
        });
      this.#running.set(id, { job, abort });
    }
  }

  /** Offline, nothing new starts (jobs would only fail); back online, waiting jobs resume. */
  /** Back online, waiting captures resume, unless `resume` is false (the app has not started). */
  setOnline(online: boolean, resume = true): void {
    this.#online = online;
    if (online && resume) this.kick();
  }

  /** Lets a job that crashed run again (the user asked for a retry). */
  forgive(id: string): void {
    this.#crashed.delete(id);
  }

  /** Aborts a running job; returns whether one was running. */
  cancel(id: string): boolean {
    const running = this.#running.get(id);
    running?.abort.abort(new Error('cancelled'));
    return running !== undefined;
  }

  /** Resolves when no job is running (tests and shutdown use it). */
  idle(): Promise<void> {
    if (this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const { abort } of this.#running.values()) abort.abort(new Error('shutting down'));
    await Promise.allSettled([...this.#running.values()].map((r) => r.job));
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
