import { parseHTML } from 'linkedom';
import { chooseFromSrcset, isPlaceholderSrc, lazySourceOf } from './image-sources.ts';
import { chromeStrength, normalizeSpace, proseParagraphs } from './cleanup/boilerplate.ts';
import { elementsUnder, indexElements, indexedWithin, type ElementIndex } from './dom-walk.ts';
import { revealFoldedText } from './reveal-hidden.ts';
import { unrenderMath } from './math/rendered-math.ts';

// Work done on the parsed page before Readability sees it: fix the base URL, turn lazily
// loaded images into real ones (Readability scores and keeps what has a src), and drop the
// chrome that Readability is known to let through.

/**
 * linkedom builds the tree from the markup as written: a fragment without <html>/<body> would
 * make its first tag the document element. Such pages are wrapped first, as a browser would.
 */
export function parseDocument(html: string): Document {
  if (/<body[\s>]/i.test(html) && /<html[\s>]/i.test(html)) return parseHTML(html).document;
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
  const inner = html.replace(/<!doctype[^>]*>|<\/?(?:html|body)\b[^>]*>/gi, '');
  return parseHTML(`<!doctype html>${htmlTag}<head></head><body>${inner}</body></html>`).document;
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
 * placeholder for it; any other <noscript> is "please enable JavaScript" filler and goes.
 */
function resolveNoscript(noscript: Element): void {
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
 * `index` lists the untouched page's elements (the one walk metadata reading shares); a step
 * that detaches some leaves the rest of the list valid, and work on a detached one is harmless.
 */
export function prepareDocument(document: Document, pageUrl: string, index: ElementIndex = indexElements(document)): string {
  const tagged = (tag: string): Element[] => index.byTag.get(tag) ?? [];
  const base = installBase(document, pageUrl, tagged('BASE'));
  unrenderMath(document, index);
  for (const noscript of tagged('NOSCRIPT')) resolveNoscript(noscript);
  for (const picture of tagged('PICTURE')) resolvePicture(picture, base);
  for (const img of tagged('IMG')) resolveImage(img, base);
  const body = document.body;
  if (!body) return base;
  flattenDeepNesting(body, indexedWithin(index, body));
  const inBody = indexedWithin(index, body);
  revealFoldedText(inBody);
  for (const element of inBody) if (isAlwaysRemoved(element)) element.remove();
  removeBoilerplate(body, inBody);
  for (const pre of tagged('PRE')) unwrapCodeBlock(pre);
  return base;
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
export function removeBoilerplate(root: Element, elements = elementsUnder(root)): void {
  let totalText = -1;
  // Read only when a candidate is big enough to be the article: the page's text is long.
  const pageText = (): number => (totalText < 0 ? (totalText = (root.textContent ?? '').length || 1) : totalText);
  for (const element of elements) {
    if (!element.hasAttributes()) continue;
    const strength = chromeStrength(element);
    if (!strength || !root.contains(element) || holdsArticle(element, strength, pageText)) continue;
    element.remove();
  }
}

/** A wrapper that happens to carry a "comments-open" or "modal" class must not take the article with it. */
export function holdsArticle(element: Element, strength: 'strong' | 'weak', totalText: () => number): boolean {
  // Around a figure's image, "modal"/"lightbox" name its enlarge-on-click behaviour; the
  // "View photo" overlay beside the image is still chrome.
  if (strength === 'weak') return proseParagraphs(element) >= 3 || (element.closest('figure') !== null && element.querySelector('img') !== null);
  return element.getElementsByTagName('p').length > 3 && (element.textContent ?? '').length > totalText() * 0.3;
}
