// Identify an image by its first bytes, never by what the server or the file name claims.

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/svg+xml' | 'image/x-icon';

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0): boolean =>
  signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = Math.min(((bytes[0] ?? 0) << 24 | (bytes[1] ?? 0) << 16 | (bytes[2] ?? 0) << 8 | (bytes[3] ?? 0)) >>> 0, 256, bytes.length);
  // Major brand at 8, then compatible brands from 16 to the end of the ftyp box.
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands.includes('avif') || brands.includes('avis');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const u16 = (bytes: Uint8Array, at: number): number => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number): number => (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;

/**
 * ICO (site icons): reserved 0, type 1 (2 would be a cursor), then a directory of 16-byte
 * entries, each pointing inside the file at a PNG or a BMP info header (40 bytes). Four bytes
 * alone would also start other binary files; every entry must hold up.
 */
function isIco(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return false;
  const count = u16(bytes, 4);
  if (count === 0 || count > 256 || bytes.length < 6 + 16 * count) return false;
  for (let entry = 6; entry < 6 + 16 * count; entry += 16) {
    const [planes, bitsPerPixel, size, offset] = [u16(bytes, entry + 4), u16(bytes, entry + 6), u32(bytes, entry + 8), u32(bytes, entry + 12)];
    if (planes > 1 || bitsPerPixel > 32 || size === 0 || offset < 6 + 16 * count || offset + size > bytes.length) return false;
    if (!startsWith(bytes, PNG_SIGNATURE, offset) && u32(bytes, offset) !== 40) return false;
  }
  return true;
}

function isSvg(bytes: Uint8Array): boolean {
  let head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  // Skip the XML prolog: declaration, comments, doctype, whitespace.
  for (;;) {
    const trimmed = head.trimStart();
    const prolog = /^(?:<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>[]*(?:\[[\s\S]*?\])?\s*>)/i.exec(trimmed);
    if (!prolog) {
      head = trimmed;
      break;
    }
    head = trimmed.slice(prolog[0].length);
  }
  return /^<svg[\s>]/i.test(head);
}

export function sniffImageType(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (isAvif(bytes)) return 'image/avif';
  if (isIco(bytes)) return 'image/x-icon';
  if (isSvg(bytes)) return 'image/svg+xml';
  return null;
}
