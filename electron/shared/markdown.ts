// The plugin ships no types; the renderer's build sees this file only through the reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./turndown-plugin-gfm.d.ts" />
// The one HTML → Markdown conversion: turndown with GitHub's extensions (tables,
// strikethrough, task lists), configured once for the core's Markdown export and the reader's
// "Export as Markdown". Under Node turndown parses with its bundled DOM; in the renderer
// (its browser build) with the page's inert DOMParser.
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', hr: '---' });
turndown.use(gfm);

/** Sanitised article HTML as Markdown. */
export function htmlToMarkdown(html: string): string {
  return turndown.turndown(html);
}

/**
 * Plain text that reads as itself in Markdown: turndown's escapes for what starts a block
 * (headings, lists, quotes) or marks up inline text, applied line by line, plus what turndown
 * leaves alone but Markdown readers act on: HTML tags and entities (`<`, `&`) and GFM
 * strikethrough (`~`).
 */
export function escapeMarkdownText(text: string): string {
  return text
    .split('\n')
    .map((line) => turndown.escape(line).replace(/[<&~]/g, '\\$&'))
    .join('\n');
}
