import { parseHTML } from 'linkedom';
import { chooseFromSrcset, isPlaceholderSrc, lazySourceOf } from './image-sources.ts';
import { chromeStrength, normalizeSpace, proseChars, proseParagraphs } from './cleanup/boilerplate.ts';
import { elementsUnder, indexElements, indexedWithin, nonLinkTextLength, type ElementIndex } from './dom-walk.ts';
import { revealFoldedText } from './reveal-hidden.ts';
import { isProbablyHidden } from './visibility.ts';
import { unrenderMath } from './math/rendered-math.ts';
import { repairForeignContent } from './foreign-content.ts';

// Work done on the parsed page before Readability sees it: fix the base URL, turn lazily
// loaded images into real ones (Readability scores and keeps what has a src), and drop the
// chrome that Readability is known to let through.

/**
 * linkedom builds the tree from the markup as written: a fragment without <html>/<body> would
 * make its first tag the document element. Such pages are wrapped first, as a browser would.
 */
export function parseDocument(html: string): Document {
  const document = parseTree(dropLeadingJunk(html));
  repairForeignContent(document, html);
  return document;
}

function parseTree(html: string): Document {
  if (/<body[\s>]/i.test(html) && /<html[\s>]/i.test(html)) {
    // (Either tag may stand in a script's string only: then the tree has no <html> root.)
    const document = parseHTML(html).document;
    if (document.documentElement?.tagName.toUpperCase() === 'HTML' && document.body) return moveBodyOutOfHead(document);
  }
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
  const inner = html.replace(/<!doctype[^>]*>|<\/?(?:html|body)\b[^>]*>/gi, '');
  // A page without <body> may still write its own <head>, closed or not: that goes first.
  const headEnd = /^\s*<head\b/i.test(inner) ? inner.search(/<\/head\s*>/i) : -1;
  const head = headEnd < 0 ? (/^\s*<head\b/i.test(inner) ? inner : '<head></head>') : inner.slice(0, headEnd);
  const rest = headEnd < 0 ? (head === inner ? '' : inner) : inner.slice(headEnd).replace(/^<\/head\s*>/i, '');
  return moveBodyOutOfHead(parseHTML(`<!doctype html>${htmlTag}${head}</head><body>${rest}</body></html>`).document);
}

/**
 * Text before the document starts (a PHP warning above <!DOCTYPE>) is dropped: a browser would
 * show it above the page, and linkedom would make it the document.
 */
function dropLeadingJunk(html: string): string {
  const start = html.search(/<!doctype|<html[\s>]/i);
  return start > 0 && /<[a-z]/i.test(html.slice(0, start)) ? html.slice(start) : html;
}

/**
 * A CMS that pastes a whole page into its article leaves a second <html>, <head> or <body>
 * inside the body. A browser's tree builder ignores those tags and keeps what they hold;
 * linkedom nests them, and a second <body> confuses every reader of the tree.
 */
function unwrapNestedDocuments(document: Document, index: ElementIndex): void {
  const body = document.body;
  const nested = ['HTML', 'HEAD', 'BODY'].flatMap((tag) => (index.byTag.get(tag) ?? []).slice(1));
  for (const element of nested) if (body && element !== body && body.contains(element)) element.replaceWith(...element.childNodes);
}

