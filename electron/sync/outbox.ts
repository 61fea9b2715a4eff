// The push side: outbox rows get their clock stamps (before every push and every apply, so a
// local change is ordered against remote ones by when it was made), then become segment
// entries with values read from the rows. Rows leave the outbox only after the segment holding
// them is written, and only if unchanged since (a change during the upload is pushed next).
import { readEntity } from './entity-read.ts';
import { editNote } from './note-merge.ts';
import { syncFieldOf, type EntityKind } from './sync-fields.ts';
import type { Entry } from './segment-format.ts';
import type { SyncStore } from './sync-store.ts';

interface OutboxRow {
  entity: EntityKind;
  entity_id: string;
  field: string;
  at: number;
  stamp: string | null;
}

/**
 * Gives every unstamped change its stamp. `offset`: this device's clock minus the real one
 * (the triggers note real time; tests run devices hours apart).
 */
export function stampOutbox(store: SyncStore, offset: number): void {
  const rows = store.stmts.get('SELECT entity, entity_id, field, at FROM sync_outbox WHERE stamp IS NULL ORDER BY at').all() as unknown as OutboxRow[];
  if (rows.length === 0) return;
  const me = store.deviceId();
  const mark = store.stmts.get('UPDATE sync_outbox SET stamp = ? WHERE entity = ? AND entity_id = ? AND field = ?');
  for (const r of rows) {
    const stamp = store.tick(Number(r.at) + offset);
    mark.run(stamp, r.entity, r.entity_id, r.field);
    const name = syncFieldOf(r.entity, r.field);
    if (name === 'note' && r.entity === 'article') {
      const row = store.stmts.get('SELECT note FROM articles WHERE id = ?').get(r.entity_id) as { note: string } | undefined;
      const text = row?.note ?? '';
      store.setNoteState(r.entity_id, editNote(store.noteState(r.entity_id, text), stamp, text));
    }
    if (name === 'deleted' && r.entity !== 'highlight') store.addTombstone(r.entity, r.entity_id, me, 0);
    store.setStamp(r.entity, r.entity_id, name, stamp);
  }
}

export interface Outgoing {
  entries: Entry[];
  rows: { entity: string; entity_id: string; field: string; stamp: string }[];
  bodies: Map<string, Uint8Array>;
  assets: Set<string>;
}

/** The stamped outbox as entries, values as they are now. */
export function collectOutgoing(store: SyncStore): Outgoing {
  const rows = store.stmts
    .get('SELECT entity, entity_id, field, stamp FROM sync_outbox WHERE stamp IS NOT NULL ORDER BY entity, entity_id')
    .all() as unknown as (OutboxRow & { stamp: string })[];
  const groups = new Map<string, { e: EntityKind; id: string; fields: Set<string> | null }>();
  for (const r of rows) {
    const key = `${r.entity}\u0000${r.entity_id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { e: r.entity, id: r.entity_id, fields: new Set() }));
    if (r.field === '*') g.fields = null;
    else g.fields?.add(syncFieldOf(r.entity, r.field));
  }
  const out: Outgoing = { entries: [], rows, bodies: new Map(), assets: new Set() };
  // Articles first: a highlight or a feed's article arrives after what it needs.
  const order: EntityKind[] = ['feed', 'article', 'highlight'];
  for (const g of [...groups.values()].sort((a, b) => order.indexOf(a.e) - order.indexOf(b.e))) {
    const read = readEntity(store, g.e, g.id, g.fields);
    if (!read) continue;
    out.entries.push(read.entry);
    if (read.body && !store.blobKnown(read.body.hash)) out.bodies.set(read.body.hash, read.body.bytes);
    for (const hash of read.assets) if (!store.blobKnown(hash)) out.assets.add(hash);
  }
  return out;
}

/** This device's new deletions go out in segment `seq`: their tombstones' origin. */
export function assignOrigin(store: SyncStore, pushed: Outgoing, seq: number): void {
  const me = store.deviceId();
  store.stmts.get('UPDATE sync_tombstones SET origin_seq = ? WHERE origin_device = ? AND origin_seq = 0').run(seq, me);
  for (const e of pushed.entries) if (e.o && e.o[0] === me && e.o[1] === 0) e.o = [me, seq];
}

/** After the segment is written: its rows leave the outbox. */
export function clearPushed(store: SyncStore, pushed: Outgoing): void {
  const remove = store.stmts.get('DELETE FROM sync_outbox WHERE entity = ? AND entity_id = ? AND field = ? AND stamp = ?');
  for (const r of pushed.rows) remove.run(r.entity, r.entity_id, r.field, r.stamp);
  for (const hash of [...pushed.bodies.keys(), ...pushed.assets]) store.addBlob(hash);
}
