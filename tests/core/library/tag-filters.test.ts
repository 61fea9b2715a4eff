import { describe, expect, it } from 'vitest';
import type { Library } from '../../../electron/library/library.ts';
import type { LibraryListQuery } from '../../../electron/library/listing.ts';
import { freshLibrary, rawDb, saved } from './helpers.ts';

/** Six articles tagged "garden" (0-5, two with equal saved dates), archived 1 and 4, starred 2. */
function gardenLibrary() {
  const { lib, file } = freshLibrary();
  const ids = Array.from({ length: 6 }, (_, i) =>
    saved(lib, `https://site${i % 2}.example/${i}`, { text: `roses number${i}`, wordCount: 10 * (6 - i) }).id,
  );
  const other = saved(lib, 'https://other.example/x', { text: 'roses elsewhere' }).id;
  const raw = rawDb(file);
  const stamp = raw.prepare('UPDATE articles SET created_at = ? WHERE id = ?');
  ids.forEach((id, i) => stamp.run(`2025-01-0${Math.min(i, 4) + 1}T00:00:00.000Z`, id));
  // Links copy saved_at when made: tag after stamping, as in real use (dates never change).
  for (const id of ids) lib.addTags(id, ['Garden']);
  lib.addTags(other, ['Kitchen']);
  lib.setArchived(ids[1]!, true);
  lib.setArchived(ids[4]!, true);
  lib.setStarred(ids[2]!, true);
  return { lib, ids, other };
}

function pages(lib: Library, q: LibraryListQuery): { ids: string[]; totals: number[] } {
  const out = { ids: [] as string[], totals: [] as number[] };
  let cursor: string | null = null;
  do {
    const page = lib.list({ ...q, cursor });
    out.ids.push(...page.items.map((i) => i.id));
    out.totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor && out.totals.length < 20);
  return out;
}

describe('tag lists', () => {
  it('pages a tag newest and oldest first through equal dates, counting each view', () => {
    const { lib, ids } = gardenLibrary();
    const all = pages(lib, { view: 'all', tag: 'garden', limit: 2 });
    expect(all.ids).toEqual([ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(new Set(all.totals)).toEqual(new Set([6]));
    expect(lib.list({ view: 'all', tag: 'garden', limit: 1 }).items[0]!.tags).toEqual(['Garden']);
    expect(pages(lib, { view: 'all', tag: 'GARDEN', sort: 'oldest', limit: 4 }).ids).toEqual(ids);
    const unread = pages(lib, { view: 'unread', tag: 'garden', limit: 3 });
    expect(unread.ids).toEqual([ids[5], ids[3], ids[2], ids[0]]);
    expect(unread.totals[0]).toBe(4);
    expect(lib.list({ view: 'archive', tag: 'garden' })).toMatchObject({ total: 2 });
    expect(lib.list({ view: 'archive', tag: 'garden' }).items.map((i) => i.id)).toEqual([ids[4], ids[1]]);
  });

  it('answers other sorts, starred and site filters through the article rows', () => {
    const { lib, ids } = gardenLibrary();
    expect(pages(lib, { view: 'all', tag: 'garden', sort: 'shortest', limit: 4 }).ids).toEqual([...ids].reverse());
    expect(lib.list({ view: 'starred', tag: 'garden' }).items.map((i) => i.id)).toEqual([ids[2]]);
    expect(lib.list({ view: 'all', tag: 'garden', site: 'site1.example' }).items.map((i) => i.id)).toEqual([ids[5], ids[3], ids[1]]);
    expect(lib.list({ view: 'all', tag: 'nothing' })).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('follows renames, merges and deletions', () => {
    const { lib, ids, other } = gardenLibrary();
    lib.renameTag('kitchen', 'garden');
    expect(lib.list({ view: 'all', tag: 'garden' }).total).toBe(7);
    expect(lib.list({ view: 'all', tag: 'garden', limit: 1 }).items[0]!.id).toBe(other);
    lib.delete(ids[5]!);
    lib.removeTag(ids[3]!, 'garden');
    expect(pages(lib, { view: 'unread', tag: 'garden', limit: 10 }).ids).toEqual([other, ids[2], ids[0]]);
  });
});

describe('search filters', () => {
  const hitIds = (lib: Library, q: string) => lib.search(q, 20).hits.map((h) => h.article.id).sort();

  it('combines words with tag and state filters', () => {
    const { lib, ids, other } = gardenLibrary();
    expect(hitIds(lib, 'roses tag:garden is:unread')).toEqual([ids[0], ids[2], ids[3], ids[5]].sort());
    expect(lib.search('roses tag:garden is:unread', 20).total).toBe(4);
    expect(hitIds(lib, 'roses tag:garden -is:unread')).toEqual([ids[1], ids[4]].sort());
    expect(hitIds(lib, 'roses tag:garden is:archived')).toEqual([ids[1], ids[4]].sort());
    expect(hitIds(lib, 'roses tag:garden is:unread is:archived')).toEqual([]);
    expect(hitIds(lib, 'roses tag:garden is:starred')).toEqual([ids[2]]);
    expect(hitIds(lib, 'roses -tag:garden')).toEqual([other]);
    expect(hitIds(lib, 'roses is:unread -tag:garden')).toEqual([other]);
    expect(hitIds(lib, 'roses tag:garden tag:kitchen')).toEqual([]);
    expect(hitIds(lib, 'tag:garden is:archived')).toEqual([ids[1], ids[4]].sort());
    expect(hitIds(lib, 'number3 tag:garden')).toEqual([ids[3]]);
  });
});
