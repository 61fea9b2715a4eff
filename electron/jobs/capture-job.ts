// One capture job: fetch the page (or take the body a feed or an import brought), extract,
// cache images, store. Shared by the app's queue and the command line, so both save the same.
import { captureArticle, captureContent, capturePage, type SuppliedPage } from '../capture/capture-article.ts';
import { CaptureError } from '../capture/capture-error.ts';
import type { Extracted } from '../capture/extraction/extract-article.ts';
import type { FetchLimits, fetchResource } from '../capture/fetching/fetch-resource.ts';
import type { AssetStore } from '../capture/images/asset-store.ts';
import type { Library } from '../library/library.ts';
import type { CapturedArticle } from '../shared/captured-article.ts';
import type { ArticleStatus } from '../shared/article.ts';
import type { AssetKeeper } from './asset-keeper.ts';

export const CANCELLED = 'Cancelled.';

export interface CaptureJobDeps {
  library: Library;
  keeper: AssetKeeper;
  fetcher: typeof fetchResource;
  extract: (html: string, url: string) => Promise<Extracted>;
  limits?: Partial<FetchLimits>;
  /** The app is quitting: leave the job for the next start. */
  closing(): boolean;
  online(): boolean;
  onProgress(id: string, status: ArticleStatus, error: string | null): void;
  onChanged(id: string): void;
  /** Pages a browser sent (the connector's spool): saved from that HTML instead of fetched. */
  suppliedPages?: SuppliedPages;
}

/** A spooled page one run took, with the images sent for it (URL → stored hash). */
export interface TakenPage {
  page: SuppliedPage;
  images: ReadonlyMap<string, string>;
  /** Opaque to the job: which sending of the page this is. */
  key: string;
}

export interface SuppliedPages {
  /** The page waiting for this article, if any. */
  take(id: string): Promise<TakenPage | null>;
  /**
   * The run is over (stored or failed). Answers true when a page arrived that this run did not
   * use: the article is then queued again, so the newest page sent is the one kept.
   */
  settle(id: string, taken: TakenPage | null, result: { saved: boolean; missingImages: string[] }): Promise<boolean>;
}

type Outcome = { captured: CapturedArticle } | { error: string } | 'closing' | 'offline';

export async function runCaptureJob(id: string, signal: AbortSignal, deps: CaptureJobDeps): Promise<void> {
  const { library, keeper } = deps;
  const pending = library.summary(id);
  if (!pending) return;
  library.markFetching(id);
  deps.onProgress(id, 'fetching', null);
  let saved = false;
  let missingImages: string[] = [];
  let taken: TakenPage | null = null;
  let settled = true;
  try {
    taken = (await deps.suppliedPages?.take(id)) ?? null;
    settled = false;
    const onMissingImages = (urls: string[]) => void (missingImages = urls);
    const outcome = await capture(id, pending, taken, { store: keeper.storeFor(id), signal, onMissingImages }, deps);
    // Quitting leaves the job 'fetching' (and its page spooled); the next start puts it back in the queue.
    if (outcome === 'closing') {
      settled = true;
      return;
    }
    if (outcome === 'offline') {
      // The network went away mid-fetch: wait for it rather than fail the article.
      settled = true;
      library.requeue(id);
      deps.onProgress(id, 'pending', null);
      return;
    }
    // Deleted while it was being fetched: keep nothing of it.
    if (!library.summary(id)) return;
    let status: ArticleStatus = 'done';
    if ('captured' in outcome) {
      library.completeCapture(id, outcome.captured);
      saved = true;
    } else status = library.failCapture(id, outcome.error).status;
    settled = true;
    const again = (await deps.suppliedPages?.settle(id, taken, { saved, missingImages })) ?? false;
    if (again && library.requeue(id)) status = 'pending';
    deps.onProgress(id, status, 'error' in outcome && status !== 'pending' ? outcome.error : null);
    deps.onChanged(id);
  } finally {
    // A run that ended without an article (deleted, crashed) lets its page go too.
    if (!settled) await deps.suppliedPages?.settle(id, taken, { saved: false, missingImages: [] }).catch(() => false);
    await keeper.release(id, saved);
  }
}

/** One capture, its failure turned into a reason the reader can act on. */
async function capture(
  id: string,
  { url, title }: { url: string; title: string },
  taken: TakenPage | null,
  run: { store: AssetStore; signal: AbortSignal; onMissingImages: (urls: string[]) => void },
  deps: CaptureJobDeps,
): Promise<Outcome> {
  const { store, signal } = run;
  try {
    if (taken) {
      const options = { assets: store, limits: deps.limits, signal, fetcher: deps.fetcher, extract: deps.extract, suppliedImages: taken.images, onMissingImages: run.onMissingImages };
      return { captured: await capturePage(url, taken.page, options) };
    }
    // An item of a feed on the internet is held to the internet; one from a local feed may not be.
    const feedIsLocal = deps.library.feeds.articleFeedIsLocal(id);
    const publicOnly = feedIsLocal === null ? undefined : !feedIsLocal;
    const options = { assets: store, limits: deps.limits, signal, fetcher: deps.fetcher, extract: deps.extract, ...(publicOnly === undefined ? {} : { publicOnly }) };
    const content = deps.library.pendingContent(id);
    const captured = content ? await captureContent(url, title, content, options) : await captureArticle(url, options);
    return { captured };
  } catch (error) {
    if (deps.closing()) return 'closing';
    if (!deps.online() && error instanceof CaptureError && error.code === 'network') return 'offline';
    if (signal.aborted) return { error: CANCELLED };
    if (error instanceof CaptureError) return { error: error.message };
    console.error(`capture of ${url} failed`, error);
    return { error: 'Could not save this page (unexpected error).' };
  }
}
