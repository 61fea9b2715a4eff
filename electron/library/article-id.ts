// New article ids are UUIDv7 (RFC 9562): the time in ms first, then random bits. Every index
// keyed by the id (the articles' own, tag links, image links, sync's outbox) then grows at its
// end, as rows arrive, instead of at a random page each: a batch of 1,000 saves dirtied 1,000
// pages per such index, every one rewritten in the WAL at commit.
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const pool = new Uint8Array(10 * 512);
let used = pool.length;

export function newArticleId(now = Date.now()): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const r = pool.subarray(used, (used += 10));
  const time = Math.max(0, Math.trunc(now)).toString(16).padStart(12, '0').slice(-12);
  const tail = Array.from(r.subarray(4), (b) => HEX[b]).join('');
  return `${time.slice(0, 8)}-${time.slice(8)}-${HEX[0x70 | (r[0]! & 0x0f)]}${HEX[r[1]!]}-${HEX[0x80 | (r[2]! & 0x3f)]}${HEX[r[3]!]}-${tail}`;
}
