// An entity first seen in a remote's entry: one INSERT with every field (one full-text index
// write, not one per field). Two devices that saved the same address each made an article (or
// a feed) of their own; one live row per address is the library's rule, so the one with the
// greater id is deleted, on every device alike, and that deletion is synced like any other.
// The kept article takes the other's tags, star and note, and its highlights move there (as
// local changes, so that a device that only ever sees the deletion learns where they went).
import type { Row } from '../library/article-rows.ts';
import { hostOf } from '../library/article-rows.ts';
import { nowIso } from '../library/clock.ts';
import { unpackBody } from '../library/compress.ts';
import { cjkIndexText } from '../library/fts-match.ts';
import { TAGS_TEXT_OF } from '../library/fts-sql.ts';
import type { ApplyContext } from './apply.ts';
import { replaceAssets, setTag, stampOfField } from './apply.ts';
import { renderNote, type NoteState } from './note-merge.ts';
import { SegmentFormatError, type Entry } from './segment-format.ts';
import { COLUMNS_OF, TABLE_OF, type EntityKind } from './sync-fields.ts';

const DEFAULTS: Record<EntityKind, Record<string, string | number | null>> = {
  article: { title: '', host: '', word_count: 0, status: 'pending', starred: 0, archived: 0, progress: 0 },
  highlight: { prefix: '', suffix: '', color: 'yellow', note: '', orphaned: 0 },
  feed: { title: '', fetch_full: 1 },
};

/** Deletes `id` here as a local change (pushed like the reader's own), or records that it is gone. */
function deleteAsDuplicate(ctx: ApplyContext, e: EntityKind, id: string, live: boolean): void {
  ctx.store.setApplying(false);
  try {
    if (live && e === 'article') ctx.library.delete(id);
    else if (live) ctx.library.feeds.remove(id);
    else {
      ctx.store.stmts
        .get("INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at) VALUES (?, ?, 'deleted', CAST(unixepoch('subsec') * 1000 AS INTEGER))")
        .run(e, id);
    }
  } finally {
    ctx.store.setApplying(true);
  }
  if (!live) ctx.store.addTombstone(e, id, ctx.store.deviceId(), 0);
}

/** Moves the highlights of a duplicate to the article kept in its place, and remembers the move. */
function moveHighlights(ctx: ApplyContext, lost: string, kept: string, ids: readonly string[]): void {
  ctx.store.addAlias(lost, kept);
  ctx.store.setApplying(false);
  try {
    // Deleting the duplicate deleted them with it (a trigger): they come back, in their new place.
    const move = ctx.store.stmts.get('UPDATE highlights SET article_id = ?, deleted_at = NULL WHERE id = ?');
    for (const id of ids) move.run(kept, id);
  } finally {
    ctx.store.setApplying(true);
  }
}

/** A highlight this device moved itself: pushed as a local change of its article. */
export function markMoved(ctx: ApplyContext, highlightId: string): void {
  ctx.store.stmts
    .get("INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at) VALUES ('highlight', ?, 'article_id', CAST(unixepoch('subsec') * 1000 AS INTEGER))")
    .run(highlightId);
}

/** What the reader gave a duplicate that the kept copy takes over: tags, the star, the note. */
interface Kept {
  tags: string[];
  starred: boolean;
  note: string;
}

function keptOfRow(ctx: ApplyContext, id: string): Kept | null {
  const summary = ctx.library.summary(id);
  return summary ? { tags: summary.tags, starred: summary.starred, note: ctx.library.getNote(id) ?? '' } : null;
}

function keptOfEntry(entry: Entry): Kept {
  const tags = Object.entries(entry.f).flatMap(([name, value]) => (name.startsWith('tag:') && typeof value === 'string' ? [value] : []));
  return { tags, starred: entry.f.starred === 1, note: entry.f.note ? renderNote(entry.f.note as NoteState) : '' };
}

/** As the reader's own changes (pushed like them): every device that meets the pair does the same. */
function keepInto(ctx: ApplyContext, id: string, kept: Kept | null): void {
  if (!kept) return;
  ctx.store.setApplying(false);
  try {
    if (kept.tags.length) ctx.library.addTags(id, kept.tags);
    if (kept.starred) ctx.library.setStarred(id, true);
    const note = ctx.library.getNote(id) ?? '';
    if (kept.note && !note.includes(kept.note)) ctx.library.setNote(id, note ? `${note}\n\n${kept.note}` : kept.note);
  } finally {
    ctx.store.setApplying(true);
  }
}