const HEAD_TAGS = new Set(['META', 'LINK', 'TITLE', 'STYLE', 'SCRIPT', 'BASE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * A browser ends <head> at the first element that cannot be in it (a page that never writes
 * </head> or <body>); linkedom keeps it open, and the whole page lands in <head>. Such an
 * element and everything after it in <head> move to the start of <body>.
 */
function moveBodyOutOfHead(document: Document): Document {
  const head = document.head;
  const body = document.body;
  if (!head || !body) return document;
  const stray = [...head.children].find((child) => !HEAD_TAGS.has(child.tagName.toUpperCase()));
  if (!stray) return document;
  const moved: ChildNode[] = [];
  for (let node: ChildNode | null = stray; node; node = node.nextSibling) moved.push(node);
  body.prepend(...moved);
  return document;
}

/** The URL relative links resolve against: the page's own <base href>, resolved, else the page URL. */
export function resolveBase(bases: Element[], pageUrl: string): string {
  const declared = bases.find((element) => element.hasAttribute('href'))?.getAttribute('href');
  if (declared) {
    try {
      const resolved = new URL(declared.trim(), pageUrl);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return resolved.href;
    } catch {
      // an invalid <base> is ignored, as browsers do
    }
  }
  return pageUrl;
}

/** Sets exactly one <base href> (see resolveBase) and returns it. */
export function installBase(document: Document, pageUrl: string, bases = indexElements(document).byTag.get('BASE') ?? []): string {
  const base = resolveBase(bases, pageUrl);
  for (const element of bases) element.remove();
  const baseElement = document.createElement('base');
  baseElement.setAttribute('href', base);
  const head = document.head ?? document.documentElement;
  head?.insertBefore(baseElement, head.firstChild);
  return base;
}

const absolute = (value: string, base: string): string => {
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return value;
  }
};

function resolveImage(img: Element, base: string): void {
  const src = img.getAttribute('src');
  const lazy = lazySourceOf((name) => img.getAttribute(name), img.getAttributeNames());
  const srcset = img.getAttribute('srcset');
  const chosen = lazy && isPlaceholderSrc(src) ? lazy : srcset ? chooseFromSrcset(srcset) ?? src : src;
  if (chosen && !isPlaceholderSrc(chosen)) img.setAttribute('src', absolute(chosen, base));
  img.removeAttribute('srcset');
  img.removeAttribute('sizes');
}

const SUPPORTED_SOURCE_TYPES = /^image\/(?:avif|webp|jpeg|jpg|png|gif|svg\+xml)$/i;

/** Collapses <picture> into its <img>, picking the first usable <source> a desktop would. */
function resolvePicture(picture: Element, base: string): void {
  const img = picture.querySelector('img');
  if (!img) {
    picture.remove();
    return;
  }
  const sources = [...picture.querySelectorAll('source')].filter((source) => {
    const type = source.getAttribute('type');
    return !type || SUPPORTED_SOURCE_TYPES.test(type.trim());
  });
  // Small-screen variants are often cropped; prefer sources without a max-width query.
  const preferred = sources.find((source) => !/max-width/i.test(source.getAttribute('media') ?? '')) ?? sources[0];
  const srcset = preferred?.getAttribute('srcset') ?? preferred?.getAttribute('data-srcset');
  const chosen = srcset ? chooseFromSrcset(srcset) : null;
  if (chosen && (isPlaceholderSrc(img.getAttribute('src')) || !img.getAttribute('srcset'))) {
    img.setAttribute('src', absolute(chosen, base));
    img.removeAttribute('srcset');
  } else {
    resolveImage(img, base);
  }
  picture.replaceWith(img);
}

/**
 * Lazy-loaders often ship the real <img> inside <noscript> next to a placeholder. Swap the
 * placeholder for it; one that holds prose is the article for readers without script; any
 * other <noscript> is "please enable JavaScript" filler and goes.
 */
function resolveNoscript(noscript: Element, proseElsewhere: boolean): void {
  // Blogger's dynamic views ship the post only inside <noscript>, for readers without script;
  // a page with prose of its own has "please enable JavaScript" paragraphs there instead.
  if (!proseElsewhere && proseParagraphs(noscript) >= 2) {
    noscript.replaceWith(...noscript.childNodes);
    return;
  }
  const images = noscript.querySelectorAll('img');
  const onlyImage = images.length === 1 && (noscript.textContent ?? '').trim() === '' ? images[0] : undefined;
  if (!onlyImage) {
    noscript.remove();
    return;
  }
  const previous = noscript.previousElementSibling;
  const placeholder = previous?.tagName === 'IMG' ? previous : previous?.querySelector('img') ?? null;
  if (placeholder) {
    const placeholderIsReal = !isPlaceholderSrc(placeholder.getAttribute('src'));
    if (placeholderIsReal) {
      noscript.remove();
      return;
    }
    placeholder.replaceWith(onlyImage);
    noscript.remove();
    return;
  }
  noscript.replaceWith(onlyImage);
}

