// Tree walks that stand in for selector queries on hot paths. linkedom compiles a CSS selector
// on every querySelector/closest/matches call and reads a subtree's whole text for textContent;
// run once per element of a page, that is most of the time extraction spends outside parsing.

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** The element after `element` in document order, staying inside `root`; null at the end. */
function nextElement(element: Element, root: Element | Document): Element | null {
  // A <template>'s content is inert, and selector queries skip it too.
  const child = element.tagName.toUpperCase() === 'TEMPLATE' ? null : element.firstElementChild;
  if (child) return child;
  for (let node: Element | null = element; node && node !== root; node = node.parentElement) {
    const sibling = node.nextElementSibling;
    if (sibling) return sibling;
    if (node.parentNode === root) return null;
  }
  return null;
}

/**
 * Every element under `root` (not `root` itself), in document order. The universal selector
 * compiles to nothing, and linkedom's own loop over its node list is faster than any walk by
 * child and sibling.
 */
export const elementsUnder = (root: Element | Document): Element[] => Array.from(root.querySelectorAll('*'));

/** A page's elements, listed once: in document order, and by tag (upper case). */
export interface ElementIndex {
  all: Element[];
  byTag: Map<string, Element[]>;
}

export function indexElements(root: Element | Document): ElementIndex {
  const all = elementsUnder(root);
  const byTag = new Map<string, Element[]>();
  for (const element of all) {
    const tag = element.tagName.toUpperCase();
    const list = byTag.get(tag);
    if (list) list.push(element);
    else byTag.set(tag, [element]);
  }
  return { all, byTag };
}

/** The indexed elements inside `container` (itself an indexed element), in document order. */
export function indexedWithin(index: ElementIndex, container: Element): Element[] {
  const start = index.all.indexOf(container);
  if (start < 0) return elementsUnder(container);
  // A subtree is contiguous in document order: it ends where the next element outside it starts.
  let after: Element | null = null;
  for (let node: Element | null = container; node && !after; node = node.parentElement) after = node.nextElementSibling;
  const end = after ? index.all.indexOf(after, start) : -1;
  return index.all.slice(start + 1, end < 0 ? undefined : end);
}

/** Elements under `root` whose tag (upper case) is in `tags`, in document order. */
export const elementsByTag = (root: Element | Document, tags: ReadonlySet<string>): Element[] =>
  elementsUnder(root).filter((element) => tags.has(element.tagName.toUpperCase()));

/** Does `root` hold an element (itself excluded) whose tag is in `tags`? */
export function containsTag(root: Element, tags: ReadonlySet<string>): boolean {
  for (let element = root.firstElementChild; element; element = nextElement(element, root)) {
    if (tags.has(element.tagName.toUpperCase())) return true;
  }
  return false;
}

/** The nearest ancestor (or `element` itself) whose tag is in `tags`. */
export function closestTag(element: Element, tags: ReadonlySet<string>): Element | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (tags.has(node.tagName.toUpperCase())) return node;
  }
  return null;
}

const isText = (node: Node): boolean => node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE;

/**
 * The element's text when it has at most `maxVisible` non-space characters, else null: a
 * label test needs no more than that, and stops reading a long paragraph early.
 */
export function shortTextOf(root: Element, maxVisible: number): string | null {
  let text = '';
  let visible = 0;
  let node: Node | null = root.firstChild;
  while (node) {
    if (isText(node)) {
      const value = node.nodeValue ?? '';
      text += value;
      // Zero-width characters (a heading permalink's only "text") show nothing either.
      visible += value.replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '').length;
      if (visible > maxVisible) return null;
    }
    node = nextNode(node, root);
  }
  return text;
}

/** Does the element hold any text other than white space? */
export const hasVisibleText = (root: Element): boolean => shortTextOf(root, 0) === null;

function nextNode(node: Node, root: Node): Node | null {
  if (node.nodeType === ELEMENT_NODE && node.firstChild) return node.firstChild;
  for (let current: Node | null = node; current && current !== root; current = current.parentNode) {
    if (current.nextSibling) return current.nextSibling;
    if (current.parentNode === root) return null;
  }
  return null;
}

const NOT_SPACE = /\S/;
const CONTROL_TAGS = new Set(['OPTION', 'SELECT', 'TEXTAREA', 'BUTTON', 'SCRIPT', 'STYLE', 'TEMPLATE']);

/**
 * Characters of text under `root` outside links, leaving out form controls' text too (a country
 * list in a sign-up form is not the page's words) and the white space between tags, which
 * indentation makes most of a page's text nodes. Counted without copying any text.
 */
export function nonLinkTextLength(root: Element): number {
  let total = 0;
  const walk = (element: Element, inLink: boolean): void => {
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (isText(node)) {
        const value = node.nodeValue ?? '';
        if (!inLink && NOT_SPACE.test(value)) total += value.length;
      } else if (node.nodeType === ELEMENT_NODE) {
        const tag = (node as Element).tagName.toUpperCase();
        if (!CONTROL_TAGS.has(tag)) walk(node as Element, inLink || tag === 'A');
      }
    }
  };
  walk(root, false);
  return total;
}
