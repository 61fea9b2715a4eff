// One sync round: push this device's changes as a new segment, pull every other device's
// segments not yet applied (from snapshots when it is new or has fallen behind), acknowledge,
// and compact. Storage is dumb: each device writes only its own files, and merging
// (apply.ts) is idempotent, so a round killed anywhere is simply run again:
//  - the segment number is committed before the segment is written, and the outbox cleared
//    only after: a kill in between pushes the same changes again, under a new number;
//  - each segment is applied in one transaction with its seen-marker;
//  - a file that does not decode (or open, under a vault) is reported and skipped, and that
//    device's later segments wait for a good copy, so nothing is applied out of order.
import { randomBytes } from 'node:crypto';
import type { AssetStore } from '../capture/images/asset-store.ts';
import type { Library } from '../library/library.ts';
import { applyEntry, type ApplyContext } from './apply.ts';
import { sha256 } from './entity-read.ts';
import { compareStamps } from './hlc.ts';
import { assignOrigin, clearPushed, collectOutgoing, stampOutbox } from './outbox.ts';
import {
  ackName,
  blobName,
  decodeAck,
  decodeSegment,
  decodeSnapshot,
  encodeFile,
  FORMAT_VERSION,
  isDeviceId,
  segmentName,
  segmentSeq,
  snapshotName,
  snapshotOf,
  type Ack,
  type Entry,
} from './segment-format.ts';
import { collectTombstones, snapshotEntries } from './snapshots.ts';
import type { SyncRemote } from './remote/sync-remote.ts';
import { SyncStore, type Seen } from './sync-store.ts';

export interface SyncRoundReport {
  pushed: number;
  pulled: number;
  applied: number;
  conflicts: number;
  rejected: { name: string; reason: string }[];
  bytesUp: number;
  bytesDown: number;
}

export interface SyncRoundOptions {
  signal?: AbortSignal;
  /** Where images live: those of pushed articles are uploaded (downloads: fetchSyncedAsset). */
  assets?: AssetStore;
  /** This device's clock (default Date.now); tests run devices hours apart. */
  now?: () => number;
  /** A snapshot once this device has more segments of its own on the remote (default 64). */
  snapshotAfter?: number;
}

const stores = new WeakMap<Library, SyncStore>();

function storeOf(library: Library): SyncStore {
  let store = stores.get(library);
  if (!store) stores.set(library, (store = new SyncStore(library.syncConnection())));
  return store;
}

/** Whether this library has changes not yet pushed. */
export function hasLocalChanges(library: Library): boolean {
  return storeOf(library).stmts.get('SELECT 1 FROM sync_outbox LIMIT 1').get() !== undefined;
}

/** This library's sync device id (made on first use). */
export function syncDeviceId(library: Library): string {
  return library.batch(() => storeOf(library).deviceId());
}

class Round {
  readonly report: SyncRoundReport = { pushed: 0, pulled: 0, applied: 0, conflicts: 0, rejected: [], bytesUp: 0, bytesDown: 0 };
  readonly store: SyncStore;
  readonly me: string;
  readonly offset: number;

  readonly library: Library;
  readonly remote: SyncRemote;
  readonly options: SyncRoundOptions;

  constructor(library: Library, remote: SyncRemote, options: SyncRoundOptions) {
    this.library = library;
    this.remote = remote;
    this.options = options;
    this.store = storeOf(library);
    this.me = library.batch(() => this.store.deviceId());
    this.offset = (options.now ?? Date.now)() - Date.now();
  }

  check(): void {
    this.options.signal?.throwIfAborted();
  }

  async read(name: string): Promise<Uint8Array | null> {
    this.check();
    const bytes = await this.remote.read(name);
    if (bytes) this.report.bytesDown += bytes.byteLength;
    return bytes;
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    this.check();
    await this.remote.write(name, bytes);
    this.report.bytesUp += bytes.byteLength;
  }

  async push(): Promise<void> {
    const { store } = this;
    const taken = this.library.batch(() => {
      stampOutbox(store, this.offset);
      const out = collectOutgoing(store);
      if (out.entries.length === 0) return null;
      const seq = store.takeSeq();
      assignOrigin(store, out, seq);
      return { out, seq };
    });
    if (!taken) return;
    const { out, seq } = taken;
    for (const [hash, bytes] of out.bodies) await this.write(blobName(hash), bytes);
    for (const hash of out.assets) {
      const asset = await this.options.assets?.read(hash);
      if (asset) await this.write(blobName(hash), asset.bytes);
      else out.assets.delete(hash);
    }
    await this.write(segmentName(this.me, seq), encodeFile({ format: 'lectern-sync-segment', version: FORMAT_VERSION, device: this.me, seq, entries: out.entries }));
    this.library.batch(() => clearPushed(store, out));
    this.report.pushed += out.entries.length;
  }

