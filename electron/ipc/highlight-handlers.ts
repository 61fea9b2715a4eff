// Handlers for highlights and their notes. Every change tells the views of its article.
import type { Library } from '../library/library.ts';
import type { Api, ApiEventName, ApiEvents, Result } from './api.ts';

export interface HighlightDeps {
  library: Library;
  emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
}

type HighlightApi = Pick<Api, 'listHighlights' | 'addHighlight' | 'updateHighlight' | 'deleteHighlight' | 'restoreHighlight' | 'browseHighlights'>;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const articleGone = { ok: false, error: { code: 'not-found', message: 'That article is no longer in your library.' } } as const;
const highlightGone = { ok: false, error: { code: 'not-found', message: 'That highlight is no longer there.' } } as const;

export function createHighlightHandlers({ library, emit }: HighlightDeps): HighlightApi {
  const changed = (articleId: string) => emit('highlightsChanged', { articleId });
  return {
    async listHighlights(articleId) {
      return library.summary(articleId) ? ok(library.highlights.forArticle(articleId)) : articleGone;
    },
    async addHighlight(articleId, input) {
      if (!library.summary(articleId)) return articleGone;
      const highlight = library.highlights.add(articleId, input);
      if (!highlight) return { ok: false, error: { code: 'invalid-argument', message: 'A highlight needs some text.' } };
      changed(articleId);
      return ok(highlight);
    },
    async updateHighlight(id, change) {
      const highlight = library.highlights.update(id, change);
      if (!highlight) return highlightGone;
      changed(highlight.articleId);
      return ok(highlight);
    },
    async deleteHighlight(id) {
      const articleId = library.highlights.remove(id);
      if (!articleId) return highlightGone;
      changed(articleId);
      return ok({ id });
    },
    async restoreHighlight(id) {
      const highlight = library.highlights.restore(id);
      if (!highlight) return highlightGone;
      changed(highlight.articleId);
      return ok(highlight);
    },
    async browseHighlights(query) {
      return ok(library.browseHighlights(query));
    },
  };
}
