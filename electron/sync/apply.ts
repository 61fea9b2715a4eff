// The pull side: one remote entry merged into the library. Each field keeps the value with the
// higher stamp (last writer wins, in clock order), a note keeps concurrent texts (note-merge.ts),
// a deletion of an article or a feed is final. Applying an entry twice, or entries in another
// order, ends in the same rows: merging is idempotent and commutative, which is what lets a
// round be killed anywhere and run again. Runs inside the caller's transaction, with the
// triggers silenced (SyncStore.setApplying).
import type { Row } from '../library/article-rows.ts';
import { anchorTextOf } from '../library/anchor-text.ts';
import { nowIso } from '../library/clock.ts';
import { unpackBody } from '../library/compress.ts';
import { cjkIndexText } from '../library/fts-match.ts';
import type { Library } from '../library/library.ts';
import { ensureTag } from '../library/tags.ts';
import { hasTombstones } from './entity-read.ts';
import { compareStamps } from './hlc.ts';
import { isNoteState, mergeNotes, renderNote, sameNoteState, type NoteState } from './note-merge.ts';
import { createEntity, markMoved } from './entity-create.ts';
import { SegmentFormatError, type Entry } from './segment-format.ts';
import { COLUMNS_OF, CREATION_FIELDS, TABLE_OF, validValue, type EntityKind } from './sync-fields.ts';
import type { SyncStore } from './sync-store.ts';

export interface ApplyContext {
  library: Library;
  store: SyncStore;
  /** Blobs fetched for this segment: sha256 → bytes. */
  bodies: ReadonlyMap<string, Uint8Array>;
  /** The segment being applied (device, seq): where a deletion in it comes from. */
  origin: [string, number];
  conflicts: number;
}

export const stampOfField = (entry: Entry, name: string): string => entry.fs?.[name] ?? entry.s;

export function checkEntry(entry: Entry): void {
  for (const [name, value] of Object.entries(entry.f)) {
    if (!validValue(entry.e, name, value, isNoteState)) throw new SegmentFormatError(`Field ${name} of ${entry.e} ${entry.id} has a value it cannot take`);
  }
}

/** Two entries for one entity as one: each field from the one that stamped it later. */
export function mergeEntries(a: Entry, b: Entry): Entry {
  const f: Record<string, unknown> = {};
  const fs: Record<string, string> = {};
  for (const name of new Set([...Object.keys(a.f), ...Object.keys(b.f)])) {
    const sa = name in a.f ? stampOfField(a, name) : '';
    const sb = name in b.f ? stampOfField(b, name) : '';
    const [from, s] = compareStamps(sa, sb) >= 0 ? [a, sa] : [b, sb];
    f[name] = name === 'note' && name in a.f && name in b.f ? mergeNotes(a.f.note as NoteState, b.f.note as NoteState) : from.f[name];
    fs[name] = s;
  }
  const o = a.o ?? b.o;
  return { e: a.e, id: a.id, s: a.s, f, fs, ...(o ? { o } : {}) };
}

function isDead(ctx: ApplyContext, e: EntityKind, id: string): boolean {
  if (!hasTombstones(e)) return false;
  if (ctx.store.tombstone(e, id)) return true;
  const row = ctx.store.stmts.get(`SELECT deleted_at FROM ${TABLE_OF[e]} WHERE id = ?`).get(id) as Row | undefined;
  return row !== undefined && row.deleted_at !== null;
}

function park(ctx: ApplyContext, entry: Entry): void {
  const row = ctx.store.stmts.get('SELECT entry FROM sync_parked WHERE entity = ? AND entity_id = ?').get(entry.e, entry.id) as { entry: string } | undefined;
  const merged = row ? mergeEntries(JSON.parse(row.entry) as Entry, entry) : entry;
  ctx.store.stmts.get('INSERT OR REPLACE INTO sync_parked (entity, entity_id, entry) VALUES (?, ?, ?)').run(entry.e, entry.id, JSON.stringify(merged));
}

