// The article's text as the anchoring sees it: every text node of the reader body, in document
// order, concatenated (the body's textContent), without the text the app itself put there (a
// missing image's placeholder, the app's own controls). Offsets into that string map to and
// from points in the DOM.
import type { TextRange } from '../../../../electron/shared/anchoring/text-quote.ts';

/** Elements the app inserts into the body: their text is not the article's. */
export const APP_UI_SELECTOR = '.image-missing, [data-lectern-ui]';

export interface TextIndex {
  root: HTMLElement;
  text: string;
  nodes: Text[];
  /** Offset in `text` where nodes[i] begins. */
  starts: number[];
}

export function buildTextIndex(root: HTMLElement): TextIndex {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node instanceof Element && node.matches(APP_UI_SELECTOR) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node instanceof Text)) continue;
    nodes.push(node);
    starts.push(length);
    parts.push(node.data);
    length += node.data.length;
  }
  return { root, text: parts.join(''), nodes, starts };
}

/** Index of the first text node at or after the boundary point (node, offset); nodes.length if none. */
function firstNodeAfter(index: TextIndex, container: Node, offset: number): number {
  const point = index.root.ownerDocument.createRange();
  point.setStart(container, offset);
  let lo = 0;
  let hi = index.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // comparePoint: -1 when (node, 0) is before the collapsed range, i.e. before the point.
    if (point.comparePoint(index.nodes[mid]!, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text offset of a DOM boundary point; points outside the body clamp to its ends. */
export function offsetOf(index: TextIndex, container: Node, offset: number): number {
  if (container instanceof Text) {
    const i = index.nodes.indexOf(container);
    if (i !== -1) return index.starts[i]! + offset;
  }
  if (!index.root.contains(container)) {
    const position = index.root.compareDocumentPosition(container);
    return position & Node.DOCUMENT_POSITION_PRECEDING ? 0 : index.text.length;
  }
  const i = firstNodeAfter(index, container, offset);
  return i < index.nodes.length ? index.starts[i]! : index.text.length;
}

/** A DOM range as offsets in the body's text, or null when it holds none of it. */
export function rangeToOffsets(index: TextIndex, range: Range): TextRange | null {
  if (!range.intersectsNode(index.root)) return null;
  const start = offsetOf(index, range.startContainer, range.startOffset);
  const end = offsetOf(index, range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

/** The range with whitespace taken off both ends; null when nothing but whitespace is left. */
export function trimRange(text: string, range: TextRange): TextRange | null {
  let { start, end } = range;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** The text node holding `offset` and the offset within it (the node that starts there, at a seam). */
export function pointAt(index: TextIndex, offset: number): { node: Text; offset: number } | null {
  const { nodes, starts } = index;
  if (nodes.length === 0) return null;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo]!;
  return { node, offset: Math.min(node.data.length, offset - starts[lo]!) };
}

/** A DOM range over text[start, end). */
export function offsetsToRange(index: TextIndex, range: TextRange): Range | null {
  const start = pointAt(index, range.start);
  const end = pointAt(index, range.end);
  if (!start || !end) return null;
  const dom = index.root.ownerDocument.createRange();
  dom.setStart(start.node, start.offset);
  dom.setEnd(end.node, end.offset);
  return dom;
}
