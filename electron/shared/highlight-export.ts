// Highlights and notes taken elsewhere: one article's as a Markdown document (the core's
// "highlights-markdown" export and the reader's "Highlights as Markdown" both write it), and
// the stable shape of the "highlights-json" export.
//
// The Markdown follows what Obsidian and Readwise's own Markdown export read: YAML front matter
// (Obsidian shows it as the note's properties), each highlight as a quote block, its note as
// "**Note:** …", and Readwise's "[View Highlight](…)" link back. The link is the article's URL
// with a text fragment (`#:~:text=…`, the WICG Text Fragments form Chromium and Safari follow),
// so a browser opens the source scrolled to the quote.
import type { Highlight, HighlightColor } from './highlight.ts';
import { escapeMarkdownText } from './markdown.ts';

/** What the document says about the article; an ArticleSummary or Article fits. */
export interface HighlightedArticle {
  title: string;
  url: string;
  byline: string | null;
  siteName: string | null;
  createdAt: string;
  tags: string[];
}

/** The "highlights-json" export: `lectern` first, then every highlight with its article. */
export interface HighlightsJsonDocument {
  lectern: { format: 'highlights-json'; version: 1; exportedAt: string };
  /** Article by article (oldest saved first, or in the order picked), each in reading order. */
  highlights: ExportedHighlight[];
}

export interface ExportedHighlight {
  id: string;
  quote: string;
  note: string;
  color: HighlightColor;
  /** The text-quote selector's context and the text-position hint (null when not known). */
  prefix: string;
  suffix: string;
  start: number | null;
  end: number | null;
  orphaned: boolean;
  createdAt: string;
  updatedAt: string;
  article: { id: string; url: string; title: string };
}

export function exportedHighlight(h: Highlight, article: { id: string; url: string; title: string }): ExportedHighlight {
  return {
    id: h.id,
    quote: h.quote,
    note: h.note,
    color: h.color,
    prefix: h.prefix,
    suffix: h.suffix,
    start: h.start,
    end: h.end,
    orphaned: h.orphaned === true,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    article: { id: article.id, url: article.url, title: article.title },
  };
}

/** Reading order: placed highlights by where they start (unknown last), then the orphaned ones. */
export function inReadingOrder(highlights: readonly Highlight[]): Highlight[] {
  const rank = (h: Highlight): number => (h.orphaned ? 2 : h.start === null ? 1 : 0);
  // Array sort is stable: ties keep the store's order (its creation order).
  return [...highlights].sort((a, b) => rank(a) - rank(b) || (a.start ?? 0) - (b.start ?? 0));
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Percent-encoding for a text fragment's terms: `-`, `,` and `&` are its syntax. */
const fragmentTerm = (text: string): string => encodeURIComponent(text).replace(/-/g, '%2D');

/**
 * The article's URL pointing at the quote. A long quote is matched by its first and last
 * words (`text=start,end`), which also spans paragraph breaks the quote's text may not show.
 */
export function textFragmentUrl(url: string, quote: string): string {
  const words = oneLine(quote).split(' ').filter(Boolean);
  if (words.length === 0) return url;
  const directive = words.length <= 8 ? fragmentTerm(words.join(' ')) : `${fragmentTerm(words.slice(0, 4).join(' '))},${fragmentTerm(words.slice(-4).join(' '))}`;
  return `${url}${url.includes('#') ? '' : '#'}:~:text=${directive}`;
}

/** A Markdown link destination that no URL character can end early. */
const destination = (url: string): string => `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;

/** The quote as a block quote: `>` on every line, text escaped, paragraph breaks kept as `>`. */
export function quoteBlock(quote: string): string {
  const lines = quote
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim());
  const kept = lines.filter((line, i) => line !== '' || (i > 0 && lines[i - 1] !== ''));
  while (kept.at(-1) === '') kept.pop();
  return kept.map((line) => (line ? `> ${escapeMarkdownText(line)}` : '>')).join('\n');
}

function highlightBlock(h: Highlight, url: string): string {
  const parts = [quoteBlock(h.quote)];
  // The note is the reader's own writing, kept as written (Markdown readers render it).
  if (h.note.trim()) parts.push(`**Note:** ${h.note.trim()}`);
  parts.push(h.orphaned ? `[Source](${destination(url)})` : `[View Highlight](${destination(textFragmentUrl(url, h.quote))})`);
  return parts.join('\n\n');
}

/** JSON strings are YAML double-quoted scalars too, so any value is safe in the front matter. */
function frontMatter(a: HighlightedArticle): string {
  const fields: [string, string | null][] = [
    ['title', JSON.stringify(oneLine(a.title))],
    ['author', a.byline ? JSON.stringify(oneLine(a.byline)) : null],
    ['site', a.siteName ? JSON.stringify(oneLine(a.siteName)) : null],
    ['url', JSON.stringify(a.url)],
    ['saved', a.createdAt],
    ['tags', JSON.stringify(a.tags)],
  ];
  return ['---', ...fields.filter(([, value]) => value !== null).map(([key, value]) => `${key}: ${value}`), '---'].join('\n');
}

/** One article's highlights and notes as a Markdown document, in reading order. */
export function highlightsMarkdown(article: HighlightedArticle, highlights: readonly Highlight[]): string {
  const ordered = inReadingOrder(highlights);
  const placed = ordered.filter((h) => !h.orphaned);
  const orphaned = ordered.filter((h) => h.orphaned);
  const blocks = [frontMatter(article), `# ${escapeMarkdownText(oneLine(article.title) || article.url)}`];
  blocks.push(...placed.map((h) => highlightBlock(h, article.url)));
  if (orphaned.length > 0) {
    blocks.push('## Orphaned highlights', '*These could no longer be found in the article’s current text.*');
    blocks.push(...orphaned.map((h) => highlightBlock(h, article.url)));
  }
  return `${blocks.join('\n\n')}\n`;
}