function takeParked(ctx: ApplyContext, e: EntityKind, id: string): Entry | null {
  const row = ctx.store.stmts.get('SELECT entry FROM sync_parked WHERE entity = ? AND entity_id = ?').get(e, id) as { entry: string } | undefined;
  if (!row) return null;
  ctx.store.stmts.get('DELETE FROM sync_parked WHERE entity = ? AND entity_id = ?').run(e, id);
  return JSON.parse(row.entry) as Entry;
}

function applyDeletion(ctx: ApplyContext, entry: Entry): void {
  const { e, id } = entry;
  ctx.store.setStamp(e, id, 'deleted', stampOfField(entry, 'deleted'));
  const [device, seq] = entry.o ?? ctx.origin;
  ctx.store.addTombstone(e, id, device, seq);
  takeParked(ctx, e, id);
  if (e === 'article') ctx.library.delete(id);
  else ctx.library.feeds.remove(id);
}

export function applyEntry(ctx: ApplyContext, incoming: Entry): void {
  checkEntry(incoming);
  const { e, id } = incoming;
  if (isDead(ctx, e, id)) return;
  if (hasTombstones(e) && incoming.f.deleted === true) return applyDeletion(ctx, incoming);
  const exists = ctx.store.stmts.get(`SELECT 1 FROM ${TABLE_OF[e]} WHERE id = ?`).get(id) !== undefined;
  if (!exists) {
    const parked = takeParked(ctx, e, id);
    const entry = parked ? mergeEntries(parked, incoming) : incoming;
    const ready = CREATION_FIELDS[e].every((name) => name in entry.f);
    if (e === 'highlight' && ready) {
      const articleId = String(entry.f.article_id);
      if (isDead(ctx, 'article', articleId)) {
        // Its article was merged into another with the same address: it goes there. Otherwise
        // it waits, in case a device that knows of such a merge tells where it went.
        const kept = ctx.store.aliasOf(articleId);
        if (kept === null || isDead(ctx, 'article', kept)) return park(ctx, entry);
        createEntity(ctx, { ...entry, f: { ...entry.f, article_id: kept } });
        markMoved(ctx, id);
        return;
      }
      if (ctx.store.stmts.get('SELECT 1 FROM articles WHERE id = ?').get(articleId) === undefined) return park(ctx, entry);
    }
    if (!ready) return park(ctx, entry);
    createEntity(ctx, entry);
    return;
  }
  applyFields(ctx, incoming);
}

