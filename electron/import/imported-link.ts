// What every importer produces: one saved link per row, plus a reason for each row it could
// not read, so a bad row is reported and the rest still come in.
import type { ArticleContent } from '../shared/article-content.ts';

/** A highlight as another reader exported it; anchored in the article when it is captured. */
export interface ImportedHighlight {
  /** The highlighted text, exactly as exported. */
  quote: string;
  note: string | null;
  /** The source's colour name (yellow, green, blue, red...), or null. */
  color: string | null;
  /** Text just before and after the quote, when the source kept it. */
  prefix: string | null;
  suffix: string | null;
  /** ISO 8601, when the source says. */
  createdAt: string | null;
}

/** Extra fields only a full export (our own JSON, wallabag, Omnivore) carries. */
export type ImportedContent = ArticleContent;

export interface ImportedLink {
  /** 1-based row in the source (CSV line, JSON item, link in an HTML export), for the report. */
  row: number;
  /** The file inside a zip (or among several files) the row came from; null for one file. */
  file: string | null;
  url: string;
  title: string | null;
  tags: string[];
  archived: boolean;
  starred: boolean;
  /** When it was saved in the other reader (ISO 8601), if the export says; else null. */
  savedAt: string | null;
  /** When it was read to the end, if the export says. */
  readAt: string | null;
  /** Reading progress 0..1, if the export says. */
  progress: number | null;
  /** The reader's note on the whole article. */
  note: string | null;
  highlights: ImportedHighlight[];
  /** The article itself, when the export carries it: saved without fetching. */
  content: ImportedContent | null;
}

/** A feed subscription read from OPML or from our own JSON export. */
export interface ImportedFeed {
  row: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  /** The OPML outline folder it sat in, or null at the top level. */
  folder: string | null;
}

export interface ImportProblem {
  row: number;
  file: string | null;
  reason: string;
}

export type ImportFormat =
  | 'pocket'
  | 'instapaper'
  | 'omnivore'
  | 'wallabag'
  | 'readwise'
  | 'bookmarks'
  | 'urls'
  | 'json'
  | 'opml';

export type ImportEvent =
  /** First, once the format is known (detected or as given). */
  | { kind: 'format'; format: ImportFormat }
  | { kind: 'link'; link: ImportedLink }
  | { kind: 'feed'; feed: ImportedFeed }
  | { kind: 'problem'; problem: ImportProblem }
  /** Bytes of the source read so far, for a progress bar (total when known). */
  | { kind: 'progress'; bytesRead: number; totalBytes: number | null };

/** Where an import reads from: a file on disk (the CLI, a dropped file) or bytes in memory. */
export type ImportSource = { path: string } | { bytes: Uint8Array; name: string };

export const blankLink = (row: number, url: string, file: string | null = null): ImportedLink => ({
  row,
  file,
  url: url.trim(),
  title: null,
  tags: [],
  archived: false,
  starred: false,
  savedAt: null,
  readAt: null,
  progress: null,
  note: null,
  highlights: [],
  content: null,
});

/** Tags as they come in exports: "a,b", "a|b" or arrays; trimmed, deduplicated, bounded. */
export function cleanTags(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : typeof raw === 'string' ? raw.split(/[,|]/) : [];
  const tags = parts.map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= 100);
  return [...new Set(tags)].slice(0, 50);
}

export const truthy = (value: unknown): boolean =>
  value === true || value === 1 || (typeof value === 'string' && /^(1|true|yes|archive|archived)$/i.test(value.trim()));

// Saved dates before this are clock errors, not saves (the web reader era starts in the 2000s).
const EARLIEST = Date.UTC(1995, 0, 1);

/**
 * A saved date as exports write it: Unix seconds (Pocket, Instapaper) or an ISO string
 * (wallabag, Omnivore). Null for anything else, or a date before 1995 or in the future.
 */
export function savedDate(raw: unknown, now = Date.now()): string | null {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!text) return null;
  const ms = /^\d{9,11}$/.test(text) ? Number(text) * 1000 : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= now + 86_400_000 ? new Date(ms).toISOString() : null;
}

