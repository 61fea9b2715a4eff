import DOMPurify from 'dompurify';

// The core already sanitises every article; this is a second, independent fence in the
// renderer, so a bug on either side alone cannot run script in the app origin.

const ARTICLE_TAGS = [
  'a', 'abbr', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite',
  'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i',
  'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];

const ARTICLE_ATTRS = [
  'alt', 'cite', 'colspan', 'datetime', 'dir', 'height', 'href', 'lang', 'rowspan', 'scope',
  'src', 'title', 'width',
];

/** Images may only come from the app's own asset store (or inline data images). */
function isLocalImage(src: string): boolean {
  return src.startsWith('/assets/') || /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(src);
}

/** Links may only leave the app for the web or mail; everything else is dropped. */
function isSafeLink(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href) || href.startsWith('#');
}

const purifier = DOMPurify(window);

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLImageElement) {
    const src = node.getAttribute('src') ?? '';
    if (!isLocalImage(src)) node.remove();
    else {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
    }
  } else if (node instanceof HTMLAnchorElement) {
    const href = node.getAttribute('href');
    if (href !== null && !isSafeLink(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function sanitizeArticleHtml(html: string): string {
  return purifier.sanitize(html, {
    ALLOWED_TAGS: ARTICLE_TAGS,
    ALLOWED_ATTR: ARTICLE_ATTRS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}

/** Search snippets: escaped text with <mark> around matches, and nothing else. */
export function sanitizeSnippet(html: string): string {
  return purifier.sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] });
}
