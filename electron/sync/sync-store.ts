// The engine's own tables (migration 0009): device id, clock, segment numbers, what was seen,
// field stamps, note states. One per library connection; every method is synchronous and
// runs inside the caller's transaction.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { StatementCache } from '../library/db.ts';
import { formatStamp, parseStamp, receive, tick, type Hlc } from './hlc.ts';
import { isNoteState, type NoteState } from './note-merge.ts';

/** Every live article, highlight and feed as one '*' outbox row (all its fields), as migration 0009 does. */
const REQUEUE_EVERYTHING_SQL = `
  INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at)
    SELECT 'article', id, '*', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM articles WHERE deleted_at IS NULL;
  INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at)
    SELECT 'highlight', h.id, '*', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM highlights h
    JOIN articles a ON a.id = h.article_id WHERE a.deleted_at IS NULL;
  INSERT OR REPLACE INTO sync_outbox (entity, entity_id, field, at)
    SELECT 'feed', id, '*', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM feeds WHERE deleted_at IS NULL;
`;
import type { EntityKind } from './sync-fields.ts';

export type Seen = Record<string, number>;

export class SyncStore {
  readonly db: DatabaseSync;
  readonly stmts: StatementCache;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.stmts = new StatementCache(db);
  }

  #get(key: string): string | null {
    const row = this.stmts.get('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  #set(key: string, value: string): void {
    this.stmts.get('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)').run(key, value);
  }

  /**
   * Ties this library's sync bookkeeping to one remote. On another remote than the last it
   * becomes a new device there: a new id (so its numbered segments never meet the old ones),
   * nothing seen, no blob known to be there, and everything it holds queued to push again.
   * Edits waiting for the old remote are pushed to the new one with the rest.
   */
  useRemote(remoteId: string): void {
    const last = this.#get('remote');
    if (last === remoteId) return;
    if (last !== null) {
      for (const key of ['device', 'next_seq', 'snapshot_seen', 'applied_snapshots']) this.stmts.get('DELETE FROM sync_state WHERE key = ?').run(key);
      for (const table of ['sync_seen', 'sync_blobs']) this.stmts.get(`DELETE FROM ${table}`).run();
      this.db.exec(REQUEUE_EVERYTHING_SQL);
    }
    this.#set('remote', remoteId);
  }

  /** This library's device id: 16 hex characters, made on first use. */
  deviceId(): string {
    let id = this.#get('device');
    if (!id) this.#set('device', (id = randomBytes(8).toString('hex')));
    return id;
  }

  clock(): Hlc {
    const saved = parseStamp(this.#get('clock') ?? '');
    return saved ?? { wall: 0, counter: 0, device: this.deviceId() };
  }

  /** Stamps a local change made at wall time `at`. */
  tick(at: number): string {
    const next = tick(this.clock(), at);
    this.#set('clock', formatStamp(next));
    return formatStamp(next);
  }

  /** Moves the clock past a stamp received. */
  receive(stamp: string, now: number): void {
    const remote = parseStamp(stamp);
    if (remote) this.#set('clock', formatStamp(receive(this.clock(), remote, now)));
  }

  /** Takes the next segment number (committed before the segment is written: see sync-engine.ts). */
  takeSeq(): number {
    const seq = Number(this.#get('next_seq') ?? '1');
    this.#set('next_seq', String(seq + 1));
    return seq;
  }

  /** The last segment number taken (0: none). */
  lastSeq(): number {
    return Number(this.#get('next_seq') ?? '1') - 1;
  }

  jsonState<T>(key: string): T | null {
    const raw = this.#get(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  }

  setJsonState(key: string, value: unknown): void {
    this.#set(key, JSON.stringify(value));
  }

  seen(): Seen {
    const out: Seen = {};
    for (const r of this.stmts.get('SELECT device, seq FROM sync_seen').all() as { device: string; seq: number }[]) out[r.device] = Number(r.seq);
    return out;
  }

  markSeen(device: string, seq: number): void {
    this.stmts.get('INSERT INTO sync_seen (device, seq) VALUES (?, ?) ON CONFLICT (device) DO UPDATE SET seq = max(seq, excluded.seq)').run(device, seq);
  }

  /** The stamp of a field's current value: its own, or the entity's '*' stamp; '' when none. */
  stampOf(entity: EntityKind, id: string, fieldName: string): string {
    const row = this.stmts
      .get(`SELECT stamp FROM sync_stamps WHERE entity = ? AND entity_id = ? AND field IN (?, '*') ORDER BY field = '*' LIMIT 1`)
      .get(entity, id, fieldName) as { stamp: string } | undefined;
    return row?.stamp ?? '';
  }

  /** All stamps of an entity: '*' and the fields with their own. */
  stampsOf(entity: EntityKind, id: string): Map<string, string> {
    const rows = this.stmts.get('SELECT field, stamp FROM sync_stamps WHERE entity = ? AND entity_id = ?').all(entity, id) as { field: string; stamp: string }[];
    return new Map(rows.map((r) => [r.field, r.stamp]));
  }

  setStamp(entity: EntityKind, id: string, fieldName: string, stamp: string): void {
    this.stmts.get('INSERT OR REPLACE INTO sync_stamps (entity, entity_id, field, stamp) VALUES (?, ?, ?, ?)').run(entity, id, fieldName, stamp);
  }

  /** A note's state; a note never merged is one head, its text under its field's stamp. */
  noteState(articleId: string, currentText: string): NoteState {
    const row = this.stmts.get('SELECT state FROM sync_notes WHERE article_id = ?').get(articleId) as { state: string } | undefined;
    const parsed: unknown = row ? JSON.parse(row.state) : null;
    if (isNoteState(parsed)) return parsed;
    const stamp = this.stampOf('article', articleId, 'note');
    return { heads: stamp ? [{ s: stamp, t: currentText }] : [], dead: [] };
  }

  setNoteState(articleId: string, state: NoteState): void {
    this.stmts.get('INSERT OR REPLACE INTO sync_notes (article_id, state) VALUES (?, ?)').run(articleId, JSON.stringify(state));
  }

  tombstone(entity: EntityKind, id: string): { device: string; seq: number } | null {
    const row = this.stmts.get('SELECT origin_device, origin_seq FROM sync_tombstones WHERE entity = ? AND entity_id = ?').get(entity, id) as
      | { origin_device: string; origin_seq: number }
      | undefined;
    return row ? { device: row.origin_device, seq: Number(row.origin_seq) } : null;
  }

  addTombstone(entity: EntityKind, id: string, device: string, seq: number): void {
    this.stmts.get('INSERT OR IGNORE INTO sync_tombstones (entity, entity_id, origin_device, origin_seq) VALUES (?, ?, ?, ?)').run(entity, id, device, seq);
  }

  /** Records that `lost` was deleted as a duplicate of `kept` (same address). */
  addAlias(lost: string, kept: string): void {
    this.stmts.get('INSERT OR REPLACE INTO sync_aliases (lost, kept) VALUES (?, ?)').run(lost, kept);
  }

  /** The live article a duplicate was merged into (following merges of merges), or null. */
  aliasOf(id: string): string | null {
    let current = id;
    for (let hops = 0; hops < 16; hops++) {
      const row = this.stmts.get('SELECT kept FROM sync_aliases WHERE lost = ?').get(current) as { kept: string } | undefined;
      if (!row) return current === id ? null : current;
      current = row.kept;
    }
    return null;
  }

  /** Drops what sync keeps about an entity once its tombstone is collected. */
  forget(entity: EntityKind, id: string): void {
    for (const table of ['sync_tombstones', 'sync_stamps', 'sync_parked']) {
      this.stmts.get(`DELETE FROM ${table} WHERE entity = ? AND entity_id = ?`).run(entity, id);
    }
    if (entity === 'article') this.stmts.get('DELETE FROM sync_notes WHERE article_id = ?').run(id);
  }

  blobKnown(hash: string): boolean {
    return this.stmts.get('SELECT 1 FROM sync_blobs WHERE hash = ?').get(hash) !== undefined;
  }

  addBlob(hash: string): void {
    this.stmts.get('INSERT OR IGNORE INTO sync_blobs (hash) VALUES (?)').run(hash);
  }

  /** While a remote's changes are applied: the triggers note nothing. */
  setApplying(on: boolean): void {
    this.stmts.get(on ? 'INSERT OR IGNORE INTO sync_applying (on_) VALUES (1)' : 'DELETE FROM sync_applying').run();
  }
}