  /** The stored bodies these entries bring that would win here, fetched and checked. */
  async bodiesFor(entries: readonly Entry[]): Promise<Map<string, Uint8Array>> {
    const wanted = new Set<string>();
    for (const entry of entries) {
      const hash = entry.f.body;
      if (entry.e !== 'article' || typeof hash !== 'string') continue;
      const stamp = entry.fs?.body ?? entry.s;
      if (compareStamps(stamp, this.store.stampOf('article', entry.id, 'body')) > 0) wanted.add(hash);
    }
    const bodies = new Map<string, Uint8Array>();
    const queue = [...wanted];
    const worker = async (): Promise<void> => {
      for (let hash = queue.pop(); hash !== undefined; hash = queue.pop()) {
        const bytes = await this.read(blobName(hash));
        if (bytes && sha256(bytes) === hash) bodies.set(hash, bytes);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return bodies;
  }

  /** Applies entries in one transaction, with `after` (the seen-markers) inside it. */
  apply(entries: readonly Entry[], bodies: Map<string, Uint8Array>, origin: [string, number], after: () => void): void {
    const { store } = this;
    this.library.batch(() => {
      stampOutbox(store, this.offset);
      store.setApplying(true);
      const ctx: ApplyContext = { library: this.library, store, bodies, origin, conflicts: 0 };
      let newest = '';
      for (const entry of entries) {
        applyEntry(ctx, entry);
        for (const s of [entry.s, ...Object.values(entry.fs ?? {})]) if (s > newest) newest = s;
      }
      retryParked(ctx);
      store.setApplying(false);
      if (newest) store.receive(newest, Date.now() + this.offset);
      for (const hash of bodies.keys()) store.addBlob(hash);
      after();
      this.report.conflicts += ctx.conflicts;
      this.report.applied += entries.length;
    });
  }

  reject(name: string, err: unknown): void {
    if (err instanceof Error && err.name === 'AbortError') throw err;
    this.report.rejected.push({ name, reason: err instanceof Error ? err.message : String(err) });
  }

  async applySnapshots(devices: readonly string[], segments: Map<string, number[]>): Promise<void> {
    const newest = new Map<string, number>();
    for (const file of await this.remote.list('snapshots')) {
      const snap = snapshotOf(file);
      if (snap && snap.device !== this.me && snap.seq > (newest.get(snap.device) ?? -1)) newest.set(snap.device, snap.seq);
    }
    for (const [device, seq] of newest) {
      const seen = this.store.seen();
      const isNew = Object.keys(seen).filter((d) => d !== this.me).length === 0;
      // Needed when new, or when segments this device has not applied are gone (removed once
      // in their device's snapshot).
      const gap = devices.some((d) => {
        if (d === this.me) return false;
        const first = segments.get(d)?.[0];
        return first === undefined ? (newest.get(d) ?? 0) > (seen[d] ?? 0) : first > (seen[d] ?? 0) + 1;
      });
      if (!isNew && !gap) continue;
      const name = snapshotName(device, seq);
      const done = this.store.jsonState<string[]>('applied_snapshots') ?? [];
      if (done.includes(name)) continue;
      try {
        const bytes = await this.read(name);
        if (!bytes) continue;
        const snap = decodeSnapshot(bytes);
        if (snap.device !== device || snap.seq !== seq) throw new Error('The snapshot names another device or number');
        if (!Object.entries(snap.seen).some(([d, s]) => d !== this.me && s > (seen[d] ?? 0))) continue;
        const bodies = await this.bodiesFor(snap.entries);
        this.apply(snap.entries, bodies, [device, seq], () => {
          for (const [d, s] of Object.entries(snap.seen)) if (d !== this.me) this.store.markSeen(d, s);
          this.store.setJsonState('applied_snapshots', [...done.slice(-20), name]);
        });
        this.report.pulled += 1;
      } catch (err) {
        this.reject(name, err);
      }
    }
  }

  async pull(devices: readonly string[], segments: Map<string, number[]>): Promise<void> {
    await this.applySnapshots(devices, segments);
    for (const device of devices) {
      if (device === this.me) continue;
      const from = this.store.seen()[device] ?? 0;
      for (const seq of segments.get(device) ?? []) {
        if (seq <= from) continue;
        const name = segmentName(device, seq);
        try {
          const bytes = await this.read(name);
          // Removed since listed (compacted): stop here, so the next round sees the gap and
          // takes the snapshot that holds it, rather than applying later segments past it.
          if (!bytes) break;
          const segment = decodeSegment(bytes);
          if (segment.device !== device || segment.seq !== seq) throw new Error('The segment names another device or number');
          const bodies = await this.bodiesFor(segment.entries);
          this.apply(segment.entries, bodies, [device, seq], () => this.store.markSeen(device, seq));
          this.report.pulled += 1;
        } catch (err) {
          this.reject(name, err);
          break;
        }
      }
    }
  }

  async readAcks(devices: readonly string[]): Promise<Ack[] | null> {
    const acks: Ack[] = [];
    for (const device of devices) {
      if (device === this.me) continue;
      try {
        const bytes = await this.read(ackName(device));
        if (!bytes) return null;
        acks.push(decodeAck(bytes));
      } catch (err) {
        this.reject(ackName(device), err);
        return null;
      }
    }
    return acks;
  }

  mySeen(): Seen {
    return { ...this.store.seen(), [this.me]: this.store.lastSeq() };
  }

  async acknowledge(): Promise<void> {
    const ack: Ack = {
      format: 'lectern-sync-ack',
      version: FORMAT_VERSION,
      device: this.me,
      seq: this.store.lastSeq(),
      seen: this.mySeen(),
      snapshotSeen: this.store.jsonState<Seen>('snapshot_seen'),
    };
    await this.write(ackName(this.me), encodeFile(ack));
  }

  /**
   * A snapshot once enough segments are not in the last one; removal of own segments both in
   * a snapshot and acknowledged by every known device; then tombstones no file can undo.
   */
  async compact(devices: readonly string[], own: number[]): Promise<void> {
    const acks = await this.readAcks(devices);
    let snapshotSeen = this.store.jsonState<Seen>('snapshot_seen');
    const unsnapped = own.filter((s) => s > (snapshotSeen?.[this.me] ?? 0));
    if (unsnapped.length > (this.options.snapshotAfter ?? 64)) {
      const seq = this.store.lastSeq();
      const { entries, seen } = this.library.batch(() => ({ entries: snapshotEntries(this.store), seen: this.mySeen() }));
      await this.write(snapshotName(this.me, seq), encodeFile({ format: 'lectern-sync-snapshot', version: FORMAT_VERSION, device: this.me, seq, seen, entries }));
      this.library.batch(() => this.store.setJsonState('snapshot_seen', seen));
      snapshotSeen = seen;
      for (const file of await this.remote.list('snapshots')) {
        const snap = snapshotOf(file);
        if (snap && snap.device === this.me && snap.seq < seq) await this.remote.remove(`snapshots/${file}`);
      }
      await this.acknowledge();
    }
    if (!acks) return;
    const removable = Math.min(snapshotSeen?.[this.me] ?? 0, ...acks.map((a) => a.seen[this.me] ?? 0));
    for (const s of own) if (s <= removable) await this.remote.remove(segmentName(this.me, s));
    this.library.batch(() => collectTombstones(this.store, acks, this.mySeen(), snapshotSeen));
  }
}

async function listSegments(remote: SyncRemote, devices: readonly string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const device of devices) {
    const seqs = (await remote.list(`devices/${device}`)).map(segmentSeq).filter((s): s is number => s !== null);
    out.set(device, seqs.sort((a, b) => a - b));
  }
  return out;
}

/** Entries that waited for what they belong to, tried again (articles before highlights). */
function retryParked(ctx: ApplyContext): void {
  const rows = ctx.store.stmts.get("SELECT entry FROM sync_parked ORDER BY entity = 'highlight', entity, entity_id").all() as { entry: string }[];
  for (const row of rows) {
    const entry = JSON.parse(row.entry) as Entry;
    ctx.store.stmts.get('DELETE FROM sync_parked WHERE entity = ? AND entity_id = ?').run(entry.e, entry.id);
    applyEntry(ctx, entry);
  }
}

/** The remote's identity: a random id written by the first device to use it. */
async function remoteIdentity(remote: SyncRemote): Promise<string> {
  const read = async () => {
    const bytes = await remote.read(REMOTE_ID_FILE);
    return bytes ? new TextDecoder().decode(bytes).trim() : null;
  };
  const found = await read();
  if (found) return found;
  const made = new TextEncoder().encode(randomBytes(16).toString('hex'));
  if (remote.writeIfAbsent) await remote.writeIfAbsent(REMOTE_ID_FILE, made);
  else await remote.write(REMOTE_ID_FILE, made);
  return (await read()) ?? new TextDecoder().decode(made);
}

const REMOTE_ID_FILE = 'remote-id';

export async function syncRound(library: Library, remote: SyncRemote, options: SyncRoundOptions = {}): Promise<SyncRoundReport> {
  // Before anything else: bookkeeping from another remote must not decide what this one has.
  const remoteId = await remoteIdentity(remote);
  library.batch(() => storeOf(library).useRemote(remoteId));
  const round = new Round(library, remote, options);
  await round.push();
  const devices = [...new Set([round.me, ...(await remote.list('devices')).filter(isDeviceId)])].sort();
  const segments = await listSegments(remote, devices);
  await round.pull(devices, segments);
  await round.acknowledge();
  await round.compact(devices, segments.get(round.me) ?? []);
  return round.report;
}

/** An image of a synced article, fetched when it is opened: true when it is here now. */
export async function fetchSyncedAsset(library: Library, remote: SyncRemote, assets: AssetStore, hash: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return false;
  if (await assets.has(hash)) return true;
  if (library.assetsInUse([hash]).size === 0) return false;
  const bytes = await remote.read(blobName(hash));
  if (!bytes || sha256(bytes) !== hash) return false;
  await assets.put(bytes);
  return true;
}
