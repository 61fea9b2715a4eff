// Sentences of a paragraph, for speaking one at a time: each is an utterance of its own, so
// the one being read can be shown, a pause resumes at its start, and no engine is handed the
// very long utterances some of them cut short. Intl.Segmenter knows the sentence rules of
// each language (Japanese 。, Hindi ।, Arabic ؟), in Node and in Chromium alike.

export interface Span {
  start: number;
  end: number;
}

/** Beyond this many characters a sentence is spoken in pieces, broken at a comma or a space. */
export const MAX_SENTENCE_CHARS = 280;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string | null): Intl.Segmenter {
  const key = lang ?? '';
  let found = segmenters.get(key);
  if (!found) {
    let locale: string | undefined;
    try {
      locale = lang ? (Intl.getCanonicalLocales(lang)[0] ?? undefined) : undefined;
    } catch {
      // A page's lang="english" or lang="en_US!" is no locale: the default rules do.
      locale = undefined;
    }
    found = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(key, found);
  }
  return found;
}

/** [start, end) with whitespace off both ends; null when nothing else is left. */
function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** A long sentence in pieces of at most `max` characters, each ending after punctuation or a space where it can. */
function pieces(text: string, span: Span, max: number): Span[] {
  const out: Span[] = [];
  let { start } = span;
  while (span.end - start > max) {
    const window = text.slice(start, start + max);
    // The last break in the window's second half: after , ; : — or, failing that, a space.
    let cut = -1;
    for (const pattern of [/[,;:\u2014\u3001\uff0c]\s*/gu, /\s+/gu]) {
      for (const match of window.matchAll(pattern)) if (match.index >= max / 2) cut = match.index + match[0].length;
      if (cut !== -1) break;
    }
    if (cut === -1) cut = max;
    const piece = trimmed(text, start, start + cut);
    if (piece) out.push(piece);
    start += cut;
  }
  const rest = trimmed(text, start, span.end);
  if (rest) out.push(rest);
  return out;
}

/** The sentences of text[from, to), as offsets into text, without surrounding whitespace. */
export function splitSentences(text: string, lang: string | null, from = 0, to = text.length, max = MAX_SENTENCE_CHARS): Span[] {
  const out: Span[] = [];
  for (const { index, segment } of segmenter(lang).segment(text.slice(from, to))) {
    const span = trimmed(text, from + index, from + index + segment.length);
    // Nothing to say in a run of punctuation or symbols ("* * *", "—").
    if (span && /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end))) out.push(...pieces(text, span, max));
  }
  return out;
}
