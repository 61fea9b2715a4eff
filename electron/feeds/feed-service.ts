// Keeps feeds fresh while the app runs: every minute it refreshes the feeds that are due (each
// on its own schedule, failing ones backed off), a few at a time. A manual refresh joins the
// same line, so one feed is never fetched twice at once.
import type { Library } from '../library/library.ts';
import type { fetchResource } from '../capture/fetching/fetch-resource.ts';
import type { FeedRefreshResult } from '../shared/feed.ts';
import { refreshFeed, subscribe } from './refresh-feed.ts';

export interface FeedServiceOptions {
  library: Library;
  fetcher: typeof fetchResource;
  /** New articles are waiting to be fetched, or counts changed. */
  onChanged(feedId: string | null, added: number): void;
  /** How often to look for due feeds (default a minute). */
  tickMs?: number;
  /** Feeds refreshed at once. */
  concurrency?: number;
  now?: () => Date;
}

export class FeedService {
  readonly #options: FeedServiceOptions;
  readonly #running = new Map<string, Promise<FeedRefreshResult>>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<void> | null = null;

  constructor(options: FeedServiceOptions) {
    this.#options = options;
  }

  #deps() {
    return { library: this.#options.library, fetcher: this.#options.fetcher, signal: this.#abort.signal, ...(this.#options.now ? { now: this.#options.now } : {}) };
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), this.#options.tickMs ?? 60_000);
    this.#timer.unref();
    void this.tick();
  }

  /** Refreshes the feeds that are due; resolves when they are done. */
  tick(): Promise<void> {
    this.#ticking ??= (async () => {
      try {
        const now = (this.#options.now?.() ?? new Date()).toISOString();
        const due = this.#options.library.feeds.due(now, 50);
        await this.#each(due);
      } catch (error) {
        // The next round tries again (the database may have been busy with the command line).
        if (!this.#abort.signal.aborted) console.error('feed refresh round failed', error);
      } finally {
        this.#ticking = null;
      }
    })();
    return this.#ticking;
  }

  async #each(ids: string[]): Promise<FeedRefreshResult[]> {
    const results: FeedRefreshResult[] = [];
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined && !this.#abort.signal.aborted; id = queue.shift()) {
        results.push(await this.refresh(id));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency ?? 2, ids.length) }, worker));
    return results;
  }

  /** Refreshes one feed now (joining a refresh already under way). */
  refresh(id: string): Promise<FeedRefreshResult> {
    const running = this.#running.get(id);
    if (running) return running;
    const job = refreshFeed(id, this.#deps())
      .then((result) => {
        this.#options.onChanged(id, result.added);
        return result;
      })
      .finally(() => this.#running.delete(id));
    this.#running.set(id, job);
    return job;
  }

  /** Every feed now, in order of their names. */
  refreshAll(): Promise<FeedRefreshResult[]> {
    return this.#each(this.#options.library.feeds.list().map((feed) => feed.id));
  }

  async subscribe(address: string, folder: string | null) {
    const outcome = await subscribe(address, folder, this.#deps());
    this.#options.onChanged(outcome.feed.id, outcome.result?.added ?? 0);
    return outcome;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#abort.abort(new Error('shutting down'));
    await Promise.allSettled([...this.#running.values(), this.#ticking]);
  }
}