/**
 * Where the entry stands against a live row with the same address: 'lost' (it is deleted and
 * what it held moves to that row), or the row it replaces, whose tags, star and note it takes.
 */
function resolveAddress(ctx: ApplyContext, entry: Entry): 'lost' | { replaced: Kept | null; lost?: { id: string; highlights: string[] } } {
  if (entry.e === 'highlight') return { replaced: null };
  const other = ctx.store.stmts
    .get(`SELECT id FROM ${TABLE_OF[entry.e]} WHERE url = ? AND deleted_at IS NULL AND id <> ?`)
    .get(String(entry.f.url), entry.id) as Row | undefined;
  if (!other) return { replaced: null };
  const otherId = String(other.id);
  if (otherId < entry.id) {
    if (entry.e === 'article') keepInto(ctx, otherId, keptOfEntry(entry));
    deleteAsDuplicate(ctx, entry.e, entry.id, false);
    // Its highlights have not come yet (they wait for it); they will find their way by the alias.
    if (entry.e === 'article') ctx.store.addAlias(entry.id, otherId);
    return 'lost';
  }
  if (entry.e !== 'article') {
    deleteAsDuplicate(ctx, entry.e, otherId, true);
    return { replaced: null };
  }
  const replaced = keptOfRow(ctx, otherId);
  const highlights = (ctx.store.stmts.get('SELECT id FROM highlights WHERE article_id = ? AND deleted_at IS NULL').all(otherId) as Row[]).map((row) => String(row.id));
  deleteAsDuplicate(ctx, entry.e, otherId, true);
  return { replaced, lost: { id: otherId, highlights } };
}

export function createEntity(ctx: ApplyContext, entry: Entry): void {
  const { store } = ctx;
  const { e, id } = entry;
  const address = resolveAddress(ctx, entry);
  if (address === 'lost') return;
  const now = nowIso();
  const values: Record<string, string | number | null | Uint8Array> = { ...DEFAULTS[e], id, now };
  for (const c of COLUMNS_OF[e]) if (c.name in entry.f) values[c.column] = entry.f[c.name] as string | number | null;
  const columns = ['id', ...COLUMNS_OF[e].map((c) => c.column).filter((c) => c in values), 'updated_at'];
  const exprs = columns.map((c) => (c === 'updated_at' ? ':now' : `:${c}`));
  if (e === 'article') {
    if (!entry.f.host) values.host = hostOf(String(entry.f.final_url ?? entry.f.url));
    const hash = entry.f.body as string | null | undefined;
    const body = hash ? ctx.bodies.get(hash) : new Uint8Array(0);
    if (!body) throw new SegmentFormatError(`The stored body ${hash} of article ${id} could not be fetched`);
    const note = entry.f.note as NoteState | undefined;
    values.body_z = body;
    values.note = note ? renderNote(note) : '';
    values.cjk = cjkIndexText(String(values.title), values.byline as string | null, unpackBody(body).text, String(values.note));
    columns.push('body_z', 'note', 'cjk', 'tags_text');
    exprs.push(':body_z', ':note', ':cjk', TAGS_TEXT_OF(':id'));
    // Tag links first (foreign keys wait for COMMIT), so the row is indexed with its tags once.
    store.stmts.get('PRAGMA defer_foreign_keys = ON').run();
    for (const [name, value] of Object.entries(entry.f)) if (name.startsWith('tag:') && value !== null) setTag(store, id, name.slice(4), String(value));
    if (note && !(note.heads.length === 1 && note.dead.length === 0 && note.heads[0]!.s === stampOfField(entry, 'note'))) store.setNoteState(id, note);
  }
  if (e === 'highlight') {
    columns.push('deleted_at');
    exprs.push(':deleted_at');
    values.deleted_at = entry.f.deleted === true ? now : null;
  }
  if (e === 'feed') {
    columns.push('next_check_at');
    exprs.push(':now');
  }
  const params: Record<string, string | number | null | Uint8Array> = { id, now };
  for (const c of columns) if (c in values) params[c] = values[c]!;
  store.stmts.get(`INSERT INTO ${TABLE_OF[e]} (${columns.join(', ')}) VALUES (${exprs.join(', ')})`).run(params);
  if (e === 'article' && Array.isArray(entry.f.assets)) replaceAssets(store, id, entry.f.assets as string[]);
  store.setStamp(e, id, '*', entry.s);
  for (const [name, stamp] of Object.entries(entry.fs ?? {})) if (stamp !== entry.s) store.setStamp(e, id, name, stamp);
  keepInto(ctx, id, address.replaced);
  if (address.lost) moveHighlights(ctx, address.lost.id, id, address.lost.highlights);
}
