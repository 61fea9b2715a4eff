// A file's lines, decoded as they stream in: a backup's articles.jsonl can be gigabytes, and
// only one line (one article) is held at a time.

/** Longer lines are skipped (and said so): V8 cannot hold a string much past 500 M characters. */
export const MAX_LINE_CHARS = 128 * 1_048_576;

export type TextLine = { number: number; text: string } | { number: number; tooLong: true };

export async function* textLines(chunks: AsyncIterable<Uint8Array>, maxChars = MAX_LINE_CHARS): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let number = 1;
  let overflow = false;
  const take = (piece: string): void => {
    if (overflow) return;
    if (pending.length + piece.length > maxChars) {
      overflow = true;
      pending = '';
    } else pending += piece;
  };
  function* split(text: string): Generator<TextLine> {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      take(text.slice(start, newline));
      yield overflow ? { number, tooLong: true } : { number, text: pending.replace(/\r$/, '') };
      number++;
      pending = '';
      overflow = false;
      start = newline + 1;
    }
    take(text.slice(start));
  }
  for await (const chunk of chunks) yield* split(decoder.decode(chunk, { stream: true }));
  yield* split(decoder.decode());
  if (overflow) yield { number, tooLong: true };
  else if (pending) yield { number, text: pending.replace(/\r$/, '') };
}
