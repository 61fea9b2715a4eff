import { parseHTML } from 'linkedom';
import { chooseFromSrcset, isPlaceholderSrc, lazySourceOf } from './image-sources.ts';
import { chromeStrength, proseParagraphs } from './boilerplate.ts';

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

/** Sets exactly one <base href> (the page's own, resolved, else the page URL) and returns it. */
export function installBase(document: Document, pageUrl: string): string {
  let base = pageUrl;
  const declared = document.querySelector('base[href]')?.getAttribute('href');
  if (declared) {
    try {
      const resolved = new URL(declared.trim(), pageUrl);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') base = resolved.href;
    } catch {
      // an invalid <base> is ignored, as browsers do
    }
  }
  for (const element of document.querySelectorAll('base')) element.remove();
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
const ALWAYS_REMOVE = 'script, style, link, template, form, button, select, textarea, input, dialog, nav, [role="navigation"], [role="dialog"], [role="alertdialog"], [role="search"], [aria-modal="true"], [hidden]';

export function prepareDocument(document: Document, pageUrl: string): string {
  const base = installBase(document, pageUrl);
  for (const noscript of document.querySelectorAll('noscript')) resolveNoscript(noscript);
  for (const picture of document.querySelectorAll('picture')) resolvePicture(picture, base);
  for (const img of document.querySelectorAll('img')) resolveImage(img, base);
  const body = document.body;
  if (!body) return base;
  for (const element of body.querySelectorAll(ALWAYS_REMOVE)) element.remove();
  removeBoilerplate(body);
  return base;
}

/** Removes elements whose class/id say they are page chrome, unless they hold the page's text. */
export function removeBoilerplate(root: Element): void {
  const totalText = (root.textContent ?? '').length || 1;
  for (const element of root.querySelectorAll('[class], [id], [role]')) {
    if (element === root || !root.contains(element)) continue;
    const strength = chromeStrength(element);
    if (!strength || holdsArticle(element, strength, totalText)) continue;
    element.remove();
  }
}

/** A wrapper that happens to carry a "comments-open" or "modal" class must not take the article with it. */
export function holdsArticle(element: Element, strength: 'strong' | 'weak', totalText: number): boolean {
  if (strength === 'weak') return proseParagraphs(element) >= 3;
  return (element.textContent ?? '').length > totalText * 0.3 && element.querySelectorAll('p').length > 3;
}
