// What every importer produces: one saved link per row, plus a reason for each row it could
// not read, so a bad row is reported and the rest still come in.

export interface ImportedLink {
  /** 1-based row in the source file, for problems found later (e.g. an unusable address). */
  row: number;
  url: string;
  title: string | null;
  tags: string[];
  archived: boolean;
  starred: boolean;
  /** When it was saved in the other reader (ISO 8601), if the export says; else null. */
  savedAt: string | null;
}

export interface ImportProblem {
  /** 1-based row (CSV line, JSON item, or link in an HTML export). */
  row: number;
  reason: string;
}

export interface ParsedImport {
  format: 'pocket-html' | 'instapaper-csv' | 'pocket-csv' | 'json' | 'url-list';
  links: ImportedLink[];
  problems: ImportProblem[];
}

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
