// Concurrent edits of one article note keep both texts. A note's sync state is the set of its
// edits not yet replaced ("heads") and the stamps of the edits that were replaced ("dead"): an
// edit replaces exactly the heads its author saw. Merging two states is a union then a filter,
// so every device that has seen the same edits holds the same heads in whatever order they
// came, and shows the same text: the newest head first, each other one after a marked
// separator. Editing that shown text makes it one head again.
import { compareStamps, parseStamp } from './hlc.ts';

export interface NoteHead {
  s: string;
  t: string;
}

export interface NoteState {
  heads: NoteHead[];
  dead: string[];
}

export function mergeNotes(a: NoteState, b: NoteState): NoteState {
  const dead = [...new Set([...a.dead, ...b.dead])].sort(compareStamps);
  const gone = new Set(dead);
  const heads = new Map<string, NoteHead>();
  for (const h of [...a.heads, ...b.heads]) if (!gone.has(h.s)) heads.set(h.s, h);
  return { heads: [...heads.values()].sort((x, y) => compareStamps(y.s, x.s)), dead };
}

/** A local edit: the new text replaces every head shown when it was made. */
export function editNote(state: NoteState, stamp: string, text: string): NoteState {
  return mergeNotes({ heads: [], dead: [...state.dead, ...state.heads.map((h) => h.s)] }, { heads: [{ s: stamp, t: text }], dead: [] });
}

export function sameNoteState(a: NoteState, b: NoteState): boolean {
  return JSON.stringify(mergeNotes(a, { heads: [], dead: [] })) === JSON.stringify(mergeNotes(b, { heads: [], dead: [] }));
}

export function conflictSeparator(stamp: string): string {
  const clock = parseStamp(stamp);
  const when = clock ? new Date(clock.wall).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'unknown time';
  return `\n\n— conflicting edit from ${clock?.device ?? 'another device'}, ${when} —\n\n`;
}

/**
 * The text shown: the newest head, then each concurrent one. Empty ones add nothing, nor does
 * a text already shown (two devices that made the same edit do not conflict).
 */
export function renderNote(state: NoteState): string {
  const [first, ...rest] = [...state.heads].sort((x, y) => compareStamps(y.s, x.s));
  if (!first) return '';
  let text = first.t;
  const shown = new Set([first.t]);
  for (const h of rest) {
    if (h.t === '' || shown.has(h.t)) continue;
    shown.add(h.t);
    text = text === '' ? h.t : text + conflictSeparator(h.s) + h.t;
  }
  return text;
}

export function isNoteState(value: unknown): value is NoteState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<NoteState>;
  return (
    Array.isArray(v.heads) &&
    v.heads.every((h) => typeof h === 'object' && h !== null && typeof h.s === 'string' && typeof h.t === 'string') &&
    Array.isArray(v.dead) &&
    v.dead.every((s) => typeof s === 'string')
  );
}
