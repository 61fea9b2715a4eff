import { useCallback, useEffect, useRef, useState } from 'react';
import type { Article, ArticleSummary } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';

export interface ArticleState {
  article: Article | null;
  error: string | null;
  reload: () => void;
  /** Applies a summary the core returned (after star/archive) without a round trip. */
  patch: (summary: ArticleSummary) => void;
}

export function useArticle(id: string | null): ArticleState {
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(id);
  current.current = id;

  const reload = useCallback(() => {
    if (id === null) return;
    call('getArticle', id)
      .then((value) => {
        if (current.current !== id) return;
        setArticle(value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (current.current === id) setError(errorMessage(err));
      });
  }, [id]);

  useEffect(() => {
    setArticle(null);
    setError(null);
    reload();
  }, [reload]);

  const patch = useCallback((summary: ArticleSummary) => {
    setArticle((prev) => (prev && prev.id === summary.id ? { ...prev, ...summary } : prev));
  }, []);

  return { article, error, reload, patch };
}
