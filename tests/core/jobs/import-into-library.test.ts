// Imports written into a real library: what each row brings comes along (states, tags, notes,
// highlights, the article body), duplicates change nothing the row does not say, garbage rows
// are reported, and a cancel keeps what was already in.
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../electron/import/import-links.ts';
import { freshLibrary } from '../library/helpers.ts';

const bytes = (text: string) => ({ bytes: new TextEncoder().encode(text), name: 'export' });

const wallabag = JSON.stringify([
  {
    id: 1, title: 'Slow bread', url: 'https://bake.example/slow-bread', is_archived: 1, is_starred: 1,
    content: '<p>Flour, water and time make the loaf. A long rise gives the crumb its flavour.</p>',
    created_at: '2021-03-04T05:06:07+00:00', tags: [{ label: 'baking' }, { label: 'weekend' }],
    annotations: [{ quote: 'A long rise', text: 'try overnight', created_at: '2021-03-05T00:00:00+00:00' }],
  },
  { id: 2, title: 'No address here' },
  { id: 3, title: 'Plain', url: 'https://bake.example/plain', is_archived: 0, is_starred: 0, tags: [] },
]);

describe('importing into the library', () => {
  it('brings states, tags, saved dates, highlights and the article body; reports the bad row', async () => {
    const { lib } = freshLibrary();
    const report = await importFile(lib, bytes(wallabag), { format: 'wallabag' });
    expect(report).toMatchObject({ imported: 2, duplicates: 0, rejected: 1, highlights: 1, cancelled: false });
    expect(report.rejectedRows).toEqual([expect.objectContaining({ row: 2 })]);
    const [bread] = lib.list({ view: 'archive' }).items;
    expect(bread).toMatchObject({ title: 'Slow bread', starred: true, archived: true, tags: ['baking', 'weekend'], createdAt: '2021-03-04T05:06:07.000Z', status: 'pending' });
    expect(lib.highlights.forArticle(bread!.id)).toEqual([expect.objectContaining({ quote: 'A long rise', note: 'try overnight' })]);
    // Saved from the body it brought, not fetched: the queue finds it waiting.
    expect(lib.pendingContent(bread!.id)?.html).toContain('Flour, water and time');
  });

  it('indexes imported rows for search and tag lists, even two rows for one address in a chunk', async () => {
    const { lib } = freshLibrary();
    const csv = ['title,url,time_added,tags,status', 'Sourdough starter guide,https://bake.example/starter,1600000000,baking|bread,unread',
      'Same page again,https://bake.example/starter,1600000100,extra,archive', 'Knife skills,https://cook.example/knives,1600000200,,unread'].join('\n');
    const report = await importFile(lib, bytes(csv), { format: 'pocket' });
    expect(report).toMatchObject({ imported: 2, duplicates: 1, rejected: 0 });
    expect(lib.search('sourdough', 10).hits.map((h) => h.article.title)).toEqual(['Sourdough starter guide']);
    // The second row for the address merged into the first: its tag and its archive came along.
    expect(lib.list({ view: 'archive', tag: 'extra' }).items.map((a) => a.title)).toEqual(['Sourdough starter guide']);
    expect(lib.list({ view: 'all', tag: 'bread' }).total).toBe(1);
    expect(lib.search('tag:baking', 10).hits).toHaveLength(1);
  });

  it('imports the same file again without duplicating, and changes only what a row says', async () => {
    const { lib } = freshLibrary();
    await importFile(lib, bytes(wallabag), { format: 'wallabag' });
    const plain = lib.list({ view: 'unread' }).items[0]!;
    lib.addTags(plain.id, ['mine']);
    lib.setNote(plain.id, 'my own note');
    const again = await importFile(lib, bytes(wallabag), { format: 'wallabag' });
    expect(again).toMatchObject({ imported: 0, duplicates: 2, rejected: 1, highlights: 0 });
    expect(lib.summary(plain.id)).toMatchObject({ tags: ['mine'], archived: false });
    expect(lib.getNote(plain.id)).toBe('my own note');
    expect(lib.list({ view: 'all' }).total).toBe(2);
  });

  it('a cancelled import keeps the rows already written and says it stopped', async () => {
    const { lib } = freshLibrary();
    const lines = Array.from({ length: 20_000 }, (_, i) => `https://many.example/${i}`).join('\n');
    const abort = new AbortController();
    let progressed = 0;
    const report = await importFile(lib, bytes(lines), {
      format: 'urls',
      signal: abort.signal,
      onProgress: ({ rows }) => {
        progressed = rows;
        if (rows >= 2000) abort.abort(new Error('cancelled'));
      },
    });
    expect(report.cancelled).toBe(true);
    expect(progressed).toBeGreaterThanOrEqual(2000);
    const kept = lib.list({ view: 'all', limit: 1 }).total;
    expect(kept).toBeGreaterThanOrEqual(2000);
    expect(kept).toBeLessThan(20_000);
    expect(report.imported).toBe(kept);
  });
});
