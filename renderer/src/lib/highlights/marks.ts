// Highlights shown in place: the text each covers wrapped in <mark class="highlight">, text
// nodes split at every boundary. Overlapping highlights nest (outermost first); a highlight
// across paragraphs, list items or links is one mark per piece of text, inside each element,
// so the article's structure (and its links) stay as they were.
import { coveredSegments, type PlacedHighlight } from './place.ts';
import type { TextIndex } from './text-index.ts';

export const MARK_SELECTOR = 'mark.highlight';

/** Containers whose whitespace-only text is layout, not content: a mark there is not valid markup. */
const STRUCTURAL = new Set([
  'UL', 'OL', 'DL', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'COLGROUP', 'FIGURE', 'SECTION', 'ARTICLE',
  'DIV', 'BLOCKQUOTE', 'HEADER', 'FOOTER', 'ASIDE', 'DETAILS', 'PICTURE',
]);

function isLayoutWhitespace(node: Text, root: HTMLElement): boolean {
  if (/\S/u.test(node.data)) return false;
  const parent = node.parentElement;
  return !parent || parent === root || STRUCTURAL.has(parent.tagName);
}

function wrap(node: Text, covering: readonly PlacedHighlight[], first: Set<string>, root: HTMLElement): void {
  if (isLayoutWhitespace(node, root)) return;
  const doc = node.ownerDocument;
  let outer: HTMLElement | null = null;
  let inner: HTMLElement | null = null;
  for (const h of covering) {
    const mark = doc.createElement('mark');
    mark.className = 'highlight';
    mark.dataset.highlightId = h.id;
    mark.dataset.color = h.color;
    if (h.note) mark.title = h.note;
    // Its first piece is where the panel and a link to the highlight take focus.
    if (!first.has(h.id)) {
      first.add(h.id);
      mark.tabIndex = -1;
    }
    if (inner) inner.append(mark);
    else outer = mark;
    inner = mark;
  }
  if (!outer || !inner) return;
  node.replaceWith(outer);
  inner.append(node);
}

/** Takes every highlight mark out again, leaving the text as it was. */
export function removeMarks(root: HTMLElement): void {
  const marks = root.querySelectorAll(MARK_SELECTOR);
  if (marks.length === 0) return;
  // Document order: an outer mark goes first, and its inner ones follow as they surface.
  for (const mark of marks) mark.replaceWith(...mark.childNodes);
  root.normalize();
}

/** Wraps the text each placed highlight covers; `index` must be fresh (no marks in it). */
export function applyMarks(index: TextIndex, placed: readonly PlacedHighlight[]): void {
  const segments = coveredSegments(placed);
  const first = new Set<string>();
  const { nodes, starts, root } = index;
  let seg = 0;
  for (let i = 0; i < nodes.length && seg < segments.length; i++) {
    let node: Text | null = nodes[i]!;
    let nodeStart = starts[i]!;
    const nodeEnd = nodeStart + node.data.length;
    if (nodeEnd === nodeStart) continue;
    while (seg < segments.length && segments[seg]!.end <= nodeStart) seg++;
    while (node && seg < segments.length && segments[seg]!.start < nodeEnd) {
      const segment = segments[seg]!;
      if (segment.start > nodeStart) {
        node = node.splitText(segment.start - nodeStart);
        nodeStart = segment.start;
      }
      const pieceEnd = Math.min(segment.end, nodeEnd);
      const rest: Text | null = pieceEnd < nodeEnd ? node.splitText(pieceEnd - nodeStart) : null;
      wrap(node, segment.covering, first, root);
      // The segment goes on into the next text node: keep it for that one.
      if (pieceEnd < segment.end) break;
      seg++;
      node = rest;
      nodeStart = pieceEnd;
    }
  }
}

/** Every piece of one highlight, in document order. */
export function marksOf(root: HTMLElement, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}[data-highlight-id="${CSS.escape(id)}"]`)];
}