// Never useful in a saved article, and some (forms, dialogs) carry text Readability keeps.
const ALWAYS_REMOVE_TAGS = new Set(['SCRIPT', 'STYLE', 'LINK', 'TEMPLATE', 'FORM', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'DIALOG', 'NAV']);
const ALWAYS_REMOVE_ROLES = new Set(['navigation', 'dialog', 'alertdialog', 'search']);
// Most elements have no attributes at all, and attribute reads walk a list: that test comes first.
const isAlwaysRemoved = (element: Element): boolean =>
  ALWAYS_REMOVE_TAGS.has(element.tagName.toUpperCase()) || (element.hasAttributes() && (ALWAYS_REMOVE_ROLES.has(element.getAttribute('role') ?? '')
  || element.getAttribute('aria-modal') === 'true' || element.hasAttribute('hidden')));

/**
 * ASP.NET and some CMSs wrap the whole page in one <form>: that form is the page, not a widget,
 * and only its wrapper goes. So does a form left open (by a mistake or a hostile payload) that
 * runs on over the article's paragraphs: a widget never holds three of them. Any other form
 * (search, comment, newsletter) goes whole.
 */
function removeUnlessPage(element: Element, totals: PageTotals, removed: Removed): void {
  const isForm = element.tagName.toUpperCase() === 'FORM';
  const isPage = isForm && ((element.querySelector('h1, main, article, [itemprop~="articleBody"]') !== null && nonLinkTextLength(element) >= totals.words() * 0.5) || proseParagraphs(element) >= 3);
  if (isPage) element.replaceWith(...element.childNodes);
  else remove(element, removed);
}

/** What preparation took away, in prose characters: a large share makes its choices worth checking. */
interface Removed {
  prose: number;
}

function remove(element: Element, removed: Removed): void {
  if (element.firstElementChild) removed.prose += proseChars(element);
  element.remove();
}

/**
 * How much of the page to take away: `full` drops chrome by tag, role and name; `light` only
 * fixes what any reader needs (base URL, lazy images, maths, runaway nesting) and drops scripts
 * and styles, for the fallbacks that must not inherit a mistake of the chrome removal.
 */
export type Preparation = 'full' | 'light';

const LIGHT_REMOVE_TAGS = new Set(['SCRIPT', 'STYLE', 'LINK', 'TEMPLATE']);

/**
 * `index` lists the untouched page's elements (the one walk metadata reading shares); a step
 * that detaches some leaves the rest of the list valid, and work on a detached one is harmless.
 */
export interface Prepared {
  /** The URL relative links resolve against. */
  base: string;
  /** Characters of prose paragraphs the preparation removed with the elements around them. */
  removedProse: number;
}

export function prepareDocument(document: Document, pageUrl: string, index: ElementIndex = indexElements(document), preparation: Preparation = 'full'): Prepared {
  const tagged = (tag: string): Element[] => index.byTag.get(tag) ?? [];
  unwrapNestedDocuments(document, index);
  const base = installBase(document, pageUrl, tagged('BASE'));
  unrenderMath(document, index);
  const noscripts = tagged('NOSCRIPT');
  const noscriptProse = noscripts.reduce((sum, noscript) => sum + proseParagraphs(noscript), 0);
  const proseElsewhere = noscriptProse < 2 || proseParagraphs(document.body ?? document.documentElement) > noscriptProse + 1;
  for (const noscript of noscripts) resolveNoscript(noscript, proseElsewhere);
  for (const picture of tagged('PICTURE')) resolvePicture(picture, base);
  for (const img of tagged('IMG')) resolveImage(img, base);
  const body = document.body;
  const removed: Removed = { prose: 0 };
  if (!body) return { base, removedProse: 0 };
  flattenDeepNesting(body, indexedWithin(index, body));
  const inBody = indexedWithin(index, body);
  revealFoldedText(inBody);
  if (preparation === 'light') {
    for (const element of inBody) if (LIGHT_REMOVE_TAGS.has(element.tagName.toUpperCase()) || isProbablyHidden(element)) element.remove();
    return { base, removedProse: 0 };
  }
  const totals = pageTotals(body);
  for (const element of inBody) if (isAlwaysRemoved(element)) removeUnlessPage(element, totals, removed);
  removeBoilerplate(body, inBody, totals, removed);
  for (const pre of tagged('PRE')) unwrapCodeBlock(pre);
  return { base, removedProse: removed.prose };
}

