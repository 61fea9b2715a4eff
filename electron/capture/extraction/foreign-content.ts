// linkedom's parser (htmlparser2) is not the HTML tree builder a browser runs, and hostile pages
// (mutation-XSS payloads) live in the gap. Inside <svg> and <math> two of its differences eat
// the article after the payload: it keeps <style>, <script>, <title> and <textarea> as raw text
// there (a browser parses their content as markup), so an unclosed one swallows the page; and
// it nests the page's paragraphs inside an unclosed <svg>/<math> (a browser's tree builder
// leaves foreign content at a paragraph). Nothing legitimate is lost by repairing both: real
// SVG and MathML never hold HTML blocks outside the elements made to host HTML.

// Elements only SVG and MathML define: inside one, a browser is in foreign content even where
// linkedom closed the <math> early (at a </form> that a browser ignores inside <mtext>).
const FOREIGN_MARKERS = new Set(['SVG', 'MATH', 'MGLYPH', 'MALIGNMARK', 'MI', 'MO', 'MN', 'MS', 'MTEXT', 'MROW', 'SEMANTICS', 'G', 'PATH', 'DEFS', 'SYMBOL', 'TSPAN']);
/** Where SVG and MathML may hold HTML of their own (a diagram's label, an annotation). */
const HTML_HOSTS = new Set(['FOREIGNOBJECT', 'ANNOTATION-XML']);
/** Raw text for htmlparser2 even in foreign content, where a browser reads their markup. */
// Only the raw-text elements, whose text linkedom keeps as written. <title> and <textarea>
// hold RCDATA: their entities are already decoded, so `&lt;img …&gt;` would come back as a tag.
const RAW_TEXT = new Set(['STYLE', 'SCRIPT']);
/** HTML blocks (the spec's "break out of foreign content" tags and their kin) that end foreign content. */
const BLOCKS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'DL', 'LI', 'DD', 'DT', 'BLOCKQUOTE', 'PRE', 'LISTING',
  'TABLE', 'DIV', 'CENTER', 'MENU', 'HR', 'FIGURE', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV',
]);
const MARKUP = /<[a-z!/]/i;

const upper = (element: Element): string => element.tagName.toUpperCase();

/** Repairs the tree `html` was parsed into; a page with neither <svg> nor <math> is left alone. */
export function repairForeignContent(document: Document, html: string): void {
  if (!/<(?:svg|math)\b/i.test(html)) return;
  parseRawText(document);
  // The outermost foreign elements: a stray <mglyph> counts, as its <math> was closed early.
  for (const root of outermostForeign(document.documentElement)) breakOutOfForeign(root);
}

/** A raw-text element inside foreign content gets its text parsed as markup, as a browser would. */
function parseRawText(document: Document): void {
  for (const element of [...document.querySelectorAll('style, script')]) {
    if (!RAW_TEXT.has(upper(element)) || element.children.length > 0 || !inForeignContent(element)) continue;
    const text = element.textContent ?? '';
    if (!MARKUP.test(text)) continue;
    const holder = element.ownerDocument.createElement('div');
    holder.innerHTML = text;
    element.replaceChildren(...holder.childNodes);
  }
}

/** Inside an SVG or MathML element, and not in one of their HTML hosts. */
function inForeignContent(element: Element): boolean {
  let foreign = false;
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (HTML_HOSTS.has(upper(parent))) return false;
    foreign ||= FOREIGN_MARKERS.has(upper(parent));
  }
  return foreign;
}

/** One walk of the tree (without recursion: hostile pages nest deep); a foreign subtree is not entered. */
function outermostForeign(top: Element): Element[] {
  const found: Element[] = [];
  const pending: Element[] = [top];
  for (let element = pending.pop(); element; element = pending.pop()) {
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) {
      if (FOREIGN_MARKERS.has(upper(child))) found.push(child);
      else pending.push(child);
    }
  }
  found.reverse();
  return found;
}

/** The first HTML block under `root` outside the HTML hosts, in document order. */
function firstBlock(root: Element): Element | null {
  for (let element = root.firstElementChild; element; ) {
    if (BLOCKS.has(upper(element))) return element;
    const descend = !HTML_HOSTS.has(upper(element)) && element.firstElementChild;
    if (descend) {
      element = descend;
      continue;
    }
    let next: Element | null = element;
    while (next && next !== root && !next.nextElementSibling) next = next.parentElement;
    element = next && next !== root ? next.nextElementSibling : null;
  }
  return null;
}

/**
 * Foreign content ends at its first HTML block: that block and everything after it (at its
 * level and each level up to `root`) move out, after `root`, in order.
 */
function breakOutOfForeign(root: Element): void {
  const first = firstBlock(root);
  if (!first) return;
  const moved: ChildNode[] = [];
  let level: Element = first;
  for (let from: ChildNode | null = first; ; from = level.nextSibling) {
    for (let node: ChildNode | null = from; node; node = node.nextSibling) moved.push(node);
    const parent: Element | null = level.parentElement;
    if (!parent || parent === root) break;
    level = parent;
  }
  root.after(...moved);
}
