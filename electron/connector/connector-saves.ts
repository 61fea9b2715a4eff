// What the connector's save operations do in the library. Saving goes through the same queue
// and capture jobs as the app's own Save: a URL is deduplicated like saveUrl, and a page sent
// with its HTML is spooled (page-inbox.ts) and captured from that HTML instead of fetched.
import type { SuppliedPage } from '../capture/capture-article.ts';
import { normalizeUrl } from '../capture/normalize-url.ts';
import { DEFAULT_IMAGE_LIMITS } from '../capture/fetching/fetch-resource.ts';
import { sniffImageType } from '../capture/images/image-type.ts';
import type { AssetKeeper } from '../jobs/asset-keeper.ts';
import type { Library } from '../library/library.ts';
import { assetUrl } from '../shared/captured-article.ts';
import type { ArticleSummary } from '../shared/article.ts';
import type {
  SavedArticleRef, SavedLookup, SaveImagesRequest, SaveImagesResponse, SavePageRequest, SaveResponse,
} from '../shared/connector-protocol.ts';
import type { PageInbox, SettledPage } from './page-inbox.ts';
import { ConnectorRequestError } from './request-guard.ts';

/** How long save-page and save-images wait for the capture before answering with it pending. */
export const CAPTURE_WAIT_MS = 60_000;

export interface SaveDeps {
  library: Library;
  inbox: PageInbox;
  keeper: AssetKeeper;
  /** Starts waiting captures (the queue). */
  kick(): void;
  online(): boolean;
  articleChanged(id: string): void;
  /** Aborted when the app closes: waiting requests answer at once. */
  closing: AbortSignal;
  waitMs?: number;
}

export interface ConnectorSaves {
  saveUrl(url: string): SaveResponse;
  savePage(request: SavePageRequest): Promise<SaveResponse>;
  saveImages(request: SaveImagesRequest): Promise<SaveImagesResponse>;
  lookup(url: string): SavedLookup;
}

const ref = ({ id, url, title, status }: ArticleSummary): SavedArticleRef => ({ id, url, title, status });

export function createConnectorSaves(deps: SaveDeps): ConnectorSaves {
  const { library, inbox } = deps;
  const current = (id: string): ArticleSummary => {
    const summary = library.summary(id);
    if (!summary) throw new ConnectorRequestError('not-found', 'That article is no longer in the library.');
    return summary;
  };

  /** The capture of the newest page sent for the article, or null when it is not coming soon. */
  const settleOf = (id: string): Promise<SettledPage | null> => {
    if (!deps.online()) return Promise.resolve(null);
    return inbox.waitFor(id, AbortSignal.any([deps.closing, AbortSignal.timeout(deps.waitMs ?? CAPTURE_WAIT_MS)]));
  };

  /** Spools a page for the article and has it captured again; answers the settle to wait for. */
  const spool = async (id: string, page: SuppliedPage, images?: Record<string, string>): Promise<SettledPage | null> => {
    await inbox.put(id, page, images);
    const settled = settleOf(id);
    const { status } = current(id);
    // A finished article is captured again from the page; a running capture sees the new page
    // when it ends and runs again itself (see PageInbox.settle).
    if (status === 'done' || status === 'failed') library.requeue(id);
    deps.kick();
    return settled;
  };

  return {
    saveUrl(url) {
      const { article, created } = library.addPending(normalizeUrl(url));
      if (created) {
        deps.articleChanged(article.id);
        deps.kick();
      }
      return { article: ref(article), missingImages: [] };
    },

    async savePage(request) {
      const { article, created } = library.addPending(normalizeUrl(request.url), null, { title: request.title ?? null });
      // Synchronously, before the first await: the queue must not fetch the page meanwhile.
      inbox.hold(article.id);
      const page = { html: request.html, ...(request.title ? { title: request.title } : {}), ...(request.selectionHtml ? { selectionHtml: request.selectionHtml } : {}) };
      const settled = spool(article.id, page);
      if (created) deps.articleChanged(article.id);
      const result = await settled;
      return { article: ref(current(article.id)), missingImages: result?.missingImages ?? [] };
    },

    async saveImages({ articleId, images }) {
      const kept = await inbox.kept(articleId);
      if (!kept) throw new ConnectorRequestError('not-found', 'No saved page of this article is waiting for images.');
      const missing = new Set(kept.missing);
      const holder = `images:${articleId}`;
      const store = deps.keeper.storeFor(holder);
      const sent: Record<string, string> = {};
      let saved = false;
      try {
        for (const image of images) {
          // Only images the article names and the app could not fetch; the type is the bytes', not the claim's.
          if (!missing.has(image.url) || sent[image.url]) continue;
          const bytes = Buffer.from(image.base64, 'base64');
          if (bytes.length === 0 || bytes.length > DEFAULT_IMAGE_LIMITS.maxBytes || !sniffImageType(bytes)) continue;
          sent[image.url] = (await store.put(bytes)).hash;
        }
        if (Object.keys(sent).length === 0) return { stored: 0 };
        inbox.hold(articleId);
        const settled = await spool(articleId, kept.page, { ...kept.images, ...sent });
        saved = settled?.saved ?? true;
        const html = library.get(articleId)?.html ?? '';
        return { stored: Object.values(sent).filter((hash) => html.includes(assetUrl(hash))).length };
      } finally {
        await deps.keeper.release(holder, saved);
      }
    },

    lookup(url) {
      const id = library.findSavedId(normalizeUrl(url));
      const summary = id ? library.summary(id) : null;
      return summary ? { saved: true, article: ref(summary) } : { saved: false };
    },
  };
}