// Browsers stop nesting elements at 512 levels; linkedom and Readability recurse once per
// level and run out of stack a few thousand levels down. Real articles nest a few dozen deep.
const MAX_NESTING = 256;

/**
 * A hostile page can nest elements thousands deep to crash the extractor. Below the limit
 * an element keeps its text and loses its inner markup (nothing real lives that deep).
 */
function flattenDeepNesting(body: Element, elements: Element[]): void {
  const depths = new Map<Element, number>([[body, 0]]);
  for (const element of elements) {
    const depth = (depths.get(element.parentElement as Element) ?? MAX_NESTING) + 1;
    if (depth < MAX_NESTING) {
      depths.set(element, depth);
    } else if (depth === MAX_NESTING && element.firstElementChild) {
      element.textContent = element.textContent ?? '';
    }
  }
}

/**
 * Highlighters wrap each <pre> in divs of their own ("codeBlockContent", "highlight"); a class
 * word like "content" makes Readability score such a wrapper above the article around it, and
 * keep one code block instead of the page. The wrappers say nothing a reader sees: they go.
 */
function unwrapCodeBlock(pre: Element): void {
  const text = normalizeSpace(pre.textContent ?? '');
  let outer: Element = pre;
  for (let parent = pre.parentElement; parent?.tagName.toUpperCase() === 'DIV'; parent = parent.parentElement) {
    if (normalizeSpace(parent.textContent ?? '') !== text) break;
    outer = parent;
  }
  if (outer !== pre) outer.replaceWith(pre);
}

/** Removes elements whose class/id say they are page chrome, unless they hold the page's text. */
export function removeBoilerplate(root: Element, elements = elementsUnder(root), totals = pageTotals(root), removed: Removed = { prose: 0 }): void {
  for (const element of elements) {
    if (!element.hasAttributes()) continue;
    const strength = chromeStrength(element);
    if (!strength || !root.contains(element) || holdsArticle(element, strength, totals)) continue;
    remove(element, removed);
  }
}

export interface PageTotals {
  /** All text under the root. */
  text(): number;
  /** Its words outside links and form controls (see nonLinkTextLength). */
  words(): number;
}

/** Each is read once, and only when a candidate needs it. */
export function pageTotals(root: Element): PageTotals {
  let text = -1;
  let words = -1;
  return {
    text: () => (text < 0 ? (text = (root.textContent ?? '').length || 1) : text),
    words: () => (words < 0 ? (words = nonLinkTextLength(root) || 1) : words),
  };
}

/**
 * A wrapper that happens to carry a "comments-open", "sidebar-parent" or "paywall" class must
 * not take the article with it: one that holds most of the page's words (outside links) is the
 * article, whatever its name says.
 */
export function holdsArticle(element: Element, strength: 'strong' | 'weak', totals: PageTotals): boolean {
  if (strength === 'weak') {
    // Around a figure's image, "modal"/"lightbox" name its enlarge-on-click behaviour; the
    // "View photo" overlay beside the image is still chrome.
    if (proseParagraphs(element) >= 3 || (element.closest('figure') !== null && element.querySelector('img') !== null)) return true;
    // A paywalled teaser has one or two paragraphs, under the article's own heading.
    return element.querySelector('h1') !== null && nonLinkTextLength(element) >= totals.words() * 0.3;
  }
  const text = (element.textContent ?? '').length;
  // Far too little text to hold half the page's words (those are at least a tenth of its text).
  if (text < totals.text() * 0.05) return false;
  if (text > totals.text() * 0.3 && element.getElementsByTagName('p').length > 3) return true;
  return nonLinkTextLength(element) >= totals.words() * 0.5;
}
