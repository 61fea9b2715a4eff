// The reader's placing of highlights, without a DOM: where each goes in the body's text, which
// highlights cover each stretch (overlaps nest), and a selection trimmed of whitespace.
import { describe, expect, it } from 'vitest';
import { selectorFor } from '../../../electron/shared/anchoring/text-quote.ts';
import type { Highlight } from '../../../electron/shared/highlight.ts';
import { coveredSegments, placeHighlights, type PlacedHighlight } from '../../../renderer/src/lib/highlights/place.ts';
import { trimRange } from '../../../renderer/src/lib/highlights/text-index.ts';

const TEXT = 'The old river path starts behind the brewery. In spring the meadows flood and the path turns to mud.';

function highlight(id: string, quote: string, extra: Partial<Highlight> = {}): Highlight {
  const start = TEXT.indexOf(quote);
  return {
    id,
    articleId: 'a',
    ...selectorFor(TEXT, { start, end: start + quote.length }),
    color: 'yellow',
    note: '',
    orphaned: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

const placed = (id: string, start: number, end: number): PlacedHighlight => ({ id, color: 'yellow', note: '', start, end });

describe('placeHighlights', () => {
  it('places each highlight at its quote, in text order', () => {
    const { placed, orphaned } = placeHighlights(TEXT, [highlight('b', 'meadows flood'), highlight('a', 'river path')]);
    expect(placed.map((p) => [p.id, TEXT.slice(p.start, p.end)])).toEqual([
      ['a', 'river path'],
      ['b', 'meadows flood'],
    ]);
    expect(orphaned).toEqual([]);
  });

  it('finds a quote whose position hint is stale (text inserted before it)', () => {
    const edited = `Updated in June. ${TEXT}`;
    const { placed } = placeHighlights(edited, [highlight('a', 'meadows flood')]);
    expect(edited.slice(placed[0]!.start, placed[0]!.end)).toBe('meadows flood');
  });

  it('orphans a highlight whose text is gone, and one the core marked orphaned', () => {
    const gone = highlight('gone', 'behind the brewery');
    const flagged = highlight('flagged', 'river path', { orphaned: true });
    const { placed, orphaned } = placeHighlights(TEXT.replace('behind the brewery', 'at the lock'), [gone, flagged, highlight('ok', 'turns to mud')]);
    expect(placed.map((p) => p.id)).toEqual(['ok']);
    expect(orphaned.map((h) => h.id)).toEqual(['gone', 'flagged']);
  });
});

describe('coveredSegments', () => {
  it('cuts overlapping highlights at every boundary, outermost first', () => {
    const segments = coveredSegments([placed('late', 5, 15), placed('early', 0, 10)]);
    expect(segments.map((s) => [s.start, s.end, s.covering.map((h) => h.id)])).toEqual([
      [0, 5, ['early']],
      [5, 10, ['early', 'late']],
      [10, 15, ['late']],
    ]);
  });

  it('nests a highlight inside another and leaves gaps between highlights out', () => {
    const segments = coveredSegments([placed('outer', 0, 20), placed('inner', 5, 8), placed('apart', 30, 40)]);
    expect(segments.map((s) => [s.start, s.end, s.covering.map((h) => h.id)])).toEqual([
      [0, 5, ['outer']],
      [5, 8, ['outer', 'inner']],
      [8, 20, ['outer']],
      [30, 40, ['apart']],
    ]);
  });

  it('covers 500 highlights with one segment each when none overlap', () => {
    const many = Array.from({ length: 500 }, (_, i) => placed(`h${i}`, i * 10, i * 10 + 5));
    const segments = coveredSegments(many);
    expect(segments).toHaveLength(500);
    expect(segments.every((s, i) => s.covering.length === 1 && s.covering[0]!.id === `h${i}`)).toBe(true);
  });
});

describe('trimRange', () => {
  it('takes whitespace off both ends, and gives nothing for whitespace alone', () => {
    const text = 'a \n  quote here\u00a0 b';
    expect(trimRange(text, { start: 1, end: 17 })).toEqual({ start: 5, end: 15 });
    expect(trimRange('a    b', { start: 1, end: 5 })).toBeNull();
  });
});
