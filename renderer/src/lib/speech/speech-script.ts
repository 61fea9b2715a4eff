// What listening reads: the reader body's text (the same text the highlights anchor to) cut
// into paragraphs, each into sentences. Positions are offsets into that text, so they hold
// while highlight marks split and join the body's text nodes under them.
import { APP_UI_SELECTOR, type TextIndex } from '../highlights/text-index.ts';
import { splitSentences, type Span } from './sentences.ts';

export interface Paragraph extends Span {
  sentences: Span[];
}

export interface Position {
  paragraph: number;
  sentence: number;
}

/** Blocks read as one paragraph each. A code block is not read aloud (a listener gains nothing from it); inline code is, as part of its sentence. */
const BLOCK = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, figcaption, caption, dt, dd, td, th, pre, div, section, article, aside, header, footer, table, ul, ol, dl, figure';
const SKIPPED = `pre, script, style, ${APP_UI_SELECTOR}`;

/** The body's text in paragraphs: runs of text nodes under the same nearest block. */
export function speechBlocks(index: TextIndex): Span[] {
  const blocks: Span[] = [];
  let current: Element | null = null;
  for (let i = 0; i < index.nodes.length; i++) {
    const node = index.nodes[i]!;
    const parent = node.parentElement;
    if (!parent || parent.closest(SKIPPED)) {
      current = null;
      continue;
    }
    const block = parent.closest(BLOCK) ?? index.root;
    const start = index.starts[i]!;
    const end = start + node.data.length;
    const last = blocks.at(-1);
    if (block === current && last && last.end === start) last.end = end;
    else blocks.push({ start, end });
    current = block;
  }
  return blocks;
}

/** The paragraphs that have something to say, with their sentences. */
export function buildScript(text: string, blocks: readonly Span[], lang: string | null): Paragraph[] {
  const out: Paragraph[] = [];
  for (const block of blocks) {
    const sentences = splitSentences(text, lang, block.start, block.end);
    if (sentences.length > 0) out.push({ start: sentences[0]!.start, end: sentences.at(-1)!.end, sentences });
  }
  return out;
}

/** Where to start for a reader who is at `offset` in the text: the paragraph holding it, or the next. */
export function positionAtOffset(script: readonly Paragraph[], offset: number): Position {
  const paragraph = script.findIndex((p) => p.end > offset);
  if (paragraph === -1) return { paragraph: Math.max(0, script.length - 1), sentence: 0 };
  const sentence = Math.max(0, script[paragraph]!.sentences.findIndex((s) => s.end > offset));
  return { paragraph, sentence };
}

/** The text offset of a position (its sentence's start). */
export function offsetOfPosition(script: readonly Paragraph[], position: Position): number {
  return script[position.paragraph]?.sentences[position.sentence]?.start ?? 0;
}