// --- Helpers the format readers share -------------------------------------------------------

/** Bounds on what one row may carry: a title, the reader's note, one highlighted quote. */
export const MAX_TITLE = 1_000;
export const MAX_NOTE = 100_000;
export const MAX_QUOTE = 20_000;

/** One file to read: the source itself, or a file inside a zip. */
export interface ImportInput {
  /** Reported with every row: the zip entry's name, or null for a lone file. */
  file: string | null;
  /** The file's name, for telling formats apart. */
  name: string;
  /** Its first bytes (up to 64 KB), for sniffing; empty when nobody needs to sniff. */
  head: Uint8Array;
  /** Its bytes from the start, streamed; each call starts over. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** A string field, trimmed and bounded; null when absent, empty or not text. */
export function text(raw: unknown, max = MAX_TITLE): string | null {
  const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : '';
  return value ? value.slice(0, max).trim() : null;
}

/** A title on one line: trimmed, bounded, its line breaks and runs of spaces made single spaces. */
export const titleOf = (raw: unknown): string | null => text(raw, MAX_TITLE)?.replace(/\s+/g, ' ') ?? null;

/** Reading progress as 0..1, from a fraction or a percentage ("35", "35%", 0.35). */
export function fraction(raw: unknown, percent = false): number | null {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() ? Number(raw.trim().replace(/%$/, '')) : NaN;
  if (!Number.isFinite(value) || value < 0) return null;
  const scaled = percent || value > 1 || (typeof raw === 'string' && raw.trim().endsWith('%')) ? value / 100 : value;
  return Math.min(1, scaled);
}

export const problemEvent = (row: number, file: string | null, reason: string): ImportEvent => ({ kind: 'problem', problem: { row, file, reason } });

/** Why an exported address cannot be saved, or null when it can (absolute http or https). */
export function addressProblem(raw: string): string | null {
  const address = raw.trim();
  if (!address) return 'no URL';
  const shown = address.length > 200 ? `${address.slice(0, 200)}…` : address;
  if (/\s/.test(address) || !URL.canParse(address)) return `“${shown}” is not a web address`;
  const { protocol } = new URL(address);
  return protocol === 'http:' || protocol === 'https:' ? null : `“${shown}” is not a web page (only http and https addresses are saved)`;
}

/** A link event, or a problem event when its address is unusable. */
export const linkOrProblem = (link: ImportedLink): ImportEvent => {
  const problem = addressProblem(link.url);
  return problem ? problemEvent(link.row, link.file, problem) : { kind: 'link', link };
};

/** An exported highlight, bounded; null when it has no quote. */
export function highlightOf(quote: unknown, extra: Partial<Record<'note' | 'color' | 'prefix' | 'suffix', unknown>> & { createdAt?: unknown } = {}): ImportedHighlight | null {
  const clipped = text(quote, MAX_QUOTE);
  if (!clipped) return null;
  return {
    quote: clipped,
    note: text(extra.note, MAX_NOTE),
    color: text(extra.color, 40),
    // The context around a quote keeps its spaces: they are part of where it sits.
    prefix: typeof extra.prefix === 'string' && extra.prefix ? extra.prefix.slice(-MAX_QUOTE) : null,
    suffix: typeof extra.suffix === 'string' && extra.suffix ? extra.suffix.slice(0, MAX_QUOTE) : null,
    createdAt: savedDate(extra.createdAt),
  };
}

/** Bytes as text: UTF-8 unless a byte-order mark says UTF-16; the mark itself dropped. */
export function decodeText(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
}

/** A file read whole (JSON, HTML, OPML are one document each), refusing one bigger than maxBytes. */
export async function readText(input: ImportInput, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input.chunks()) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`the file is larger than ${Math.round(maxBytes / 1_048_576)} MB, too large to read`);
    parts.push(chunk);
  }
  return decodeText(Buffer.concat(parts));
}
