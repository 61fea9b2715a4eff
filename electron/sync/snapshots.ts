// Compaction. A snapshot is a device's whole merged state (every entity with every field and
// stamp, tombstones, changes still parked) and what it includes (the last segment of each
// device). Merging is a join, so a new device can merge the newest snapshot of each device and
// then read only the segments after them. A device removes only its own files: its older
// snapshots, and its segments every known device has acknowledged.
//
// Tombstones are collected (sync forgets the deletion; the library row stays a tombstone here,
// so nothing comes back on this device) once no file can still bring the entity back: every
// known device has applied the deletion, this device has applied everything each of them wrote
// before acknowledging it, and every device's newest snapshot includes it.
import { readEntity } from './entity-read.ts';
import type { Ack, Entry } from './segment-format.ts';
import { ENTITY_KINDS, TABLE_OF, type EntityKind } from './sync-fields.ts';
import type { Seen, SyncStore } from './sync-store.ts';

/** Every entity this device knows, as entries. */
export function snapshotEntries(store: SyncStore): Entry[] {
  const entries: Entry[] = [];
  for (const e of ENTITY_KINDS) {
    const ids = store.stmts
      .get(`SELECT id FROM ${TABLE_OF[e]} UNION SELECT entity_id FROM sync_tombstones WHERE entity = ? ORDER BY 1`)
      .all(e) as { id: string }[];
    for (const { id } of ids) {
      const read = readEntity(store, e, id, null);
      if (read) entries.push(read.entry);
    }
  }
  for (const row of store.stmts.get('SELECT entry FROM sync_parked ORDER BY entity, entity_id').all() as { entry: string }[]) {
    entries.push(JSON.parse(row.entry) as Entry);
  }
  return entries;
}

const covers = (seen: Seen | null | undefined, device: string, seq: number): boolean => (seen?.[device] ?? 0) >= seq;

/**
 * Forgets the tombstones no file can undo any more (see above). `acks`: every other known
 * device's acknowledgement; `mine`: what this device has seen, its own last segment included.
 * Seen vectors (here, in acks and snapshots) always include the device's own last segment.
 */
export function collectTombstones(store: SyncStore, acks: readonly Ack[], mine: Seen, mySnapshot: Seen | null): number {
  const caughtUp = acks.every((a) => covers(mine, a.device, a.seq));
  if (!caughtUp) return 0;
  const rows = store.stmts.get('SELECT entity, entity_id, origin_device, origin_seq FROM sync_tombstones WHERE origin_seq > 0').all() as {
    entity: EntityKind;
    entity_id: string;
    origin_device: string;
    origin_seq: number;
  }[];
  let collected = 0;
  for (const t of rows) {
    const seq = Number(t.origin_seq);
    const everyone = covers(mine, t.origin_device, seq) && acks.every((a) => covers(a.seen, t.origin_device, seq));
    const snapshots = [mySnapshot, ...acks.map((a) => a.snapshotSeen)].every((s) => s === null || covers(s, t.origin_device, seq));
    if (everyone && snapshots) {
      store.forget(t.entity, t.entity_id);
      collected++;
    }
  }
  return collected;
}
