import { chromeStrength, isChromeLabel, isOtherArticlesHeading, normalizeSpace } from './boilerplate.ts';
import { holdsArticle } from './prepare-document.ts';

// Tidying Readability's output: it keeps share bars, "related posts" blocks and ad labels
// that sit inside the article container, and leaves empty wrappers behind.

const HEADING = /^H[1-6]$/;
const BLOCK_CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'SPAN', 'FONT', 'CENTER', 'P']);
const BLOCK_CHILDREN = 'h1, h2, h3, h4, h5, h6, div, table, pre, ul, ol, blockquote, figure, section, dl, p';
const MEDIA = 'img, video, audio, picture, svg, math, iframe, table, hr, br';

const linkText = (element: Element): number =>
  [...element.querySelectorAll('a')].reduce((total, link) => total + normalizeSpace(link.textContent ?? '').length, 0);

const isLinkList = (element: Element): boolean => {
  const text = normalizeSpace(element.textContent ?? '').length;
  return text === 0 ? element.querySelector('img') !== null : linkText(element) / text > 0.5;
};

/** "Related posts" heading followed by link lists: drop the heading and the lists. */
function removeOtherArticleSections(root: Element): void {
  for (const heading of [...root.querySelectorAll('h1, h2, h3, h4, h5, h6, strong, b, p')]) {
    if (!root.contains(heading) || !isOtherArticlesHeading(heading.textContent ?? '')) continue;
    if (normalizeSpace(heading.textContent ?? '').length > 60) continue;
    // A bold label inside a paragraph stands for the paragraph.
    const block = heading.tagName === 'STRONG' || heading.tagName === 'B' ? heading.parentElement : heading;
    if (!block || block === root || !isLabelOnly(block, heading)) continue;
    let next = block.nextElementSibling;
    while (next && !HEADING.test(next.tagName) && isLinkList(next)) {
      const following = next.nextElementSibling;
      next.remove();
      next = following;
    }
    block.remove();
  }
}

const isLabelOnly = (block: Element, label: Element): boolean =>
  normalizeSpace(block.textContent ?? '') === normalizeSpace(label.textContent ?? '') || block === label;

function removeChromeLabels(root: Element): void {
  // `a` too: heading permalinks ("¶", "#") are links whose whole text is a symbol.
  for (const element of [...root.querySelectorAll('p, div, span, h1, h2, h3, h4, h5, h6, li, ul, aside, small, em, strong, figcaption, a')]) {
    if (!root.contains(element) || element.querySelector('img, video, table') || element.closest('pre, code, table')) continue;
    if (isChromeLabel(element.textContent ?? '')) element.remove();
  }
}

function removeEmptyElements(root: Element): void {
  const candidates = [...root.querySelectorAll('p, div, section, span, figure, li, ul, ol, blockquote, h1, h2, h3, h4, h5, h6, a, strong, em, b, i')];
  // Deepest first, so a wrapper emptied by its children's removal goes too.
  for (const element of candidates.reverse()) {
    if (!root.contains(element)) continue;
    const text = element.textContent ?? '';
    if (text.trim() !== '') continue;
    if (element.matches(MEDIA) || element.querySelector(MEDIA)) continue;
    // "that<em> </em>regulations": a blank inline element is the only space between two words.
    if (text !== '') element.replaceWith(root.ownerDocument.createTextNode(' '));
    else element.remove();
  }
}

/** A <figure> whose image was dropped keeps nothing worth reading but its caption. */
function removeImagelessFigures(root: Element): void {
  for (const figure of [...root.querySelectorAll('figure')]) {
    if (figure.querySelector('img, video, audio, table, pre, blockquote, svg, math')) continue;
    figure.remove();
  }
}

/** Div soup to plain blocks: a container holding only blocks is replaced by its children. */
function unwrapContainers(root: Element): void {
  // Readability creates its wrappers as "DIV", which linkedom's selectors do not match by tag.
  const containers = [...root.querySelectorAll('*')].filter((element) => BLOCK_CONTAINERS.has(element.tagName.toUpperCase()));
  for (const element of containers.reverse()) {
    if (!root.contains(element)) continue;
    const parent = element.parentNode;
    if (!parent) continue;
    const hasLooseText = [...element.childNodes].some((node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '');
    const isInline = /^(?:SPAN|FONT)$/i.test(element.tagName);
    if (hasLooseText && !isInline) continue;
    // A <p> is unwrapped only when it wraps blocks (invalid HTML the sanitiser would split badly).
    if (element.tagName.toUpperCase() === 'P' && !element.querySelector(BLOCK_CHILDREN)) continue;
    while (element.firstChild) parent.insertBefore(element.firstChild, element);
    element.remove();
  }
}

/** The byline is shown from metadata; the same line repeated at the top of the body goes. */
function removeBylineLine(root: Element, byline: string | null): void {
  if (!byline) return;
  const wanted = normalizeSpace(byline).toLowerCase();
  const blocks = [...root.querySelectorAll('p, div, span, address')].slice(0, 8);
  for (const block of blocks) {
    const text = normalizeSpace(block.textContent ?? '').toLowerCase().replace(/^(?:by|written by|posted by)\s+/, '');
    if (text === wanted && !block.querySelector('img')) {
      block.remove();
      return;
    }
  }
}

export function cleanArticle(root: Element, title: string | null, byline: string | null = null): void {
  const totalText = (root.textContent ?? '').length || 1;
  for (const element of [...root.querySelectorAll('[class], [id], [role]')]) {
    if (!root.contains(element)) continue;
    const strength = chromeStrength(element);
    if (strength && !holdsArticle(element, strength, totalText)) element.remove();
  }
  flattenMath(root);
  for (const element of [...root.querySelectorAll('form, button, input, select, textarea, nav, aside, footer, noscript, script, style, template, iframe, object, embed, dialog')]) {
    element.remove();
  }
  removeOtherArticleSections(root);
  removeChromeLabels(root);
  removeImagelessFigures(root);
  removeDuplicateTitle(root, title);
  removeBylineLine(root, byline);
  removeEmptyElements(root);
  unwrapContainers(root);
}

/**
 * MathML is where HTML sanitisers and browsers disagree about parsing (the mXSS family), so
 * formulas are kept as their text: the TeX source when the page ships it, else the symbols.
 */
function flattenMath(root: Element): void {
  for (const math of [...root.querySelectorAll('math')]) {
    const tex = math.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim();
    for (const annotation of math.querySelectorAll('annotation, annotation-xml')) annotation.remove();
    const text = tex ?? math.getAttribute('alttext') ?? (math.textContent ?? '').replace(/\s+/g, ' ').trim();
    const replacement = root.ownerDocument.createElement(tex ? 'code' : 'span');
    replacement.textContent = text;
    math.replaceWith(replacement);
  }
}

/** The reader shows the title itself; a leading heading repeating it is noise. */
function removeDuplicateTitle(root: Element, title: string | null): void {
  if (!title) return;
  const firstBlock = root.querySelector('p, h1, h2, h3, li, blockquote, pre, figure, table');
  if (!firstBlock || (firstBlock.tagName !== 'H1' && firstBlock.tagName !== 'H2')) return;
  const normalize = (text: string) => normalizeSpace(text).toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '');
  if (normalize(firstBlock.textContent ?? '') === normalize(title)) firstBlock.remove();
}
