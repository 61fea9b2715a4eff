// Decide a page's text encoding the way browsers do (WHATWG HTML "determining the character
// encoding"): BOM, then the HTTP charset, then a <meta> in the first 1024 bytes, then a guess —
// which a <meta> found later in <head> still overrides ("change the encoding").

export type EncodingSource = 'bom' | 'http' | 'meta' | 'xml' | 'sniff' | 'default';

export interface DecodedHtml {
  text: string;
  /** WHATWG encoding name as TextDecoder reports it, e.g. "shift_jis", "windows-1252". */
  encoding: string;
  source: EncodingSource;
}

const PRESCAN_BYTES = 1024;
/** How far to look for a <meta> in <head> when the encoding is only a guess. */
const LATE_META_BYTES = 64 * 1024;

/** A WHATWG encoding label → canonical name, or null when TextDecoder does not know it. */
export function resolveEncodingLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

// A <meta> cannot declare UTF-16 (the bytes would not be ASCII-compatible); browsers read UTF-8.
function fromMeta(label: string | null): string | null {
  const encoding = resolveEncodingLabel(label);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  if (encoding === 'x-user-defined') return 'windows-1252';
  return encoding;
}

export function decodeHtml(bytes: Uint8Array, httpCharset?: string | null, options: { xml?: boolean } = {}): DecodedHtml {
  const bom = bomEncoding(bytes);
  if (bom) return decodeWith(bytes.subarray(bom.length), bom.encoding, 'bom');

  const fromHttp = resolveEncodingLabel(httpCharset);
  if (fromHttp) return decodeWith(bytes, fromHttp, 'http');

  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  if (options.xml) {
    const xmlEncoding = fromMeta(xmlDeclarationEncoding(head)) ?? 'utf-8';
    return decodeWith(bytes, xmlEncoding, 'xml');
  }
  const declared = fromMeta(prescanMetaCharset(head));
  if (declared) return decodeWith(bytes, declared, 'meta');
  // WebKit and Blink honour an XML declaration in HTML too.
  const xmlDeclared = fromMeta(xmlDeclarationEncoding(head));
  if (xmlDeclared) return decodeWith(bytes, xmlDeclared, 'xml');

  // A browser starts decoding with a guess, and its tree builder switches encoding when it meets a
  // <meta charset> in <head> past the prescan window. Deciding that first also spares the guess.
  // This follows the browser even when the bytes are valid UTF-8 and the meta says windows-1252.
  const lateDeclared = fromMeta(headMetaCharset(latin1(bytes.subarray(0, LATE_META_BYTES))));
  if (lateDeclared) return decodeWith(bytes, lateDeclared, 'meta');

  // No declaration: if the bytes are valid UTF-8 with something non-ASCII, it is UTF-8;
  // otherwise the legacy default browsers use for undeclared pages.
  if (isValidUtf8(bytes)) return decodeWith(bytes, 'utf-8', 'sniff');
  const guessed = guessLegacyEncoding(bytes);
  return decodeWith(bytes, guessed ?? 'windows-1252', guessed ? 'sniff' : 'default');
}

function decodeWith(bytes: Uint8Array, encoding: string, source: EncodingSource): DecodedHtml {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  return { text, encoding, source };
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Undeclared legacy CJK pages are common enough that browsers detect them. A decode counts only
// if it is error-free AND looks like real text in that script: Latin-1 accents followed by
// ASCII letters also decode "validly" as Shift_JIS or GBK, but never as kana- or hangul-rich text.
const LEGACY_GUESSES: { encoding: string; looksRight: (text: string) => boolean }[] = [
  { encoding: 'shift_jis', looksRight: (text) => ratio(text, /[\u3040-\u30ff]/g, /[\u3040-\u30ff\u3400-\u9fff]/g) > 0.25 },
  { encoding: 'euc-jp', looksRight: (text) => ratio(text, /[\u3040-\u30ff]/g, /[\u3040-\u30ff\u3400-\u9fff]/g) > 0.25 },
  { encoding: 'euc-kr', looksRight: (text) => ratio(text, /[\uac00-\ud7af]/g, /[\u0080-\uffff]/g) > 0.6 },
  { encoding: 'gbk', looksRight: (text) => ratio(text, /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/g, /[\u0080-\uffff]/g) > 0.9 && countOf(text, /[\u4e00-\u9fff]/g) >= 20 },
  { encoding: 'big5', looksRight: (text) => ratio(text, /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/g, /[\u0080-\uffff]/g) > 0.9 && countOf(text, /[\u4e00-\u9fff]/g) >= 20 },
];

const countOf = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
const ratio = (text: string, part: RegExp, whole: RegExp): number => {
  const total = countOf(text, whole);
  return total === 0 ? 0 : countOf(text, part) / total;
};

function guessLegacyEncoding(bytes: Uint8Array): string | null {
  for (const { encoding, looksRight } of LEGACY_GUESSES) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    if (looksRight(text)) return encoding;
  }
  return null;
}

