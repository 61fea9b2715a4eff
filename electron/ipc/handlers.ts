// One handler per operation of the contract. Arguments arrive already validated.
import { normalizeUrl } from '../capture/normalize-url.ts';
import { importLinks } from '../import/import-links.ts';
import { CANCELLED } from '../jobs/capture-job.ts';
import { createCollectionHandlers, type CollectionDeps } from './collection-handlers.ts';
import { createHighlightHandlers } from './highlight-handlers.ts';
import { createSyncHandlers, type SyncDeps } from './sync-handlers.ts';
import { createConnectorHandlers, type ConnectorHandlerDeps } from './connector-handlers.ts';
import type { CaptureQueue } from '../jobs/capture-queue.ts';
import type { Library } from '../library/library.ts';
import { cleanTagName, tagKey } from '../library/tag-names.ts';
import { loadReaderPreferences, saveReaderPreferences, type KeyValueStore } from '../preferences/reader-preferences.ts';
import type { Api, ApiEventName, ApiEvents, ArticleSummary, Result } from './api.ts';

export interface HandlerDeps extends CollectionDeps, SyncDeps, ConnectorHandlerDeps {
  library: Library;
  queue: CaptureQueue;
  emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
  freeUnusedAssets(): Promise<void>;
  preferences: KeyValueStore;
  openExternal?: (url: string) => Promise<void>;
}

export { CANCELLED };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const notFound = { ok: false, error: { code: 'not-found', message: 'That article is no longer in your library.' } } as const;

export function createHandlers(deps: HandlerDeps): Api {
  const { library, queue, emit } = deps;

  /** Wraps a state change: answers not-found, or tells every view and returns the article. */
  const changed = (summary: ArticleSummary | null): Result<ArticleSummary> => {
    if (!summary) return notFound;
    emit('articleChanged', { id: summary.id, deleted: false });
    return ok(summary);
  };

  return {
    ...createCollectionHandlers(deps),
    ...createHighlightHandlers(deps),
    ...createSyncHandlers(deps),
    ...createConnectorHandlers(deps),
    async saveUrl(url) {
      const { article, created } = library.addPending(normalizeUrl(url));
      if (created) {
        emit('articleChanged', { id: article.id, deleted: false });
        queue.kick();
      }
      return ok(article);
    },
    async listArticles(query) {
      return ok(library.list(query));
    },
    async getArticle(id) {
      const article = library.get(id);
      return article ? ok(article) : notFound;
    },
    async setStarred(id, starred) {
      return changed(library.setStarred(id, starred));
    },
    async setArchived(id, archived) {
      return changed(library.setArchived(id, archived));
    },
    async setProgress(id, progress) {
      return changed(library.setProgress(id, progress));
    },
    async deleteArticle(id) {
      queue.cancel(id);
      if (!library.delete(id)) return notFound;
      emit('articleChanged', { id, deleted: true });
      await deps.freeUnusedAssets();
      return ok({ id });
    },
    async retryArticle(id) {
      queue.forgive(id);
      const summary = library.requeue(id);
      if (summary) queue.kick();
      return changed(summary);
    },
    async addTags(id, tags) {
      return changed(library.addTags(id, tags));
    },
    async removeTag(id, tag) {
      return changed(library.removeTag(id, tag));
    },
    async renameTag(from, to) {
      const renamed = library.renameTag(from, to);
      if (!renamed) return ok({ renamed, name: null });
      // Every article with the tag changed; views refresh their lists on this event.
      emit('articleChanged', { id: '*', deleted: false });
      const key = tagKey(to);
      return ok({ renamed, name: library.listTags().find((tag) => tagKey(tag.name) === key)?.name ?? cleanTagName(to) });
    },
    async importLinks(text) {
      const summary = await importLinks(library, text);
      if (summary.added) {
        emit('articleChanged', { id: '*', deleted: false });
        queue.kick();
      }
      return ok(summary);
    },
    async listTags() {
      return ok(library.listTags());
    },
    async listSites() {
      return ok(library.listSites());
    },
    async setNote(id, text) {
      return changed(library.setNote(id, text));
    },
    async cancelCapture(id) {
      const summary = library.summary(id);
      if (!summary) return notFound;
      if (summary.status !== 'pending' && summary.status !== 'fetching') return ok(summary);
      // A running job records the cancellation itself when its fetch aborts.
      if (queue.cancel(id)) return ok(summary);
      return changed(library.failCapture(id, CANCELLED));
    },
    async queueStatus() {
      return ok({ online: queue.online, waiting: library.pendingCount(), fetching: queue.runningCount });
    },
    async getPreferences() {
      return ok(loadReaderPreferences(deps.preferences));
    },
    async setPreferences(patch) {
      const next = saveReaderPreferences(deps.preferences, patch);
      emit('preferencesChanged', next);
      return ok(next);
    },
    async search(query, limit = 50, snippets) {
      return ok(library.search(query, limit, snippets));
    },
    async searchSnippets(query, ids) {
      return ok(library.searchSnippets(query, ids));
    },
    async openExternal(url) {
      const protocol = URL.canParse(url) ? new URL(url).protocol : '';
      if (protocol !== 'http:' && protocol !== 'https:') {
        return { ok: false, error: { code: 'invalid-argument', message: 'Only web links open in the browser.' } };
      }
      if (!deps.openExternal) return ok({ opened: false });
      await deps.openExternal(url);
      return ok({ opened: true });
    },
  };
}
