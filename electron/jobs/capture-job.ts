// One capture job: fetch the page (or take the body a feed or an import brought), extract,
// cache images, store. Shared by the app's queue and the command line, so both save the same.
import { captureArticle, captureContent } from '../capture/capture-article.ts';
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
}

type Outcome = { captured: CapturedArticle } | { error: string } | 'closing' | 'offline';

export async function runCaptureJob(id: string, signal: AbortSignal, deps: CaptureJobDeps): Promise<void> {
  const { library, keeper } = deps;
  const pending = library.summary(id);
  if (!pending) return;
  library.markFetching(id);
  deps.onProgress(id, 'fetching', null);
  let saved = false;
  try {
    const outcome = await capture(id, pending.url, pending.title, keeper.storeFor(id), signal, deps);
    // Quitting leaves the job 'fetching'; the next start puts it back in the queue.
    if (outcome === 'closing') return;
    if (outcome === 'offline') {
      // The network went away mid-fetch: wait for it rather than fail the article.
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
    deps.onProgress(id, status, 'error' in outcome ? outcome.error : null);
    deps.onChanged(id);
  } finally {
    await keeper.release(id, saved);
  }
}

/** One capture, its failure turned into a reason the reader can act on. */
async function capture(id: string, url: string, title: string, store: AssetStore, signal: AbortSignal, deps: CaptureJobDeps): Promise<Outcome> {
  try {
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