function xmlDeclarationEncoding(head: string): string | null {
  const match = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head);
  return match?.[1] ?? null;
}

/**
 * The HTML spec's "prescan a byte stream": walk tags in the first 1024 bytes, skipping
 * comments, and return the first <meta charset> or <meta http-equiv=content-type content=…>.
 */
export function prescanMetaCharset(head: string): string | null {
  return scanMetaCharset(head, false);
}

/**
 * A <meta> charset the tree builder would meet while still in <head>: the same walk as the
 * prescan, but the contents of <script>, <style>, <title>… are text, not tags, and the walk
 * ends at <body>, </head> or any other tag that starts the body (as Blink's scan does).
 */
export function headMetaCharset(html: string): string | null {
  return scanMetaCharset(html, true);
}

// Start tags the tree builder keeps in <head>; any other start tag opens the body.
const HEAD_TAGS = new Set(['html', 'head', 'meta', 'link', 'base', 'basefont', 'bgsound', 'title', 'style', 'script', 'noscript', 'noframes', 'template']);
// Elements in <head> whose content is raw text or RCDATA: a "<meta" inside is not a tag.
const RAW_TEXT_TAGS = new Set(['script', 'style', 'title', 'noscript', 'noframes']);
const TAG_NAME = /<(\/?)([a-z][^\s/>]*)/iy;

function scanMetaCharset(html: string, inHead: boolean): string | null {
  let position = 0;
  while (position < html.length) {
    if (html.startsWith('<!--', position)) {
      const end = html.indexOf('-->', position + 2);
      if (end === -1) return null;
      position = end + 3;
      continue;
    }
    const metaMatch = /^<meta[\s/]/i.exec(html.slice(position, position + 6));
    if (metaMatch) {
      const { attributes, end } = readAttributes(html, position + 5);
      const charset = charsetFromMetaAttributes(attributes);
      if (charset) return charset;
      position = end;
      continue;
    }
    TAG_NAME.lastIndex = position;
    const tag = TAG_NAME.exec(html);
    if (tag) {
      const isEnd = tag[1] === '/';
      const name = (tag[2] ?? '').toLowerCase();
      if (inHead && (isEnd ? name === 'head' || name === 'body' || name === 'html' : !HEAD_TAGS.has(name))) return null;
      const { end } = readAttributes(html, position + tag[0].length);
      position = inHead && !isEnd && RAW_TEXT_TAGS.has(name) ? skipRawText(html, end, name) : end;
      continue;
    }
    if (/^<[!/?]/.test(html.slice(position, position + 2))) {
      const end = html.indexOf('>', position + 1);
      if (end === -1) return null;
      position = end + 1;
      continue;
    }
    position++;
  }
  return null;
}

/** Where the text of a raw-text element ends: at its end tag, or the end of the input. */
function skipRawText(html: string, start: number, name: string): number {
  const endTag = new RegExp(`</${name}[\\s/>]`, 'ig');
  endTag.lastIndex = start;
  return endTag.exec(html)?.index ?? html.length;
}

function charsetFromMetaAttributes(attributes: Map<string, string>): string | null {
  const charset = attributes.get('charset');
  if (charset !== undefined) return charset.trim();
  if (attributes.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
    return charsetFromContent(attributes.get('content') ?? '');
  }
  return null;
}

/** The spec's "extracting a character encoding from a meta element". */
export function charsetFromContent(content: string): string | null {
  const match = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i.exec(content);
  if (!match) return null;
  return (match[1] ?? match[2] ?? match[3] ?? '').trim() || null;
}

// Attribute reading simplified from the spec's "get an attribute" (first occurrence wins).
function readAttributes(head: string, start: number): { attributes: Map<string, string>; end: number } {
  const attributes = new Map<string, string>();
  const pattern = /[\s/]*(?:([^\s/>=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?)?/y;
  let position = start;
  while (position < head.length) {
    if (head[position] === '>') return { attributes, end: position + 1 };
    pattern.lastIndex = position;
    const match = pattern.exec(head);
    if (!match || pattern.lastIndex === position) {
      position++;
      continue;
    }
    const name = match[1]?.toLowerCase();
    if (name && !attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
    position = pattern.lastIndex;
  }
  return { attributes, end: head.length };
}
