// Text compared in Unicode NFC, with offsets mapped back to the original. A page that once
// wrote "é" as e + combining accent and now as one code point still holds the same quote.
// Each base character with its combining marks is normalised on its own, so every offset in
// the normalised text maps to a character boundary of the original.

const SEQUENCE = /\P{M}\p{M}*|\p{M}+/gsu;

export interface NormalizedText {
  text: string;
  /** Offset in the original text of an offset in `text` (0..text.length). */
  toOriginal(offset: number): number;
  /** Offset in `text` of an offset in the original. */
  fromOriginal(offset: number): number;
}

const IDENTITY = (text: string): NormalizedText => ({ text, toOriginal: (o) => o, fromOriginal: (o) => o });

export function normalizeText(original: string): NormalizedText {
  if (original.normalize('NFC') === original) return IDENTITY(original);
  let text = '';
  // Parallel boundaries: normalised offset → original offset, at every sequence start and the end.
  const norm: number[] = [];
  const orig: number[] = [];
  for (const m of original.matchAll(SEQUENCE)) {
    norm.push(text.length);
    orig.push(m.index);
    text += m[0].normalize('NFC');
  }
  norm.push(text.length);
  orig.push(original.length);
  const lookup = (from: number[], to: number[], offset: number): number => {
    let lo = 0;
    let hi = from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (from[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return to[lo]!;
  };
  return { text, toOriginal: (o) => lookup(norm, orig, o), fromOriginal: (o) => lookup(orig, norm, o) };
}
