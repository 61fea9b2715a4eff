// Hybrid logical clock (Kulkarni et al., 2014): wall ms, a counter, and the device id. Stamps
// are totally ordered (device id breaks ties) and follow causality: a device that has received
// a stamp stamps its next change above it, even when its own clock is hours behind. So a
// behind device's later edit still wins over the edit it saw, and last-writer-wins means
// "last in what the writers saw", not "on the fastest clock".
//
// As text a stamp sorts like the clock: 15-digit wall, 6-digit counter, device id.

export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

const STAMP = /^(\d{15})\.(\d{6})\.([0-9a-f]{16})$/;
export const MAX_COUNTER = 999_999;

export function formatStamp(clock: Hlc): string {
  return `${String(clock.wall).padStart(15, '0')}.${String(clock.counter).padStart(6, '0')}.${clock.device}`;
}

export function parseStamp(stamp: string): Hlc | null {
  const m = STAMP.exec(stamp);
  return m ? { wall: Number(m[1]), counter: Number(m[2]), device: m[3]! } : null;
}

export const isStamp = (value: unknown): value is string => typeof value === 'string' && STAMP.test(value);

/** The counter past its width (a million events in one ms) moves the wall on instead. */
function normalised(wall: number, counter: number, device: string): Hlc {
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, device } : { wall, counter, device };
}

/** A local event at wall time `now`. */
export function tick(clock: Hlc, now: number): Hlc {
  const wall = Math.max(clock.wall, Math.trunc(now));
  return normalised(wall, wall === clock.wall ? clock.counter + 1 : 0, clock.device);
}

/** A stamp received from another device, at wall time `now`: the clock moves past it. */
export function receive(clock: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(clock.wall, remote.wall, Math.trunc(now));
  let counter = 0;
  if (wall === clock.wall && wall === remote.wall) counter = Math.max(clock.counter, remote.counter) + 1;
  else if (wall === clock.wall) counter = clock.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return normalised(wall, counter, clock.device);
}

export function compareStamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
