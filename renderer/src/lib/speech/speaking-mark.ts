// The sentence being read, shown with the CSS Custom Highlight API: the body's DOM is not
// touched, so the highlight marks placed in it (and the text the anchoring reads) stay as
// they are. Where the API is missing the sentence is simply not shown.
import { buildTextIndex, offsetsToRange } from '../highlights/text-index.ts';
import type { Span } from './sentences.ts';

export const SPEAKING_HIGHLIGHT = 'lectern-speaking';

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Shows `span` of the body's text as being read, and scrolls it into the window's middle band. */
export function showSpeaking(body: HTMLElement, span: Span | null, topInset: number): void {
  const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
  if (!span) {
    registry?.delete(SPEAKING_HIGHLIGHT);
    return;
  }
  const range = offsetsToRange(buildTextIndex(body), span);
  if (!range) return;
  if (registry && typeof Highlight === 'function') registry.set(SPEAKING_HIGHLIGHT, new Highlight(range));
  const rect = range.getBoundingClientRect();
  const bottomInset = 120;
  if (rect.top < topInset || rect.bottom > window.innerHeight - bottomInset) {
    // Absolute, so a scroll still gliding from the last sentence lands on this one.
    window.scrollTo({ top: window.scrollY + rect.top - window.innerHeight * 0.3, behavior: reducedMotion() ? 'auto' : 'smooth' });
  }
}

/** Whether `span` is on screen now (a pause the reader scrolled away from is not resumed). */
export function onScreen(body: HTMLElement, span: Span): boolean {
  const rect = offsetsToRange(buildTextIndex(body), span)?.getBoundingClientRect();
  return !!rect && rect.bottom > 0 && rect.top < window.innerHeight;
}
