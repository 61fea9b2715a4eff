import { useLayoutEffect, useState, type RefObject } from 'react';
import type { Highlight } from '../../../electron/shared/highlight.ts';
import { applyMarks, marksOf, removeMarks } from '../lib/highlights/marks.ts';
import { placeHighlights, type Placement } from '../lib/highlights/place.ts';
import { buildTextIndex } from '../lib/highlights/text-index.ts';

const EMPTY: Placement = { placed: [], orphaned: [] };

/**
 * Shows the highlights in the reader body: the old marks out, the text indexed, every
 * highlight placed and wrapped, in one pass. Runs whenever the body's HTML is (re)set or the
 * highlights change; a layout effect, so the page never paints without them.
 */
export function useHighlightMarks(
  bodyRef: RefObject<HTMLElement | null>,
  html: string | null,
  highlights: readonly Highlight[],
  selectedId: string | null,
): Placement {
  const [placement, setPlacement] = useState<Placement>(EMPTY);

  useLayoutEffect(() => {
    const root = bodyRef.current;
    if (!root || html === null) {
      setPlacement(EMPTY);
      return;
    }
    removeMarks(root);
    const index = buildTextIndex(root);
    const next = placeHighlights(index.text, highlights);
    applyMarks(index, next.placed);
    setPlacement(next);
  }, [bodyRef, html, highlights]);

  // The selected highlight stands out wherever its pieces are.
  useLayoutEffect(() => {
    const root = bodyRef.current;
    if (!root || !selectedId) return;
    const marks = marksOf(root, selectedId);
    for (const mark of marks) mark.classList.add('is-selected');
    return () => marks.forEach((mark) => mark.classList.remove('is-selected'));
  }, [bodyRef, selectedId, placement]);

  return placement;
}

/** Scrolls a highlight into view, puts focus on it, and flashes it so the eye finds it. */
export function revealHighlight(root: HTMLElement | null, id: string): boolean {
  const marks = root ? marksOf(root, id) : [];
  const first = marks[0];
  if (!first) return false;
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  first.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'instant' });
  first.focus({ preventScroll: true });
  for (const mark of marks) {
    mark.classList.remove('is-flashing');
    // Restart the animation even when it is still running from a jump a moment ago.
    void mark.offsetWidth;
    mark.classList.add('is-flashing');
    mark.addEventListener('animationend', () => mark.classList.remove('is-flashing'), { once: true });
  }
  return true;
}
