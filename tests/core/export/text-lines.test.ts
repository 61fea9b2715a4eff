import { describe, expect, it } from 'vitest';
import { textLines, type TextLine } from '../../../electron/export/text-lines.ts';

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const collect = async (lines: AsyncIterable<TextLine>) => {
  const out: TextLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

describe('textLines', () => {
  it('splits across chunks, characters cut in two included, and drops CR before LF', async () => {
    const text = '\uFEFFfirst 東京\r\nsecond é\n\nlast without newline';
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(await collect(textLines(chunked(text, size)))).toEqual([
        { number: 1, text: 'first 東京' },
        { number: 2, text: 'second é' },
        { number: 3, text: '' },
        { number: 4, text: 'last without newline' },
      ]);
    }
  });

  it('skips a line over the limit and goes on with the next', async () => {
    const lines = await collect(textLines(chunked(`short\n${'x'.repeat(50)}\nafter\n${'y'.repeat(50)}`, 8), 20));
    expect(lines).toEqual([
      { number: 1, text: 'short' },
      { number: 2, tooLong: true },
      { number: 3, text: 'after' },
      { number: 4, tooLong: true },
    ]);
  });
});
