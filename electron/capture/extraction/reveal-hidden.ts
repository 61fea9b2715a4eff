import { chromeStrength, normalizeSpace, proseParagraphs } from './cleanup/boilerplate.ts';

// Pages that ship the whole article but fold its second half away behind a "Continue reading"
// button: the rest sits in the same HTML, in a container hidden with `hidden` or an inline
// `display: none`, right after the button. A reader should get all of it, so such a container is
// shown again before anything drops hidden elements. Menus, modals and cookie notices hidden the
// same way stay hidden: they hold no prose, carry a chrome role or name, or follow no such control.

const EXPAND_LABEL = /^(?:continue reading|keep reading|read more|read the (?:rest|full (?:story|article))|read full (?:story|article)|show more|see more|show (?:the )?full (?:story|article)|expand(?: article)?)\b/i;
const CONTROLS = 'button, a, summary, label, [role="button"]';
const INLINE_HIDDEN = /(?:^|;)\s*display\s*:\s*none\b/i;

const isHidden = (element: Element): boolean =>
  element.hasAttribute('hidden') || INLINE_HIDDEN.test(element.getAttribute('style') ?? '') || element.getAttribute('aria-hidden') === 'true';

/** Is `element` (or a short wrapper around it) a "Continue reading" control? */
function isExpandControl(element: Element | null): boolean {
  if (!element) return false;
  const text = normalizeSpace(element.textContent ?? '');
  if (text.length === 0 || text.length > 40 || !EXPAND_LABEL.test(text)) return false;
  return element.matches(CONTROLS) || element.querySelector(CONTROLS) !== null;
}

const inArticleBody = (element: Element): boolean => {
  const parent = element.parentElement;
  if (!parent || parent.closest('[role="dialog"], [role="menu"], [aria-modal="true"], dialog, nav, header, footer, aside')) return false;
  // Prose before the fold: the container continues an article, not a widget.
  return [...parent.children].some((child) => child !== element && !isHidden(child) && proseParagraphs(child) + (child.tagName === 'P' && (child.textContent ?? '').length > 100 ? 1 : 0) > 0);
};

/** Un-hides the folded-away rest of an article; returns how many containers were shown. */
export function revealFoldedText(candidates: Iterable<Element>): number {
  let shown = 0;
  for (const element of candidates) {
    if (!element.hasAttributes() || !isHidden(element)) continue;
    const control = element.previousElementSibling;
    if (!isExpandControl(control) || proseParagraphs(element) === 0) continue;
    if (chromeStrength(element) !== null || !inArticleBody(element)) continue;
    element.removeAttribute('hidden');
    element.removeAttribute('aria-hidden');
    const style = element.getAttribute('style');
    if (style) element.setAttribute('style', style.replace(/display\s*:\s*none\s*(?:!important)?\s*;?/gi, ''));
    control?.remove();
    shown++;
  }
  return shown;
}
