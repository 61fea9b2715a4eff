import { normalizeSpace } from './cleanup/boilerplate.ts';

// A second way to find an article, independent of Readability's class-name hints and scoring:
// by text and link density. Every piece of text belongs to its nearest block (a paragraph, a
// list item, a cell, a div with loose text). A block of sentences with few links is article
// text; a block that is mostly links, or a short line, is not. The article is the element whose
// subtree holds the most article text for the least of the rest: good minus bad, over subtrees.
// One walk over the page, then one walk up from each block.

const BLOCKS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'DD', 'DT', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'FIGCAPTION', 'CAPTION',
  'ADDRESS', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'TABLE', 'UL', 'OL', 'DL', 'FIGURE', 'BODY',
  'CENTER', 'FORM', 'NAV', 'DETAILS', 'SUMMARY',
]);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'SELECT', 'OPTION', 'BUTTON']);
// Containers sites put the article body in: a stronger claim than a density that happens to win.
const BODY_MARK = /(?:^|[\s_-])(?:article|entry|post|story|news|blog|page|main|text|content|body|rich|richtext|field)[-_]?(?:body|content|text|inner|copy|detail|main)(?:$|[\s_-])|\barticle(?:body|content|text)\b|\bprose\b|\bcontent-body\b/i;
const ARTICLE_TAGS = new Set(['ARTICLE', 'MAIN']);

const MIN_GOOD_CHARS = 80;
const MAX_GOOD_LINK_DENSITY = 0.35;
// Text that is neither: counts against a container at this weight.
const BAD_WEIGHT = 0.6;
const SENTENCE = /[.!?…。！？:;»"”)]\s|[.!?…。！？"”»]$/u;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const CJK_ALL = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

/** Visible characters, a Chinese, Japanese or Korean one counting as three: it says about a word. */
function weightedLength(text: string): number {
  const length = text.replace(/\s+/g, ' ').trim().length;
  return CJK.test(text) ? length + 2 * (text.match(CJK_ALL)?.length ?? 0) : length;
}

interface Block {
  element: Element;
  chars: number;
  linkChars: number;
}

export interface FoundContent {
  /** The element chosen as the article, inside the document it was found in. */
  element: Element;
  /** Characters of article-like text in it. */
  goodChars: number;
  /** Characters of the rest in it (link lists, short lines). */
  badChars: number;
}

const isGood = (block: Block, text: string): boolean =>
  block.chars >= MIN_GOOD_CHARS && block.linkChars / block.chars <= MAX_GOOD_LINK_DENSITY && (SENTENCE.test(text) || block.chars >= 2 * MIN_GOOD_CHARS);

/** Text length of every block under `root`, with how much of it sits inside links. */
function measureBlocks(root: Element): Map<Element, Block> {
  const blocks = new Map<Element, Block>();
  const walk = (element: Element, block: Block, inLink: boolean): void => {
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const length = weightedLength(node.nodeValue ?? '');
        if (length === 0) continue;
        block.chars += length;
        if (inLink) block.linkChars += length;
      } else if (node.nodeType === 1) {
        const child = node as Element;
        const tag = child.tagName.toUpperCase();
        if (SKIPPED.has(tag)) continue;
        if (BLOCKS.has(tag)) {
          const own: Block = { element: child, chars: 0, linkChars: 0 };
          blocks.set(child, own);
          walk(child, own, inLink);
        } else {
          walk(child, block, inLink || tag === 'A');
        }
      }
    }
  };
  const top: Block = { element: root, chars: 0, linkChars: 0 };
  blocks.set(root, top);
  walk(root, top, false);
  return blocks;
}

const blockText = (element: Element): string => {
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    else if (node.nodeType === 1 && !BLOCKS.has((node as Element).tagName.toUpperCase())) text += (node as Element).textContent ?? '';
  }
  return normalizeSpace(text);
};

const marked = (element: Element): boolean =>
  ARTICLE_TAGS.has(element.tagName.toUpperCase()) || (element.hasAttributes() && ((element.getAttribute('itemprop') ?? '').includes('articleBody') || BODY_MARK.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)));

/** The element under `root` that holds the page's article by density, or null when none reads as prose. */
export function findContent(root: Element): FoundContent | null {
  const blocks = measureBlocks(root);
  const good = new Map<Element, number>();
  const bad = new Map<Element, number>();
  let anyGood = false;
  for (const block of blocks.values()) {
    if (block.chars === 0) continue;
    const isArticleText = isGood(block, blockText(block.element));
    anyGood ||= isArticleText;
    const totals = isArticleText ? good : bad;
    for (let node: Element | null = block.element; node; node = node === root ? null : node.parentElement) {
      totals.set(node, (totals.get(node) ?? 0) + block.chars);
    }
  }
  if (!anyGood) return null;
  let best: FoundContent | null = null;
  let bestScore = 0;
  for (const [element, goodChars] of good) {
    const badChars = bad.get(element) ?? 0;
    // A container the site marks as the article body wins a near tie.
    const score = (goodChars - BAD_WEIGHT * badChars) * (marked(element) ? 1.15 : 1);
    if (score > bestScore || (score === bestScore && best && best.element.contains(element))) {
      best = { element, goodChars, badChars };
      bestScore = score;
    }
  }
  return best;
}

/** Link lists and other blocks with no article text in them, inside the found element, go. */
export function pruneFound(found: Element): void {
  const blocks = measureBlocks(found);
  const hasGood = new Set<Element>();
  for (const block of blocks.values()) {
    if (block.chars === 0 || !isGood(block, blockText(block.element))) continue;
    for (let node: Element | null = block.element; node && node !== found; node = node.parentElement) hasGood.add(node);
  }
  for (const child of [...found.querySelectorAll('ul, ol, div, section, aside, table, nav, footer, header, form')]) {
    if (hasGood.has(child) || !found.contains(child) || child.querySelector('img, picture, video, pre, math')) continue;
    const text = normalizeSpace(child.textContent ?? '');
    if (text.length === 0) continue;
    const links = [...child.querySelectorAll('a')].reduce((sum, a) => sum + normalizeSpace(a.textContent ?? '').length, 0);
    if (links / text.length > 0.5) child.remove();
  }
}

/** The article-like blocks under `root` (blocks of sentences with few links), as their text. */
export function articleBlocks(root: Element): string[] {
  const texts: string[] = [];
  for (const block of measureBlocks(root).values()) {
    if (block.chars === 0) continue;
    const text = blockText(block.element);
    if (isGood(block, text)) texts.push(text);
  }
  return texts;
}
