// Handlers for what moves whole collections: imports, exports and feeds.
import { feedErrorMessage } from '../feeds/refresh-feed.ts';
import type { FeedService } from '../feeds/feed-service.ts';
import type { ImportJobs } from '../jobs/import-jobs.ts';
import type { Library } from '../library/library.ts';
import type { ExportedFile, ExportFormat } from '../shared/export-file.ts';
import type { Api, ApiEventName, ApiEvents, Result } from './api.ts';

export interface CollectionDeps {
  library: Library;
  emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
  feeds: FeedService;
  imports: ImportJobs;
  exportFile(format: ExportFormat, ids: string[] | null): Promise<ExportedFile>;
  freeUnusedAssets(): Promise<void>;
}

type CollectionApi = Pick<Api, 'importFile' | 'cancelImport' | 'exportLibrary' | 'listFeeds' | 'addFeed' | 'updateFeed' | 'removeFeed' | 'refreshFeeds'>;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const feedNotFound = { ok: false, error: { code: 'not-found', message: 'That feed is no longer subscribed.' } } as const;

export function createCollectionHandlers(deps: CollectionDeps): CollectionApi {
  const { library, emit } = deps;
  return {
    async importFile(jobId, name, bytes, format) {
      return ok(await deps.imports.run(jobId, { bytes, name }, format));
    },
    async cancelImport(jobId) {
      return ok({ cancelled: deps.imports.cancel(jobId) });
    },
    async exportLibrary(format, ids) {
      return ok(await deps.exportFile(format, ids));
    },
    async listFeeds() {
      return ok(library.feeds.list());
    },
    async addFeed(url, folder) {
      try {
        const { feed } = await deps.feeds.subscribe(url, folder);
        return ok(feed);
      } catch (error) {
        return { ok: false, error: { code: 'fetch-failed', message: feedErrorMessage(error) } };
      }
    },
    async updateFeed(id, settings) {
      const feed = library.feeds.update(id, settings);
      if (!feed) return feedNotFound;
      emit('feedsChanged', { id });
      return ok(feed);
    },
    async removeFeed(id) {
      const outcome = library.unsubscribe(id);
      if (!outcome) return feedNotFound;
      emit('feedsChanged', { id });
      emit('articleChanged', { id: '*', deleted: false });
      await deps.freeUnusedAssets();
      return ok(outcome);
    },
    async refreshFeeds(id) {
      if (id === null) return ok(await deps.feeds.refreshAll());
      if (!library.feeds.get(id)) return feedNotFound;
      return ok([await deps.feeds.refresh(id)]);
    },
  };
}
