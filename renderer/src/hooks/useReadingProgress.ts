import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Article } from '../../../electron/ipc/api.ts';
import { call } from '../lib/bridge.ts';

const SAVE_AFTER_MS = 700;
/** The core counts an article read from here on. */
const FINISHED = 0.98;

function scrollable(): number {
  return document.documentElement.scrollHeight - window.innerHeight;
}

/**
 * Opens an article where the reader left it, and remembers how far they got once scrolling
 * pauses. Images carry width/height, so the layout is stable enough to restore at once.
 */
export function useReadingProgress(article: Article | null, archiveOnFinish: boolean): void {
  const id = article?.status === 'done' ? article.id : null;
  const saved = article?.progress ?? 0;
  const finish = useRef({ archiveOnFinish, archived: article?.archived ?? false });
  finish.current = { archiveOnFinish, archived: article?.archived ?? false };

  useLayoutEffect(() => {
    if (!id) return;
    const resume = saved > 0.02 && saved < FINISHED;
    window.scrollTo({ top: resume ? saved * scrollable() : 0 });
    // Keyed on the id alone: restore when another article opens, not when this one's
    // progress is saved and comes back.
  }, [id]);

  useEffect(() => {
    if (!id) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = saved;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const max = scrollable();
        if (max <= 0) return;
        const progress = Math.min(1, Math.max(0, window.scrollY / max));
        if (Math.abs(progress - last) < 0.01) return;
        last = progress;
        call('setProgress', id, progress).catch(() => undefined);
        if (progress >= FINISHED && finish.current.archiveOnFinish && !finish.current.archived) {
          call('setArchived', id, true).catch(() => undefined);
        }
      }, SAVE_AFTER_MS);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('scroll', onScroll);
    };
  }, [id]);
}
