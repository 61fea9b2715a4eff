import { describe, expect, it } from 'vitest';
import { formatStamp } from '../../../../electron/sync/hlc.ts';
import { conflictSeparator, editNote, mergeNotes, renderNote, type NoteState } from '../../../../electron/sync/note-merge.ts';

const T = Date.UTC(2026, 11, 3, 9, 0, 0);
const s = (ms: number, device: string): string => formatStamp({ wall: T + ms, counter: 0, device });
const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccc';
const base: NoteState = { heads: [{ s: s(0, A), t: 'first' }], dead: [] };

describe('note merge', () => {
  it('keeps both texts of concurrent edits, newest first, marked, the same in either order', () => {
    const fromA = editNote(base, s(10, A), 'edit on A');
    const fromB = editNote(base, s(20, B), 'edit on B');
    const ab = mergeNotes(fromA, fromB);
    expect(ab).toEqual(mergeNotes(fromB, fromA));
    expect(renderNote(ab)).toBe(`edit on B${conflictSeparator(s(10, A))}edit on A`);
    expect(conflictSeparator(s(10, A))).toContain(`conflicting edit from ${A}, 2026-12-03 09:00 UTC`);
  });

  it('an edit made on the merged text replaces both', () => {
    const ab = mergeNotes(editNote(base, s(10, A), 'x'), editNote(base, s(20, B), 'y'));
    const resolved = editNote(ab, s(30, C), 'x and y');
    expect(renderNote(resolved)).toBe('x and y');
    expect(renderNote(mergeNotes(ab, resolved))).toBe('x and y');
  });

  it('an edit that arrives after the edits made on top of it does not come back', () => {
    const e = editNote(base, s(10, A), 'e');
    const f = editNote(e, s(20, B), 'f');
    const g = editNote(f, s(30, C), 'g');
    // A device that gets g first, then e, then f: one head, g.
    const late = mergeNotes(mergeNotes(g, e), f);
    expect(late.heads.map((h) => h.t)).toEqual(['g']);
    expect(late).toEqual(mergeNotes(mergeNotes(e, f), g));
  });

  it('the same text written on two devices at once is shown once', () => {
    const same = mergeNotes(editNote(base, s(10, A), 'agreed'), editNote(base, s(20, B), 'agreed'));
    expect(same.heads).toHaveLength(2);
    expect(renderNote(same)).toBe('agreed');
  });

  it('merging is idempotent', () => {
    const ab = mergeNotes(editNote(base, s(10, A), 'x'), editNote(base, s(20, B), 'y'));
    expect(mergeNotes(ab, ab)).toEqual(ab);
  });
});
