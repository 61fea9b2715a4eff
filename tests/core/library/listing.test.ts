import { describe, expect, it } from 'vitest';
import type { ListPage } from '../../../electron/ipc/api.ts';
import type { Library } from '../../../electron/library/library.ts';
import type { LibraryListQuery } from '../../../electron/library/listing.ts';
import { freshLibrary, rawDb, saved } from './helpers.ts';

function allPages(lib: Library, q: LibraryListQuery): { ids: string[]; pages: ListPage[] } {
  const pages: ListPage[] = [];
  let cursor: string | null = q.cursor ?? null;
  do {
    const page = lib.list({ ...q, cursor });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return { ids: pages.flatMap((p) => p.items.map((i) => i.id)), pages };
}

describe('list', () => {
  it('pages by keyset through ties in the sort key', () => {
    const { lib, file } = freshLibrary();
    const ids = Array.from({ length: 9 }, (_, i) =>
      saved(lib, `https://example.com/${i}`, { wordCount: [100, 100, 100, 50, 50, 300, 300, 300, 300][i]! }).id,
    );
    // Three groups of equal created_at: the rid tiebreak must keep pages stable.
    const raw = rawDb(file);
    const stamp = raw.prepare('UPDATE articles SET created_at = ? WHERE id = ?');
    ids.forEach((id, i) => stamp.run(`2026-01-0${1 + Math.floor(i / 3)}T00:00:00.000Z`, id));

    const newest = allPages(lib, { view: 'all', limit: 2 });
    expect(newest.ids).toEqual([...ids].reverse());
    expect(newest.pages).toHaveLength(5);
    expect(newest.pages.every((p) => p.total === 9)).toBe(true);
    expect(newest.pages.at(-1)!.nextCursor).toBeNull();

    expect(allPages(lib, { view: 'all', sort: 'oldest', limit: 4 }).ids).toEqual(ids);
    const longest = allPages(lib, { view: 'all', sort: 'longest', limit: 2 }).ids;
    expect(longest).toEqual([ids[8], ids[7], ids[6], ids[5], ids[2], ids[1], ids[0], ids[4], ids[3]]);
    const shortest = allPages(lib, { view: 'all', sort: 'shortest', limit: 3 }).ids;
    expect(shortest).toEqual([ids[3], ids[4], ids[0], ids[1], ids[2], ids[5], ids[6], ids[7], ids[8]]);
  });

  it('does not skip or repeat when rows are added between pages', () => {
    const { lib } = freshLibrary();
    const ids = Array.from({ length: 5 }, (_, i) => saved(lib, `https://example.com/${i}`).id);
    const first = lib.list({ view: 'unread', limit: 2 });
    saved(lib, 'https://example.com/new');
    const rest = allPages(lib, { view: 'unread', limit: 2, cursor: first.nextCursor });
    expect([...first.items.map((i) => i.id), ...rest.ids]).toEqual([...ids].reverse());
  });

  it('filters by view and counts that view', () => {
    const { lib } = freshLibrary();
    const [a, b, c] = ['1', '2', '3'].map((n) => saved(lib, `https://example.com/${n}`).id) as [string, string, string];
    lib.setArchived(a, true);
    lib.setStarred(b, true);
    lib.setStarred(a, true);
    expect(lib.list({ view: 'unread' })).toMatchObject({ total: 2, nextCursor: null });
    expect(lib.list({ view: 'unread' }).items.map((i) => i.id)).toEqual([c, b]);
    expect(lib.list({ view: 'archive' }).items.map((i) => i.id)).toEqual([a]);
    expect(lib.list({ view: 'starred' }).items.map((i) => i.id)).toEqual([b, a]);
    expect(lib.list({ view: 'all' }).total).toBe(3);
  });

  it('filters by site host', () => {
    const { lib } = freshLibrary();
    saved(lib, 'https://www.example.com/1');
    saved(lib, 'https://other.org/2');
    expect(lib.list({ view: 'all', site: 'example.com' }).total).toBe(1);
    expect(lib.list({ view: 'all', site: 'www.Example.com' }).total).toBe(1);
  });

  it('rejects a cursor from another sort or a forged one', () => {
    const { lib } = freshLibrary();
    for (let i = 0; i < 3; i++) saved(lib, `https://example.com/${i}`);
    const page = lib.list({ view: 'all', limit: 1 });
    expect(() => lib.list({ view: 'all', sort: 'longest', cursor: page.nextCursor })).toThrow(RangeError);
    expect(() => lib.list({ view: 'all', cursor: 'not-a-cursor' })).toThrow(RangeError);
    expect(() => lib.list({ view: 'all', cursor: Buffer.from('[1,2]').toString('base64url') })).toThrow(RangeError);
  });

  it('uses the index for the first page (no full sort)', () => {
    const { lib, file } = freshLibrary();
    saved(lib, 'https://example.com/1');
    const plan = rawDb(file)
      .prepare(`EXPLAIN QUERY PLAN SELECT rid FROM articles a WHERE a.deleted_at IS NULL AND a.archived = 0
                ORDER BY a.created_at DESC, a.rid DESC LIMIT 51`)
      .all()
      .map((r) => String((r as { detail: string }).detail))
      .join('\n');
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
