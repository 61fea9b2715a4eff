// Where each highlight goes in the article's text, and which highlights cover each stretch of
// it. No DOM here: offsets are into the body's text (see text-index.ts).
import { matchQuote, quoteStillAt } from '../../../../electron/shared/anchoring/text-quote.ts';
import type { Highlight, HighlightColor } from '../../../../electron/shared/highlight.ts';

export interface PlacedHighlight {
  id: string;
  color: HighlightColor;
  note: string;
  start: number;
  end: number;
}

export interface Placement {
  /** In text order (start, then the longer first). */
  placed: PlacedHighlight[];
  /** Could not be placed here, or the core says so after a re-fetch. */
  orphaned: Highlight[];
}

/** Text order: by start, and of two starting together, the longer (outer) one first. */
export const textOrder = (a: { start: number; end: number }, b: { start: number; end: number }): number =>
  a.start - b.start || b.end - a.end;

export function placeHighlights(text: string, highlights: readonly Highlight[]): Placement {
  const placed: PlacedHighlight[] = [];
  const orphaned: Highlight[] = [];
  for (const h of highlights) {
    if (h.orphaned || !h.quote) {
      orphaned.push(h);
      continue;
    }
    // The usual case, and cheap: the text has not changed since the highlight was made.
    const exact = h.start !== null && quoteStillAt(text, h, h.start) ? { start: h.start, end: h.start + h.quote.length } : null;
    const found = exact ?? matchQuote(text, h);
    if (!found || found.end <= found.start) orphaned.push(h);
    else placed.push({ id: h.id, color: h.color, note: h.note, start: found.start, end: found.end });
  }
  placed.sort(textOrder);
  return { placed, orphaned };
}

export interface Segment {
  start: number;
  end: number;
  /** The highlights covering all of [start, end), outermost first. */
  covering: PlacedHighlight[];
}

/**
 * The text cut at every highlight's start and end: each stretch that some highlight covers,
 * with every highlight covering it. One sweep over sorted boundaries, so 500 highlights on
 * one article cost little more than their count.
 */
export function coveredSegments(placed: readonly PlacedHighlight[]): Segment[] {
  const sorted = [...placed].sort(textOrder);
  const boundaries = [...new Set(sorted.flatMap((h) => [h.start, h.end]))].sort((a, b) => a - b);
  const segments: Segment[] = [];
  let active: PlacedHighlight[] = [];
  let next = 0;
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i]!;
    const end = boundaries[i + 1]!;
    active = active.filter((h) => h.end > start);
    while (next < sorted.length && sorted[next]!.start <= start) {
      const h = sorted[next++]!;
      if (h.end > start) active.push(h);
    }
    if (active.length > 0) segments.push({ start, end, covering: [...active].sort(textOrder) });
  }
  return segments;
}
