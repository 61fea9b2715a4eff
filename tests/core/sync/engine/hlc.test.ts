import { describe, expect, it } from 'vitest';
import { compareStamps, formatStamp, MAX_COUNTER, parseStamp, receive, tick, type Hlc } from '../../../../electron/sync/hlc.ts';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 3, 9, 0, 0);
const zero = (device: string): Hlc => ({ wall: 0, counter: 0, device });

describe('hybrid logical clock', () => {
  it('ticks forward on local events, even when the wall clock stands still or goes back', () => {
    const c1 = tick(zero(A), T);
    const c2 = tick(c1, T);
    const c3 = tick(c2, T - 5000);
    expect(c1).toEqual({ wall: T, counter: 0, device: A });
    expect(c2).toEqual({ wall: T, counter: 1, device: A });
    expect(c3).toEqual({ wall: T, counter: 2, device: A });
    expect(compareStamps(formatStamp(c1), formatStamp(c2))).toBe(-1);
    expect(compareStamps(formatStamp(c2), formatStamp(c3))).toBe(-1);
    expect(tick(c3, T + 1)).toEqual({ wall: T + 1, counter: 0, device: A });
  });

  it('a device hours behind stamps its next change above one it received', () => {
    const ahead = tick(zero(B), T + 3 * HOUR);
    const behind = receive(tick(zero(A), T), ahead, T + 60_000);
    const edit = tick(behind, T + 120_000);
    expect(compareStamps(formatStamp(edit), formatStamp(ahead))).toBe(1);
    // Without the receive, its own clock would have put the later edit first: the lost edit HLC prevents.
    expect(compareStamps(formatStamp(tick(zero(A), T + 120_000)), formatStamp(ahead))).toBe(-1);
  });

  it('receive takes the greatest of the three clocks and counts past equal walls', () => {
    expect(receive({ wall: T, counter: 4, device: A }, { wall: T, counter: 7, device: B }, T - 1)).toEqual({ wall: T, counter: 8, device: A });
    expect(receive({ wall: T, counter: 4, device: A }, { wall: T - 9, counter: 7, device: B }, T - 1)).toEqual({ wall: T, counter: 5, device: A });
    expect(receive({ wall: T - 9, counter: 4, device: A }, { wall: T, counter: 7, device: B }, T - 1)).toEqual({ wall: T, counter: 8, device: A });
    expect(receive({ wall: T - 9, counter: 4, device: A }, { wall: T - 5, counter: 7, device: B }, T)).toEqual({ wall: T, counter: 0, device: A });
  });

  it('orders stamps totally: equal wall and counter are told apart by device id', () => {
    const a = formatStamp({ wall: T, counter: 3, device: A });
    const b = formatStamp({ wall: T, counter: 3, device: B });
    expect(compareStamps(a, b)).toBe(-1);
    expect(compareStamps(b, a)).toBe(1);
    expect(compareStamps(a, a)).toBe(0);
    // Text order is clock order across digit counts.
    expect(compareStamps(formatStamp({ wall: 999, counter: 999, device: B }), formatStamp({ wall: 1000, counter: 0, device: A }))).toBe(-1);
  });

  it('round-trips stamps and refuses malformed ones', () => {
    const c = { wall: T, counter: 12, device: A };
    expect(parseStamp(formatStamp(c))).toEqual(c);
    expect(parseStamp('1.2.abc')).toBeNull();
    expect(parseStamp(`${formatStamp(c)}x`)).toBeNull();
  });

  it('a full counter moves the wall on instead of overflowing its width', () => {
    const full = { wall: T, counter: MAX_COUNTER, device: A };
    expect(tick(full, T)).toEqual({ wall: T + 1, counter: 0, device: A });
    expect(formatStamp(tick(full, T)).length).toBe(formatStamp(full).length);
  });
});
