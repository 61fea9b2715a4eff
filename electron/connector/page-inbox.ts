// Pages a browser sent, kept on disk until a capture job has saved them: the HTML is the user's
// logged-in view and cannot be fetched again, so it must survive a quit before it is processed.
// <id>.page.json waits for the job; <id>.kept.json is a saved page whose images the app could
// not fetch, kept (for a day) so that images the browser sends later can be put back in.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuppliedPage } from '../capture/capture-article.ts';
import type { SuppliedPages, TakenPage } from '../jobs/capture-job.ts';

/** Kept pages older than this are deleted at start: their images are not coming any more. */
export const KEPT_PAGE_MS = 24 * 60 * 60 * 1000;

interface SpooledPage {
  /** Which sending this is: a newer one for the same article replaces it. */
  seq: string;
  page: SuppliedPage;
  /** Images the browser sent, by URL, already in the asset store. */
  images: Record<string, string>;
}

interface KeptPage extends SpooledPage {
  missing: string[];
}

export interface SettledPage {
  seq: string;
  saved: boolean;
  missingImages: string[];
}

const ID = /^[0-9a-f-]{36}$/;

export class PageInbox implements SuppliedPages {
  readonly dir: string;
  readonly #settled = new Map<string, Set<(settled: SettledPage) => void>>();
  /** The newest sending per article in this run, so a waiter knows which settle is its answer. */
  readonly #latest = new Map<string, string>();
  /** Articles whose page is being written: the queue leaves them until it is on disk. */
  readonly #held = new Set<string>();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  #file(id: string, kind: 'page' | 'kept'): string {
    if (!ID.test(id)) throw new Error('Not an article id.');
    return join(this.dir, `${id}.${kind}.json`);
  }

  isHeld(id: string): boolean {
    return this.#held.has(id);
  }

  /** Holds the article from the queue (synchronously, before any await) until put() is done. */
  hold(id: string): void {
    this.#held.add(id);
  }

  /** Spools a page for the article (replacing one not yet processed); answers its sequence. */
  async put(id: string, page: SuppliedPage, images: Record<string, string> = {}): Promise<string> {
    const seq = randomUUID();
    try {
      await writeAtomically(this.#file(id, 'page'), JSON.stringify({ seq, page, images } satisfies SpooledPage));
      this.#latest.set(id, seq);
      return seq;
    } finally {
      this.#held.delete(id);
    }
  }

  async take(id: string): Promise<TakenPage | null> {
    const spooled = await readJson<SpooledPage>(this.#file(id, 'page'));
    if (!spooled) return null;
    return { page: spooled.page, images: new Map(Object.entries(spooled.images)), key: spooled.seq };
  }

  async settle(id: string, taken: TakenPage | null, result: { saved: boolean; missingImages: string[] }): Promise<boolean> {
    const current = await readJson<SpooledPage>(this.#file(id, 'page'));
    if (current && current.seq !== taken?.key) return true;
    if (!current || !taken) return false;
    if (result.saved && result.missingImages.length > 0) {
      const kept: KeptPage = { ...current, missing: result.missingImages };
      await writeAtomically(this.#file(id, 'kept'), JSON.stringify(kept));
    } else {
      await rm(this.#file(id, 'kept'), { force: true });
    }
    await rm(this.#file(id, 'page'), { force: true });
    const settled = { seq: current.seq, saved: result.saved, missingImages: result.missingImages };
    for (const notify of this.#settled.get(id) ?? []) notify(settled);
    return false;
  }

  /** The saved page still waiting for images, if any. */
  kept(id: string): Promise<KeptPage | null> {
    return readJson<KeptPage>(this.#file(id, 'kept'));
  }

  async dropKept(id: string): Promise<void> {
    await rm(this.#file(id, 'kept'), { force: true });
  }

  /** Whether a page is spooled for the article and not yet processed. */
  async waiting(id: string): Promise<boolean> {
    return (await readJson<SpooledPage>(this.#file(id, 'page'))) !== null;
  }

  /**
   * Resolves with the settle that answers the newest page sent for the article, or null when
   * `stop` fires first (a time limit, the app closing, the article going offline).
   */
  waitFor(id: string, stop: AbortSignal): Promise<SettledPage | null> {
    return new Promise((resolve) => {
      const listeners = this.#settled.get(id) ?? new Set();
      this.#settled.set(id, listeners);
      const done = (value: SettledPage | null) => {
        listeners.delete(notify);
        if (listeners.size === 0) this.#settled.delete(id);
        stop.removeEventListener('abort', onStop);
        resolve(value);
      };
      const notify = (settled: SettledPage) => {
        if (settled.seq === this.#latest.get(id)) done(settled);
      };
      const onStop = () => done(null);
      listeners.add(notify);
      if (stop.aborted) onStop();
      else stop.addEventListener('abort', onStop);
    });
  }

  /**
   * Deletes temporary files a crash left, kept pages older than KEPT_PAGE_MS, and pages of
   * articles deleted before they were saved.
   */
  async sweep(articleExists: (id: string) => boolean, now = Date.now()): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name);
      const id = name.split('.')[0] ?? '';
      // A temporary file of a minute ago may be a page being written right now.
      const age = name.endsWith('.tmp') || name.endsWith('.kept.json') ? now - (await stat(path)).mtimeMs : 0;
      const old = (name.endsWith('.tmp') && age > 60_000) || (name.endsWith('.kept.json') && age > KEPT_PAGE_MS);
      if (old || (ID.test(id) && !articleExists(id))) await rm(path, { force: true });
    }
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}
