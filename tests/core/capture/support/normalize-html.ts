import { parseHTML } from 'linkedom';

// Golden comparisons care about structure and text, not about formatting: attributes are
// sorted, whitespace runs collapse, whitespace-only text between blocks disappears.

const VOID = new Set(['img', 'br', 'hr', 'wbr', 'col']);

function serialize(node: Node): string {
  if (node.nodeType === 3) return (node.textContent ?? '').replace(/\s+/g, ' ');
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  const attributes = element
    .getAttributeNames()
    .sort()
    .map((name) => ` ${name}="${element.getAttribute(name) ?? ''}"`)
    .join('');
  if (VOID.has(tag)) return `<${tag}${attributes}>`;
  const inner = [...element.childNodes].map(serialize).join('');
  return `<${tag}${attributes}>${inner}</${tag}>`;
}

export function normalizeHtml(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return [...document.body.childNodes]
    .map(serialize)
    .join('')
    .replace(/\s*(<\/?(?:p|div|h[1-6]|ul|ol|li|figure|figcaption|blockquote|pre|table|thead|tbody|tr|td|th|section|dl|dt|dd|hr|br)\b[^>]*>)\s*/g, '$1')
    .trim();
}
