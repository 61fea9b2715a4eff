// A feed's bytes as text a parser can take: the right charset (even when the feed names the wrong
// one), and none of the junk servers wrap around the XML (a BOM, blank lines a PHP include left
// before the declaration, a "generated in 0.01s" comment or a warning after the root element).
import { charsetFromContent, isValidUtf8, resolveEncodingLabel } from '../capture/fetching/decode-html.ts';

export interface FeedText {
  text: string;
  /** WHATWG encoding name the bytes were read as. */
  encoding: string;
}

const HEAD_BYTES = 1024;

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

// UTF-16 without a BOM still starts with "<" and "?" (or whitespace) a zero byte apart.
function sniffUtf16(bytes: Uint8Array): string | null {
  const start = bytes.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x00);
  if (start < 0 || bytes[start] !== 0x3c) return null;
  if (start % 2 === 0 && bytes[start + 1] === 0x00 && bytes[start + 3] === 0x00) return 'utf-16le';
  if (start % 2 === 1 && bytes[start - 1] === 0x00 && bytes[start + 1] === 0x00) return 'utf-16be';
  return null;
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES)).toString('latin1');
  const match = /<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const encoding = resolveEncodingLabel(match?.[1]);
  // The declaration was read as ASCII, so the bytes are not UTF-16 whatever it says.
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-8' : encoding;
}

/**
 * Decodes a feed: a BOM first, then the HTTP charset, then the XML declaration, else UTF-8.
 * A feed that claims (or defaults to) UTF-8 but is not valid UTF-8 is read as the other charset it
 * names, or as windows-1252: a feed full of "é" is better than a refused one.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): FeedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), encoding: bom.encoding };
  const utf16 = sniffUtf16(bytes.subarray(0, HEAD_BYTES));
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };

  const named = [resolveEncodingLabel(charsetFromContent(contentType ?? '')), declaredEncoding(bytes)].filter(
    (encoding): encoding is string => encoding !== null && encoding !== 'utf-16le' && encoding !== 'utf-16be' && encoding !== 'replacement',
  );
  const encoding = chooseEncoding(named, isValidUtf8(bytes));
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

// When the header and the declaration disagree, or the one that wins says UTF-8 and the bytes
// are not, the bytes decide between them.
function chooseEncoding(named: string[], validUtf8: boolean): string {
  const first = named[0];
  if (!first) return validUtf8 ? 'utf-8' : 'windows-1252';
  if (first === 'utf-8') return validUtf8 ? 'utf-8' : (named.find((e) => e !== 'utf-8') ?? 'windows-1252');
  return validUtf8 && named.includes('utf-8') ? 'utf-8' : first;
}

/** Where the markup before the root element ends: past the declaration, comments, DOCTYPE and PIs. */
function rootStart(text: string): number {
  let position = 0;
  while (position < text.length) {
    const next = text.indexOf('<', position);
    if (next < 0) return -1;
    if (text.startsWith('<?', next)) position = endOf(text, '?>', next);
    else if (text.startsWith('<!--', next)) position = endOf(text, '-->', next);
    else if (text.startsWith('<!', next)) position = endOfDoctype(text, next);
    else return next;
    if (position < 0) return -1;
  }
  return -1;
}

const endOf = (text: string, terminator: string, from: number): number => {
  const end = text.indexOf(terminator, from + 2);
  return end < 0 ? -1 : end + terminator.length;
};

// A DOCTYPE may carry an internal subset in brackets, with ">" inside it.
function endOfDoctype(text: string, from: number): number {
  const close = text.indexOf('>', from);
  const bracket = text.indexOf('[', from);
  if (bracket < 0 || (close >= 0 && close < bracket)) return close < 0 ? -1 : close + 1;
  const subsetEnd = text.indexOf(']', bracket);
  return subsetEnd < 0 ? -1 : endOf(text, '>', subsetEnd - 1);
}

/** The root element's name as written (with any prefix), or null when there is none. */
export function rootElementName(text: string): string | null {
  const start = rootStart(text);
  if (start < 0) return null;
  let end = start + 1;
  while (end < text.length && !' \t\r\n/>'.includes(text[end]!)) end++;
  return end > start + 1 ? text.slice(start + 1, end) : null;
}

/**
 * XML text cut to its document: from the declaration (or the first tag) to the root element's
 * end tag. Anything outside is junk no parser should have to see; a truncated feed is kept whole.
 */
export function trimToDocument(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const declaration = withoutBom.slice(0, 4096).indexOf('<?xml');
  const from = declaration >= 0 ? declaration : withoutBom.indexOf('<');
  if (from < 0) return withoutBom;
  const document = withoutBom.slice(from);
  const root = rootElementName(document);
  if (!root) return document;
  const endTag = document.lastIndexOf(`</${root}`);
  const close = endTag < 0 ? -1 : document.indexOf('>', endTag);
  return close < 0 ? document : document.slice(0, close + 1);
}

/**
 * A feed cut off mid-way (a dropped connection, a size cap) closed after its last whole item,
 * so the items before the break can still be read; null when it is not cut off, or has no item.
 */
export function closeTruncated(text: string): string | null {
  const root = rootElementName(text);
  if (!root || text.includes(`</${root}`)) return null;
  let end = -1;
  for (const match of text.matchAll(/<\/(?:[\w.-]+:)?(?:item|entry)\s*>/gi)) end = match.index + match[0].length;
  if (end < 0) return null;
  // RSS 2.0 items sit in <channel>; RSS 1.0 and Atom items sit in the root itself.
  const inChannel = /^(?:[\w.-]+:)?rss$/i.test(root);
  return `${text.slice(0, end)}${inChannel ? '</channel>' : ''}</${root}>`;
}
