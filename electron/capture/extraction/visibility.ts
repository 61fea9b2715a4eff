// What a browser would not show, judged from the markup alone (nothing reads the stylesheets):
// the same test Readability applies, so a fallback that skips our preparation hides what it hides.

const INLINE_DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\b/i;
const INLINE_VISIBILITY_HIDDEN = /(?:^|;)\s*visibility\s*:\s*hidden\b/i;

export function isProbablyHidden(element: Element): boolean {
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  if (style && (INLINE_DISPLAY_NONE.test(style) || INLINE_VISIBILITY_HIDDEN.test(style))) return true;
  // Wikimedia hides a formula's fallback image from screen readers; it is still shown.
  return element.getAttribute('aria-hidden') === 'true' && !(element.getAttribute('class') ?? '').includes('fallback-image');
}

/** Is `element`, or one of its ancestors below `root`, hidden? */
export function isHiddenWithin(element: Element, root: Element): boolean {
  for (let node: Element | null = element; node && node !== root; node = node.parentElement) if (isProbablyHidden(node)) return true;
  return false;
}
