// Plain text of an article for search and word counts: one block per paragraph-like element,
// blocks separated by a blank line, whitespace collapsed as a browser would render it.

const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'FIGURE', 'FIGCAPTION', 'TABLE', 'CAPTION', 'THEAD', 'TBODY', 'TFOOT',
  'TR', 'PRE', 'HR', 'DETAILS', 'SUMMARY', 'ADDRESS',
]);
const CELLS = new Set(['TD', 'TH']);
// Ruby annotations (<rt>, <rtc>) and their fallback parentheses (<rp>) are left out, so
// 漢<rt>かん</rt>字<rt>じ</rt> reads, searches and counts as 漢字.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'RT', 'RP', 'RTC']);
// Invisible characters that only break words apart: soft hyphens (from &shy; hyphenation),
// zero-width space, word joiner and zero-width no-break space (a stray BOM). Not ZWNJ/ZWJ
// (U+200C/U+200D), which change how Persian and Indic text is spelled.
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
// Whitespace as \s, minus U+FEFF, which is stripped rather than turned into a space.
const COLLAPSIBLE = /[^\S\ufeff]+/g;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function elementToText(root: Node): string {
  const blocks: string[] = [];
  let line = '';
  const flush = (): void => {
    const text = line.replace(INVISIBLE, '').replace(/[ \t\f\r]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    if (text) blocks.push(text);
    line = '';
  };
  const walk = (node: Node, inPre: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      line += inPre ? (node.textContent ?? '').replace(/ /g, '\u00a0') : (node.textContent ?? '').replace(COLLAPSIBLE, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'BR') {
      line += '\n';
      return;
    }
    const isBlock = BLOCKS.has(tag);
    if (isBlock) flush();
    if (CELLS.has(tag) && line.trim()) line += ' ';
    const pre = inPre || tag === 'PRE';
    for (const child of element.childNodes) walk(child, pre);
    if (isBlock) flush();
  };
  walk(root, false);
  flush();
  // Non-breaking spaces stood in for spaces inside <pre> so collapsing left them alone.
  return blocks.map((block) => block.replace(/\u00a0/g, ' ')).join('\n\n');
}

const CJK_OR_THAI = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Words for reading-time purposes; CJK and Thai have no spaces, so ask ICU where words end. */
export function countWords(text: string): number {
  if (!CJK_OR_THAI.test(text)) return text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu)?.length ?? 0;
  let count = 0;
  for (const segment of wordSegmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
}
