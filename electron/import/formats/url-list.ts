// A plain list of addresses, one a line; blank lines and `#` comments skipped. Read line by
// line as the bytes arrive.
import { addressProblem, blankLink, problemEvent, type ImportEvent, type ImportInput } from '../imported-link.ts';

// A "line" longer than this is not an address (a binary file, a minified page).
const MAX_LINE = 64_000;

/** Lines with their 1-based numbers, decoded across chunk boundaries (the decoder drops a BOM). */
async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  // Inside an over-long line already reported: its rest is dropped, not counted again.
  let overlong = false;
  const take = function* (parts: string[]) {
    for (const text of parts) {
      if (overlong) overlong = false;
      else yield { line: ++line, text };
    }
  };
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    const parts = pending.split(/\r?\n|\r(?=[^\n])/);
    // A trailing "\r" may be half of a "\r\n" split across chunks: kept for the next one.
    pending = parts.pop() ?? '';
    yield* take(parts);
    if (pending.length > MAX_LINE) {
      if (!overlong) yield { line: ++line, text: pending };
      overlong = true;
      pending = '';
    }
  }
  yield* take((pending + decoder.decode()).split(/\r?\n|\r/));
}

export async function* readUrlList(input: ImportInput): AsyncGenerator<ImportEvent> {
  let found = false;
  for await (const { line, text } of lines(input.chunks())) {
    const value = text.trim();
    if (!value || value.startsWith('#')) continue;
    found = true;
    const problem = value.length > 8_000 ? 'this line is too long to be an address' : /\s/.test(value) ? 'not a single URL' : addressProblem(value);
    yield problem ? problemEvent(line, input.file, problem) : { kind: 'link', link: blankLink(line, value, input.file) };
  }
  if (!found) yield problemEvent(0, input.file, 'no addresses in this file');
}
