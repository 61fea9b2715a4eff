// The values inside a feed as feeds really write them: dates in a dozen formats, titles with
// markup in them, links relative to an xml:base or to the feed itself.
import { parseHTML } from 'linkedom';

// --- Dates ------------------------------------------------------------------------------------

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** RFC 822's zones, plus the few others feeds use; hours east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7, akst: -9, akdt: -8, hst: -10,
  bst: 1, cet: 1, cest: 2, met: 1, mest: 2, eet: 2, eest: 3, msk: 3, jst: 9, kst: 9, aest: 10, aedt: 11, nzst: 12, nzdt: 13,
};

// 2024-05-01, 2024-05-01T14:30, 2024-05-01 14:30:00.123+05:30, 2024-05: W3C-DTF and its relatives.
const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;
// Wed, 01 May 2024 14:30:00 GMT; 01 May 24 14:30 EST; Wednesday, 01-May-24 14:30:00 GMT.
const RFC_DATE = /^(?:[a-z]+,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?$/i;
// Wed, May 01 2024 14:30:00 GMT and asctime's Wed May  1 14:30:00 2024.
const MONTH_FIRST_DATE = /^(?:[a-z]+,?\s*)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?(?:\s+(\d{4}))?$/i;

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  const hours = ZONES[zone.toLowerCase()];
  // An unknown name (military letters, "CEST" typos): UTC is the best guess, as feed readers do.
  return hours === undefined ? (/^[a-z]+$/i.test(zone) ? 0 : null) : hours * 60;
}

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0, offset = 0): string | null {
  if (month < 0 || month > 11 || day < 1 || hour > 23 || minute > 59 || second > 60 || year < 1900) return null;
  const time = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms) - offset * 60_000;
  // Date.UTC rolls 31 February over into March; a date that does not exist is not a date.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day || !Number.isFinite(time)) return null;
  return new Date(time).toISOString();
}

const monthOf = (name: string): number => MONTHS[name.slice(0, 3).toLowerCase()] ?? -1;
const fullYear = (digits: string): number => (digits.length === 2 ? Number(digits) + (Number(digits) < 50 ? 2000 : 1900) : Number(digits));

/** A feed's date as ISO 8601 (UTC), or null when it is not a date. Dates without a zone are UTC. */
export function feedDate(raw: unknown): string | null {
  if (typeof raw !== 'string' && !(raw instanceof Date)) return null;
  if (raw instanceof Date) return Number.isFinite(raw.getTime()) ? raw.toISOString() : null;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 100) return null;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, fraction, zone] = iso;
    const offset = offsetMinutes(zone);
    const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
    return offset === null ? null : utc(Number(y), Number(mo) - 1, Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms, offset);
  }
  const rfc = RFC_DATE.exec(text);
  if (rfc) {
    const [, d, mo, y, h, mi, s, zone] = rfc;
    const offset = offsetMinutes(zone);
    return offset === null ? null : utc(fullYear(y!), monthOf(mo!), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), 0, offset);
  }
  const monthFirst = MONTH_FIRST_DATE.exec(text);
  if (monthFirst) {
    const [, mo, d, y, h, mi, s, zone, trailingYear] = monthFirst;
    const year = y ?? trailingYear;
    const offset = offsetMinutes(zone);
    return offset === null || !year ? null : utc(Number(year), monthOf(mo!), Number(d), Number(h), Number(mi), Number(s ?? 0), 0, offset);
  }
  return null;
}

// --- Text ---------------------------------------------------------------------------------------

const { document } = parseHTML('<!doctype html><html><body></body></html>');
const BLOCK = new Set(['BR', 'P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
const MAX_TEXT = 2_000;

function textOf(node: Node, parts: string[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) parts.push(child.textContent ?? '');
    else if (child.nodeType === 1 && !SKIPPED.has((child as Element).tagName)) {
      if (BLOCK.has((child as Element).tagName)) parts.push(' ');
      textOf(child, parts);
    }
  }
}

/** Markup (or entity-encoded text) as one line of plain text, the way a title is shown. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const holder = document.createElement('div');
  holder.innerHTML = html;
  const parts: string[] = [];
  textOf(holder, parts);
  return parts.join('');
}

const entityCache = new Map<string, string>();

/**
 * Character references decoded, XML's five and HTML's named ones alike (&eacute; in an OPML
 * title), and nothing else: a "<" stays text. An unknown name stays as written.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi, (reference) => {
    let decoded = entityCache.get(reference);
    if (decoded === undefined) {
      decoded = htmlToText(reference);
      if (entityCache.size < 2_000) entityCache.set(reference, decoded);
    }
    return decoded;
  });
}

/** A title or name: plain text on one line, or null when empty. `html` when it may hold markup. */
export function plainText(raw: unknown, html: boolean): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const value = String(raw).slice(0, MAX_TEXT * 4);
  const text = (html ? htmlToText(value) : value).replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, MAX_TEXT) : null;
}


/** A non-empty string, trimmed; null otherwise. */
export function nonEmpty(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  return value ? value : null;
}

// --- Links --------------------------------------------------------------------------------------

/** An address resolved against a base, or null when it cannot be. Any scheme. */
export function resolveUrl(raw: unknown, base: string | null): string | null {
  if (typeof raw !== 'string') return null;
  // Links wrapped over lines or padded inside CDATA: whitespace is never part of them.
  const value = raw.trim().replace(/[\r\n\t]+/g, '');
  if (!value) return null;
  try {
    return base ? new URL(value, base).href : new URL(value).href;
  } catch {
    return null;
  }
}

/** An absolute http(s) address for a web page, or null: javascript:, data:, mailto: are dropped. */
export function webUrl(raw: unknown, base: string | null): string | null {
  const url = resolveUrl(raw, base);
  if (!url) return null;
  const { protocol, hostname } = new URL(url);
  return (protocol === 'http:' || protocol === 'https:') && hostname ? url : null;
}

/** An xml:base applied on top of its parent's base. */
export const chainBase = (base: unknown, parent: string | null): string | null => resolveUrl(base, parent) ?? parent;
