import sanitizeHtml from 'sanitize-html';

// The stored article HTML is rendered by the app, so it passes an allow-list: structure and
// text formatting only; no scripts, handlers, styles, frames, forms, or SVG; links only to
// http(s)/mailto; images only from http(s) (while capturing) or the app's asset URLs (stored).

const ALLOWED_TAGS = [
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'img', 'a', 'br', 'hr', 'wbr',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'q', 'cite',
  'abbr', 'dfn', 'time', 'bdi', 'bdo', 'ruby', 'rt', 'rp', 'details', 'summary', 'div', 'section',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

// Dropped together with everything inside them, not just unwrapped.
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'button', 'select', 'option', 'optgroup', 'textarea', 'input', 'svg', 'math', 'canvas',
  'video', 'audio', 'nav', 'aside', 'footer', 'head', 'title', 'meta', 'link', 'base', 'dialog', 'xmp', 'plaintext',
]);

export type ImageSourcePolicy = 'remote' | 'assets';

const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;
const ASSET_PATH = /^\/assets\/[0-9a-f]{64}$/;

export function sanitizeArticleHtml(html: string, images: ImageSourcePolicy = 'remote'): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      '*': ['lang', 'dir', 'title'],
      a: ['href'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan', 'headers'],
      th: ['colspan', 'rowspan', 'headers', 'scope'],
      col: ['span'],
      colgroup: ['span'],
      ol: ['start', 'reversed', 'type'],
      li: ['value'],
      time: ['datetime'],
      del: ['datetime'],
      ins: ['datetime'],
      details: ['open'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: images === 'remote' ? ['http', 'https', 'data'] : [] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: [...DROP_WITH_CONTENT],
    exclusiveFilter: (frame) => {
      if (DROP_WITH_CONTENT.has(frame.tag)) return true;
      if (frame.tag !== 'img') return false;
      return !isAllowedImageSource(frame.attribs.src, images);
    },
    transformTags: {
      // Relative links would point into the app; only absolute web links survive.
      a: (tagName, attribs) => {
        const href = attribs.href?.trim();
        const keep = href && /^(?:https?:\/\/|mailto:)/i.test(href);
        return { tagName, attribs: keep ? { ...attribs, href } : omit(attribs, 'href') };
      },
      h1: 'h2',
    },
  });
}

function isAllowedImageSource(src: string | undefined, images: ImageSourcePolicy): boolean {
  const value = src?.trim();
  if (!value) return false;
  if (images === 'assets') return ASSET_PATH.test(value);
  return /^https?:\/\//i.test(value) || RASTER_DATA_URL.test(value);
}

const omit = (attribs: sanitizeHtml.Attributes, name: string): sanitizeHtml.Attributes => {
  const { [name]: _dropped, ...rest } = attribs;
  return rest;
};
