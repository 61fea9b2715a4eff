// The files a device writes: change segments (`devices/<dev>/<seq>.seg`), snapshots
// (`snapshots/<dev>-<seq>.snap`) and acknowledgements (`devices/<dev>/ack`). JSON, gzipped
// (node:zlib), with a format name and version; anything that does not decode to exactly this
// shape is refused as a whole (SegmentFormatError) and the round goes on without it.
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { isStamp } from './hlc.ts';
import { ENTITY_KINDS, type EntityKind } from './sync-fields.ts';

export const FORMAT_VERSION = 1;
const DEVICE = /^[0-9a-f]{16}$/;

/**
 * One entity's changed fields. `s` stamps every field but those in `fs`; `o` is where a
 * deletion first came from (device, segment), for collecting its tombstone.
 */
export interface Entry {
  e: EntityKind;
  id: string;
  s: string;
  f: Record<string, unknown>;
  fs?: Record<string, string>;
  o?: [string, number];
}

export interface Segment {
  format: 'lectern-sync-segment';
  version: number;
  device: string;
  seq: number;
  entries: Entry[];
}

export interface Snapshot {
  format: 'lectern-sync-snapshot';
  version: number;
  device: string;
  seq: number;
  /** What the state includes: the last segment of each device merged into it. */
  seen: Record<string, number>;
  entries: Entry[];
}

export interface Ack {
  format: 'lectern-sync-ack';
  version: number;
  device: string;
  /** The device's own last segment when it wrote this. */
  seq: number;
  seen: Record<string, number>;
  /** What its newest snapshot includes; null when it has none. */
  snapshotSeen: Record<string, number> | null;
}

export class SegmentFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SegmentFormatError';
  }
}

const stamp = z.string().refine(isStamp, 'not a clock stamp');
const device = z.string().regex(DEVICE);
const seen = z.record(device, z.number().int().nonnegative());
const entry = z.strictObject({
  e: z.enum(ENTITY_KINDS as [EntityKind, ...EntityKind[]]),
  id: z.string().min(1).max(200),
  s: stamp,
  f: z.record(z.string().max(300), z.unknown()),
  fs: z.record(z.string(), stamp).optional(),
  o: z.tuple([device, z.number().int().nonnegative()]).optional(),
});
const segment = z.strictObject({
  format: z.literal('lectern-sync-segment'),
  version: z.literal(FORMAT_VERSION),
  device,
  seq: z.number().int().positive(),
  entries: z.array(entry),
});
const snapshot = z.strictObject({
  format: z.literal('lectern-sync-snapshot'),
  version: z.literal(FORMAT_VERSION),
  device,
  seq: z.number().int().nonnegative(),
  seen,
  entries: z.array(entry),
});
const ack = z.strictObject({
  format: z.literal('lectern-sync-ack'),
  version: z.literal(FORMAT_VERSION),
  device,
  seq: z.number().int().nonnegative(),
  seen,
  snapshotSeen: seen.nullable(),
});

export function encodeFile(value: Segment | Snapshot | Ack): Uint8Array {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8'));
}

function decode<T>(bytes: Uint8Array, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (err) {
    throw new SegmentFormatError(`${what} does not decode: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SegmentFormatError(`${what} is not in format ${FORMAT_VERSION}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export const decodeSegment = (bytes: Uint8Array): Segment => decode(bytes, segment as z.ZodType<Segment>, 'The segment');
export const decodeSnapshot = (bytes: Uint8Array): Snapshot => decode(bytes, snapshot as z.ZodType<Snapshot>, 'The snapshot');
export const decodeAck = (bytes: Uint8Array): Ack => decode(bytes, ack as z.ZodType<Ack>, 'The acknowledgement');

const pad = (seq: number): string => String(seq).padStart(12, '0');
export const segmentName = (dev: string, seq: number): string => `devices/${dev}/${pad(seq)}.seg`;
export const ackName = (dev: string): string => `devices/${dev}/ack`;
export const snapshotName = (dev: string, seq: number): string => `snapshots/${dev}-${pad(seq)}.snap`;
export const blobName = (sha256: string): string => `blobs/${sha256}`;
export const isDeviceId = (v: string): boolean => DEVICE.test(v);

/** A segment file name (as list() gives it) to its number; null for anything else. */
export function segmentSeq(file: string): number | null {
  const m = /^(\d{12})\.seg$/.exec(file);
  return m ? Number(m[1]) : null;
}

export function snapshotOf(file: string): { device: string; seq: number } | null {
  const m = /^([0-9a-f]{16})-(\d{12})\.snap$/.exec(file);
  return m ? { device: m[1]!, seq: Number(m[2]) } : null;
}
