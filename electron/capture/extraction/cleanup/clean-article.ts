import { chromeStrength, isChromeLabel, isOtherArticlesHeading, normalizeSpace } from './boilerplate.ts';
import { removeLeadMetadata, removeDisclosures } from './lead-metadata.ts';
import { removeClosingBoilerplate } from './closing-boilerplate.ts';
import { removeFurnitureLines } from './furniture-lines.ts';
import { linear } from '../math/mathml-text.ts';
import { closestTag, containsTag, elementsByTag, elementsUnder, hasVisibleText, shortTextOf } from '../dom-walk.ts';
import { holdsArticle, pageTotals } from '../prepare-document.ts';

// Tidying Readability's output: it keeps share bars, "related posts" blocks and ad labels
// that sit inside the article container, and leaves empty wrappers behind.

const HEADING = /^H[1-6]$/;
const BLOCK_CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'SPAN', 'FONT', 'CENTER', 'P']);
const MEDIA = new Set(['IMG', 'VIDEO', 'AUDIO', 'PICTURE', 'SVG', 'MATH', 'IFRAME', 'TABLE', 'HR', 'BR']);
const tagSet = (...tags: string[]): ReadonlySet<string> => new Set(tags);
const SECTION_LABELS = tagSet('H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'STRONG', 'B', 'P');
const LABEL_HOLDERS = tagSet('P', 'DIV', 'SPAN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'ASIDE', 'SMALL', 'EM', 'STRONG', 'FIGCAPTION', 'A');
const INLINE_LABELS = tagSet('A', 'SPAN', 'EM', 'STRONG', 'SMALL', 'B', 'I');
const LABEL_KEEPERS = tagSet('IMG', 'VIDEO', 'TABLE');
const VERBATIM = tagSet('PRE', 'CODE', 'TABLE');
const EMPTY_CANDIDATES = tagSet('P', 'DIV', 'SECTION', 'SPAN', 'FIGURE', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'A', 'STRONG', 'EM', 'B', 'I');
const NEVER_KEPT = tagSet('FORM', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'NAV', 'ASIDE', 'FOOTER', 'NOSCRIPT', 'SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'DIALOG');
const FIGURE_CONTENT = tagSet('IMG', 'VIDEO', 'AUDIO', 'TABLE', 'PRE', 'BLOCKQUOTE', 'SVG', 'MATH');
const BLOCK_CHILD_TAGS = tagSet('H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'TABLE', 'PRE', 'UL', 'OL', 'BLOCKQUOTE', 'FIGURE', 'SECTION', 'DL', 'P');
const FIGURES = tagSet('FIGURE');
const MATH = tagSet('MATH');
// Parents in which display maths stands between blocks, not inside a sentence.
const DISPLAY_MATH_PARENTS = tagSet('DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BODY', 'BLOCKQUOTE', 'FIGURE', 'CENTER');
const BYLINE_HOLDERS = tagSet('P', 'DIV', 'SPAN', 'ADDRESS');
// Labels are short: text past this many visible characters is prose, and is not read further.
const MAX_LABEL_CHARS = 60;
// A caption this long is prose of its own.
const PROSE_CAPTION = 150;

const linkText = (element: Element): number =>
  [...element.querySelectorAll('a')].reduce((total, link) => total + normalizeSpace(link.textContent ?? '').length, 0);

const isLinkList = (element: Element): boolean => {
  const text = normalizeSpace(element.textContent ?? '').length;
  return text === 0 ? element.querySelector('img') !== null : linkText(element) / text > 0.5;
};

/** "Related posts" heading followed by link lists: drop the heading and the lists. */
function removeOtherArticleSections(root: Element): void {
  for (const heading of elementsByTag(root, SECTION_LABELS)) {
    const text = shortTextOf(heading, MAX_LABEL_CHARS);
    if (text === null || !isOtherArticlesHeading(text) || normalizeSpace(text).length > MAX_LABEL_CHARS || !root.contains(heading)) continue;
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
  for (const element of elementsByTag(root, LABEL_HOLDERS)) {
    const text = shortTextOf(element, MAX_LABEL_CHARS);
    if (text === null || !isChromeLabel(text)) continue;
    if (!root.contains(element) || containsTag(element, LABEL_KEEPERS) || closestTag(element, VERBATIM) || inSentence(element, text)) continue;
    element.remove();
  }
}

/**
 * "… and <a>follow us</a> for more": an inline label that is only part of its block's text is a
 * word in a sentence. (Symbols such as a heading's "¶" are marks, never words.)
 */
function inSentence(element: Element, text: string): boolean {
  if (!INLINE_LABELS.has(element.tagName.toUpperCase()) || /^[\s¶§#🔗]*$/u.test(text)) return false;
  let block = element.parentElement;
  while (block && INLINE_LABELS.has(block.tagName.toUpperCase())) block = block.parentElement;
  if (!block) return false;
  const whole = shortTextOf(block, MAX_LABEL_CHARS * 4);
  return whole === null || normalizeSpace(whole).length > normalizeSpace(text).length + 3;
}

function removeEmptyElements(root: Element): void {
  const candidates = elementsByTag(root, EMPTY_CANDIDATES);
  // Deepest first, so a wrapper emptied by its children's removal goes too.
  for (const element of candidates.reverse()) {
    if (hasVisibleText(element) || MEDIA.has(element.tagName.toUpperCase()) || containsTag(element, MEDIA) || !root.contains(element)) continue;
    const text = element.textContent ?? '';
    // "that<em> </em>regulations": a blank inline element is the only space between two words.
    if (text !== '') element.replaceWith(root.ownerDocument.createTextNode(' '));
    else element.remove();
  }
}

/** A <figure> whose image was dropped keeps nothing worth reading but a short caption. */
function removeImagelessFigures(root: Element): void {
  for (const figure of elementsByTag(root, FIGURES)) {
    // A slide whose media is an embed (<amp-instagram>) may carry the story in its caption.
    if (!containsTag(figure, FIGURE_CONTENT) && shortTextOf(figure, PROSE_CAPTION) !== null) figure.remove();
  }
}

/** Div soup to plain blocks: a container holding only blocks is replaced by its children. */
function unwrapContainers(root: Element): void {
  // Readability creates its wrappers as "DIV", which linkedom's selectors do not match by tag.
  const containers = elementsByTag(root, BLOCK_CONTAINERS);
  for (const element of containers.reverse()) {
    if (!root.contains(element)) continue;
    const parent = element.parentNode;
    if (!parent) continue;
    const hasLooseText = [...element.childNodes].some((node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '');
    const isInline = /^(?:SPAN|FONT)$/i.test(element.tagName);
    if (hasLooseText && !isInline) continue;
    // A <p> is unwrapped only when it wraps blocks (invalid HTML the sanitiser would split badly).
    if (element.tagName.toUpperCase() === 'P' && !containsTag(element, BLOCK_CHILD_TAGS)) continue;
    while (element.firstChild) parent.insertBefore(element.firstChild, element);
    element.remove();
  }
}

/** The byline is shown from metadata; the same line repeated at the top of the body goes. */
function removeBylineLine(root: Element, byline: string | null): void {
  if (!byline) return;
  const wanted = normalizeSpace(byline).toLowerCase();
  const blocks = elementsByTag(root, BYLINE_HOLDERS).slice(0, 8);
  for (const block of blocks) {
    const text = normalizeSpace(block.textContent ?? '').toLowerCase().replace(/^(?:by|written by|posted by)\s+/, '');
    if (text === wanted && !block.querySelector('img')) {
      block.remove();
      return;
    }
  }
}

export function cleanArticle(root: Element, title: string | null, byline: string | null = null, siteName: string | null = null): void {
  const totals = pageTotals(root);
  const elements = elementsUnder(root);
  for (const element of elements) {
    const strength = chromeStrength(element);
    if (strength && root.contains(element) && !holdsArticle(element, strength, totals)) element.remove();
  }
  flattenMath(root);
  for (const element of elementsByTag(root, NEVER_KEPT)) element.remove();
  removeOtherArticleSections(root);
  removeChromeLabels(root);
  removeDisclosures(root);
  removeLeadMetadata(root, siteName);
  removeClosingBoilerplate(root);
  // After the lead metadata strip, which a date line inside it identifies.
  // (Math flattened above is text in new elements, never furniture: the first list will do.)
  removeFurnitureLines(root, elements.filter((element) => root.contains(element)));
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
  for (const math of elementsByTag(root, MATH)) {
    const tex = math.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim();
    for (const annotation of math.querySelectorAll('annotation, annotation-xml')) annotation.remove();
    const text = tex ?? math.getAttribute('alttext') ?? linear(math);
    const replacement = root.ownerDocument.createElement(tex ? 'code' : 'span');
    replacement.textContent = text;
    // Display maths sitting between paragraphs is a paragraph of its own; inside one, it flows.
    const ownBlock = math.getAttribute('display') === 'block' && DISPLAY_MATH_PARENTS.has(math.parentElement?.tagName.toUpperCase() ?? '');
    const block = ownBlock ? root.ownerDocument.createElement('p') : replacement;
    if (ownBlock) block.appendChild(replacement);
    math.replaceWith(block);
    spaceFromWords(block);
  }
}

/** A formula is its own box in a browser; as text it must not run into the word beside it. */
function spaceFromWords(element: Element): void {
  const { previousSibling: before, nextSibling: after } = element;
  if (before?.nodeType === 3 && /[\p{L}\p{N}]$/u.test(before.textContent ?? '')) before.textContent += ' ';
  if (after?.nodeType === 3 && /^[\p{L}\p{N}]/u.test(after.textContent ?? '')) after.textContent = ` ${after.textContent ?? ''}`;
}

/** The reader shows the title itself; a leading heading repeating it is noise. */
function removeDuplicateTitle(root: Element, title: string | null): void {
  if (!title) return;
  const firstBlock = root.querySelector('p, h1, h2, h3, li, blockquote, pre, figure, table');
  if (!firstBlock || (firstBlock.tagName !== 'H1' && firstBlock.tagName !== 'H2')) return;
  const normalize = (text: string) => normalizeSpace(text).toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '');
  if (normalize(firstBlock.textContent ?? '') === normalize(title)) firstBlock.remove();
}