/** Later changes to an entity already here. */
function applyFields(ctx: ApplyContext, entry: Entry): void {
  const { store } = ctx;
  const { e, id } = entry;
  if (e === 'highlight' && typeof entry.f.article_id === 'string') {
    // A highlight moved to the article kept in place of a duplicate: that article may not be
    // here yet (it waits), or be a duplicate itself (it goes where that one went).
    const target = entry.f.article_id;
    const kept = isDead(ctx, 'article', target) ? store.aliasOf(target) : target;
    if (kept === null || store.stmts.get('SELECT 1 FROM articles WHERE id = ? AND deleted_at IS NULL').get(kept) === undefined) return park(ctx, entry);
    if (kept !== target) entry = { ...entry, f: { ...entry.f, article_id: kept } };
  }
  const sets: string[] = [];
  const params: Record<string, string | number | null | Uint8Array> = { id, now: nowIso() };
  let reindex = false;
  let reanchor = false;
  for (const [name, value] of Object.entries(entry.f)) {
    const stamp = stampOfField(entry, name);
    const current = store.stampOf(e, id, name);
    if (name === 'note' && e === 'article') {
      const text = String((store.stmts.get('SELECT note FROM articles WHERE id = ?').get(id) as Row).note ?? '');
      const mine = store.noteState(id, text);
      const merged = mergeNotes(mine, value as NoteState);
      if (sameNoteState(mine, merged)) continue;
      if (merged.heads.length > 1 && mine.heads.length <= 1) ctx.conflicts++;
      store.setNoteState(id, merged);
      store.setStamp(e, id, 'note', compareStamps(stamp, current) > 0 ? stamp : current);
      sets.push('note = :note');
      params.note = renderNote(merged);
      reindex = true;
      continue;
    }
    if (compareStamps(stamp, current) <= 0) continue;
    store.setStamp(e, id, name, stamp);
    const column = COLUMNS_OF[e].find((c) => c.name === name);
    if (column) {
      sets.push(`${column.column} = :${column.column}`);
      params[column.column] = value as string | number | null;
      if (name === 'title' || name === 'byline') reindex = true;
    } else if (name === 'body') {
      const bytes = value === null ? new Uint8Array(0) : ctx.bodies.get(String(value));
      if (!bytes) throw new SegmentFormatError(`The stored body ${String(value)} of article ${id} could not be fetched`);
      sets.push('body_z = :body_z');
      params.body_z = bytes;
      reindex = reanchor = true;
    } else if (name === 'assets') {
      replaceAssets(store, id, value as string[]);
    } else if (name.startsWith('tag:')) {
      setTag(store, id, name.slice(4), value as string | null);
    } else if (name === 'deleted' && e === 'highlight') {
      // Where it is after this entry (a move to the kept copy of a duplicate comes with it).
      const articleId = typeof entry.f.article_id === 'string'
        ? entry.f.article_id
        : String((store.stmts.get('SELECT article_id FROM highlights WHERE id = ?').get(id) as Row).article_id);
      if (value === false && isDead(ctx, 'article', articleId)) continue;
      sets.push('deleted_at = :deleted_at');
      params.deleted_at = value ? params.now! : null;
    }
  }
  if (sets.length > 0) store.stmts.get(`UPDATE ${TABLE_OF[e]} SET ${sets.join(', ')}, updated_at = :now WHERE id = :id`).run(params);
  if (e === 'article' && reindex) refreshCjk(store, id);
  if (e === 'article' && reanchor && ctx.library.highlights.count(id) > 0) {
    const html = unpackBody((store.stmts.get('SELECT body_z FROM articles WHERE id = ?').get(id) as Row).body_z).html;
    ctx.library.highlights.reanchor(id, anchorTextOf(html));
  }
}

export function refreshCjk(store: SyncStore, id: string): void {
  const row = store.stmts.get('SELECT title, byline, body_z, note FROM articles WHERE id = ?').get(id) as Row;
  const cjk = cjkIndexText(String(row.title), row.byline as string | null, unpackBody(row.body_z).text, String(row.note));
  store.stmts.get('UPDATE articles SET cjk = ? WHERE id = ? AND cjk IS NOT ?').run(cjk, id, cjk);
}

export function replaceAssets(store: SyncStore, id: string, hashes: readonly string[]): void {
  const now = nowIso();
  store.stmts.get('DELETE FROM article_assets WHERE article_id = ?').run(id);
  for (const hash of new Set(hashes)) {
    store.stmts.get('INSERT OR IGNORE INTO assets (hash, created_at) VALUES (?, ?)').run(hash, now);
    store.stmts.get('INSERT OR IGNORE INTO article_assets (article_id, hash) VALUES (?, ?)').run(id, hash);
  }
}

/** One tag of an article, by its folded key: present under `name`, or absent (null). */
export function setTag(store: SyncStore, articleId: string, key: string, name: string | null): void {
  if (name === null) {
    store.stmts
      .get('DELETE FROM article_tags WHERE article_id = ? AND tag_id IN (SELECT id FROM tags WHERE key = ? AND deleted_at IS NULL)')
      .run(articleId, key);
    return;
  }
  const tagId = ensureTag(store.stmts, name, nowIso());
  if (tagId) store.stmts.get('INSERT OR IGNORE INTO article_tags (article_id, tag_id, created_at) VALUES (?, ?, ?)').run(articleId, tagId, nowIso());
}
