// Snippets are built with private-use marker characters around matches (highlight.ts), then
// every character is HTML-escaped and only the markers become <mark> tags. Article text has
// those two characters stripped on the way in, so a page cannot forge a marker.
import { escapeHtml } from '../shared/escape-html.ts';

export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

export { escapeHtml };

/** Escapes marked text and turns balanced markers into <mark>…</mark>; stray ones are dropped. */
export function markedToHtml(marked: string): string {
  let html = '';
  let open = false;
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === MARK_OPEN) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MARK_CLOSE) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}

