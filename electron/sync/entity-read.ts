// Reading an entity's synced fields from its row, with their stamps, as a segment entry: for a
// push (the fields that changed) and for a snapshot (all of them).
import { createHash } from 'node:crypto';
import type { Row } from '../library/article-rows.ts';
import { COLUMNS_OF, TABLE_OF, type EntityKind } from './sync-fields.ts';
import type { Entry } from './segment-format.ts';
import type { SyncStore } from './sync-store.ts';

export interface ReadEntity {
  entry: Entry;
  /** The stored body it refers to (sha256 → the body_z bytes), for the blob upload. */
  body: { hash: string; bytes: Uint8Array } | null;
  assets: string[];
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Sticky deletions: articles and feeds never come back (a highlight's is a plain field). */
export const hasTombstones = (e: EntityKind): boolean => e !== 'highlight';

function tagsOf(store: SyncStore, id: string): Map<string, string> {
  const rows = store.stmts
    .get('SELECT t.key, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? AND t.deleted_at IS NULL')
    .all(id) as { key: string; name: string }[];
  return new Map(rows.map((r) => [`tag:${r.key}`, r.name]));
}

function assetsOf(store: SyncStore, id: string): string[] {
  return (store.stmts.get('SELECT hash FROM article_assets WHERE article_id = ? ORDER BY hash').all(id) as { hash: string }[]).map((r) => r.hash);
}

/** Picks the stamp most fields share as `s`; the rest go in `fs`. */
function stampEntry(e: EntityKind, id: string, values: Record<string, unknown>, stamps: Map<string, string>): Entry | null {
  const star = stamps.get('*');
  const per = new Map<string, string>();
  for (const name of Object.keys(values)) {
    const s = stamps.get(name) ?? star;
    if (s === undefined) return null;
    per.set(name, s);
  }
  const s = star ?? [...per.values()][0];
  if (s === undefined) return null;
  const fs: Record<string, string> = {};
  for (const [name, stamp] of per) if (stamp !== s) fs[name] = stamp;
  return { e, id, s, f: values, ...(Object.keys(fs).length ? { fs } : {}) };
}

/**
 * The entity's fields (`only`: just these; null: all of them) with their stamps. Null when it
 * is not here or has no stamp yet (not pushed: a later push carries it).
 */
export function readEntity(store: SyncStore, e: EntityKind, id: string, only: ReadonlySet<string> | null): ReadEntity | null {
  const stamps = store.stampsOf(e, id);
  const tomb = hasTombstones(e) ? store.tombstone(e, id) : null;
  if (tomb) {
    if (only && !only.has('deleted')) return null;
    const s = stamps.get('deleted');
    if (!s) return null;
    return { entry: { e, id, s, f: { deleted: true }, o: [tomb.device, tomb.seq] }, body: null, assets: [] };
  }
  const row = store.stmts.get(`SELECT * FROM ${TABLE_OF[e]} WHERE id = ?`).get(id) as Row | undefined;
  if (!row || (hasTombstones(e) && row.deleted_at !== null)) return null;
  const values: Record<string, unknown> = {};
  const want = (name: string): boolean => !only || only.has(name);
  for (const c of COLUMNS_OF[e]) if (want(c.name)) values[c.name] = row[c.column] ?? null;
  let body: ReadEntity['body'] = null;
  let assets: string[] = [];
  if (e === 'article') {
    if (values.status === 'fetching') values.status = 'pending';
    if (typeof values.progress === 'number') values.progress = Math.min(Math.max(values.progress, 0), 1);
    if (want('body')) {
      const bytes = row.body_z instanceof Uint8Array && row.body_z.byteLength > 0 ? row.body_z : null;
      body = bytes ? { hash: sha256(bytes), bytes } : null;
      values.body = body?.hash ?? null;
    }
    if (want('assets')) values.assets = assets = assetsOf(store, id);
    if (want('note')) values.note = store.noteState(id, String(row.note ?? ''));
    const tags = tagsOf(store, id);
    const tagFields = only ? [...only].filter((n) => n.startsWith('tag:')) : [...new Set([...tags.keys(), ...[...stamps.keys()].filter((n) => n.startsWith('tag:'))])];
    for (const name of tagFields) values[name] = tags.get(name) ?? null;
  }
  if (e === 'highlight' && want('deleted')) values.deleted = row.deleted_at !== null;
  const entry = stampEntry(e, id, values, stamps);
  return entry ? { entry, body, assets } : null;
}
