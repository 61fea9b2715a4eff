// The sentence being read, shown with the CSS Custom Highlight API: the body's DOM is not
// touched, so the highlight marks placed in it (and the text the anchoring reads) stay as
// they are. Where the API is missing the sentence is simply not shown.
import { buildTextIndex, offsetsToRange } from '../highlights/text-index.ts';
import type { Span } from './sentences.ts';

export const SPEAKING_HIGHLIGHT = 'lectern-speaking';

/** Below the window's sticky header: text behind it is not on screen for the reader. */
export function visibleTop(): number {
  const header = document.querySelector('.app-header');
  return Math.max(0, header?.getBoundingClientRect().bottom ?? 0) + 8;
}

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Shows `span` of the body's text as being read, and (unless told not to) scrolls it into the window's middle band. */
export function showSpeaking(body: HTMLElement, span: Span | null, scroll = true): void {
  const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
  if (!span) {
    clearSpeaking();
    return;
  }
  const range = offsetsToRange(buildTextIndex(body), span);
  if (!range) return;
  if (registry && typeof Highlight === 'function') registry.set(SPEAKING_HIGHLIGHT, new Highlight(range));
  if (!scroll) return;
  const rect = range.getBoundingClientRect();
  const bottomInset = 120;
  if (rect.top < visibleTop() || rect.bottom > window.innerHeight - bottomInset) {
    // Absolute, so a scroll still gliding from the last sentence lands on this one.
    window.scrollTo({ top: window.scrollY + rect.top - window.innerHeight * 0.3, behavior: reducedMotion() ? 'auto' : 'smooth' });
  }
}

/** Whether `span` is on screen now (a pause the reader scrolled away from is not resumed). */
export function onScreen(body: HTMLElement, span: Span): boolean {
  const rect = offsetsToRange(buildTextIndex(body), span)?.getBoundingClientRect();
  return !!rect && rect.top >= visibleTop() && rect.top < window.innerHeight;
}

/** No sentence shown as read (the reader closed, or listening ended). */
export function clearSpeaking(): void {
  if (typeof CSS !== 'undefined') CSS.highlights?.delete(SPEAKING_HIGHLIGHT);
}
