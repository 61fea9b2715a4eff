// Which export a file is: by its content first (a header line, a doctype, the keys of its
// JSON), by its name only when the content does not say. Only the first bytes are looked at.
import { decodeText, type ImportFormat } from './imported-link.ts';

/** The first line's column names, lowercased. */
const headerOf = (text: string): string[] =>
  (text.split(/\r?\n|\r/, 1)[0] ?? '').split(',').map((name) => name.replace(/^\s*"|"\s*$/g, '').trim().toLowerCase());

/** Control characters other than tabs and line breaks: a binary file, not an export. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 0xfffd) odd++;
  }
  return odd > Math.max(4, sample.length / 20);
}

export function csvFormat(columns: string[]): ImportFormat | null {
  const has = (name: string) => columns.includes(name);
  if (has('highlight') && (has('book title') || has('title'))) return 'readwise';
  if (has('document tags') || has('saved date') || has('reading progress') || (has('location') && has('seen'))) return 'readwise';
  if (has('selection') || has('folder')) return 'instapaper';
  // Pocket writes time_added; any other CSV with a url column reads the same way.
  if (has('url')) return 'pocket';
  return null;
}

function jsonFormat(text: string): ImportFormat {
  if (/"articles"\s*:/.test(text) || /"lectern"\s*:/.test(text)) return 'json';
  if (/"(is_archived|is_starred|preview_picture|domain_name|reading_time)"\s*:/.test(text)) return 'wallabag';
  if (/"slug"\s*:/.test(text) && /"(readingProgress|savedAt|labels|state)"\s*:/.test(text)) return 'omnivore';
  return 'json';
}

function byName(name: string): ImportFormat | 'zip' | null {
  const lower = name.toLowerCase().replace(/^.*[\\/]/, '');
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.opml')) return 'opml';
  if (/^ril_export.*\.html?$/.test(lower)) return 'pocket';
  if (/bookmarks.*\.html?$/.test(lower)) return 'bookmarks';
  if (/^metadata_\d+_to_\d+\.json$/.test(lower)) return 'omnivore';
  if (/^wallabag.*\.json$/.test(lower)) return 'wallabag';
  if (lower.endsWith('.json')) return 'json';
  if (/readwise|reader/.test(lower) && lower.endsWith('.csv')) return 'readwise';
  if (/instapaper/.test(lower) && lower.endsWith('.csv')) return 'instapaper';
  if (lower.endsWith('.csv')) return 'pocket';
  if (lower.endsWith('.txt')) return 'urls';
  return null;
}

export function detectFormat(name: string, head: Uint8Array): ImportFormat | 'zip' | null {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  const text = decodeText(head).trimStart();
  if (!text) return byName(name);
  if (looksBinary(text)) return null;
  if (text.startsWith('<')) {
    if (/^<!doctype\s+netscape-bookmark-file/i.test(text)) return 'bookmarks';
    if (/<opml[\s>]/i.test(text.slice(0, 4096))) return 'opml';
    if (/<h1>\s*(unread|read archive)\s*<\/h1>|<title>\s*pocket export|time_added=/i.test(text)) return 'pocket';
    if (/<dl[\s>]/i.test(text) && /<dt[\s>]/i.test(text) && /add_date=/i.test(text)) return 'bookmarks';
    return textByName(name);
  }
  if (text.startsWith('{') || text.startsWith('[')) return jsonFormat(text);
  const csv = text.split(/\r?\n|\r/, 1)[0]!.includes(',') ? csvFormat(headerOf(text)) : null;
  if (csv) return csv;
  // A list of addresses: the first line that is neither blank nor a comment is one.
  const first = text.split(/\r?\n|\r/).map((line) => line.trim()).find((line) => line && !line.startsWith('#'));
  if (first && /^https?:\/\/\S+$/i.test(first)) return 'urls';
  return textByName(name);
}

// The content is text but says nothing: the name decides (never "zip": it is not one).
const textByName = (name: string): ImportFormat | null => {
  const guess = byName(name);
  return guess === 'zip' ? null : guess;
};

/** A zip's format from its file names: Pocket's parts, Omnivore's metadata; else null. */
export function detectZipFormat(names: string[]): 'pocket' | 'omnivore' | null {
  if (names.some((name) => /(^|\/)metadata_\d+_to_\d+\.json$/i.test(name))) return 'omnivore';
  if (names.some((name) => /(^|\/)(part_\d+\.csv|annotations\/part_\d+\.json)$/i.test(name))) return 'pocket';
  return null;
}
