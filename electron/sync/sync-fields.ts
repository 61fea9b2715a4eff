// What is synced of each entity, field by field: how a value is read from its row, checked when
// it arrives, and which column it lands in. Everything else (fetch state of feeds, search
// columns, errors) is this device's own. Special fields: 'body' (an article's stored body, as
// the sha256 of its blob), 'assets' (the image hashes it uses), 'note' (a note state,
// note-merge.ts), 'tag:<key>' (the tag's name, or null when removed), 'deleted'.

export type EntityKind = 'article' | 'highlight' | 'feed';
export const ENTITY_KINDS: readonly EntityKind[] = ['article', 'highlight', 'feed'];

type Check = (v: unknown) => boolean;
const text: Check = (v) => typeof v === 'string' && v.length <= 2_000_000;
const textOrNull: Check = (v) => v === null || text(v);
const intOrNull: Check = (v) => v === null || (typeof v === 'number' && Number.isInteger(v));
const flag: Check = (v) => v === 0 || v === 1;
const nonNegInt: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export interface ColumnField {
  name: string;
  column: string;
  check: Check;
}

const field = (name: string, check: Check, column = name): ColumnField => ({ name, column, check });

export const ARTICLE_COLUMNS: readonly ColumnField[] = [
  field('url', text),
  field('created_at', text),
  field('final_url', textOrNull),
  field('canonical_url', textOrNull),
  field('title', text),
  field('byline', textOrNull),
  field('site', textOrNull),
  field('host', text),
  field('excerpt', textOrNull),
  field('lead_image', textOrNull),
  field('favicon', textOrNull),
  field('lang', textOrNull),
  field('dir', (v) => v === null || v === 'ltr' || v === 'rtl'),
  field('word_count', nonNegInt),
  field('published_at', textOrNull),
  field('status', (v) => v === 'pending' || v === 'done' || v === 'failed'),
  field('starred', flag),
  field('archived', flag),
  field('progress', (v) => typeof v === 'number' && v >= 0 && v <= 1),
  field('read_at', textOrNull),
  field('feed_id', textOrNull),
];

export const HIGHLIGHT_COLUMNS: readonly ColumnField[] = [
  field('article_id', text),
  field('created_at', text),
  field('quote', text),
  field('prefix', text),
  field('suffix', text),
  field('start_pos', intOrNull),
  field('end_pos', intOrNull),
  field('color', text),
  field('note', text),
  field('orphaned', flag),
];

export const FEED_COLUMNS: readonly ColumnField[] = [
  field('url', text),
  field('created_at', text),
  field('title', text),
  field('custom_title', textOrNull),
  field('site_url', textOrNull),
  field('folder', textOrNull),
  field('fetch_full', flag),
  field('keep_days', intOrNull),
  field('keep_items', intOrNull),
];

export const COLUMNS_OF: Record<EntityKind, readonly ColumnField[]> = {
  article: ARTICLE_COLUMNS,
  highlight: HIGHLIGHT_COLUMNS,
  feed: FEED_COLUMNS,
};

export const TABLE_OF: Record<EntityKind, string> = { article: 'articles', highlight: 'highlights', feed: 'feeds' };

/** Fields a row cannot be made without: a change without them waits (sync_parked). */
export const CREATION_FIELDS: Record<EntityKind, readonly string[]> = {
  article: ['url', 'created_at'],
  highlight: ['article_id', 'created_at', 'quote'],
  feed: ['url', 'created_at'],
};

/** Outbox field names (columns, as triggers see them) to sync field names. */
export function syncFieldOf(entity: EntityKind, outboxField: string): string {
  if (entity === 'article' && outboxField === 'body_z') return 'body';
  return outboxField;
}

const SHA256 = /^[0-9a-f]{64}$/;
export const isSha256 = (v: unknown): v is string => typeof v === 'string' && SHA256.test(v);

/** Whether a value may be stored in this field; a segment with one that may not is refused. */
export function validValue(entity: EntityKind, name: string, value: unknown, isNote: (v: unknown) => boolean): boolean {
  if (name === 'deleted') return entity === 'highlight' ? typeof value === 'boolean' : value === true;
  if (entity === 'article') {
    if (name === 'body') return value === null || isSha256(value);
    if (name === 'assets') return Array.isArray(value) && value.every(isSha256);
    if (name === 'note') return isNote(value);
    if (name.startsWith('tag:')) return value === null || (typeof value === 'string' && value.trim() !== '' && value.length <= 200);
  }
  const spec = COLUMNS_OF[entity].find((c) => c.name === name);
  return spec !== undefined && spec.check(value);
}
