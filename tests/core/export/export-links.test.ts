import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { exportBookmarks } from '../../../electron/export/export-bookmarks.ts';
import { exportCsv } from '../../../electron/export/export-csv.ts';
import { saved } from '../library/helpers.ts';
import { emptyLibrary, fixtureLibrary } from './export-fixtures.ts';

// linkedom keeps attribute names as written (HREF, ADD_DATE), unlike a browser.
const attr = (element: Element, name: string): string | null => [...element.attributes].find((a) => a.name.toLowerCase() === name)?.value ?? null;

const awkward = 'Commas, "quotes"\nand a <b>line</b> & more';

function awkwardLibrary() {
  const { lib, dir } = emptyLibrary();
  const first = saved(lib, 'https://example.com/a?x=1&y="2"', { title: awkward }).id;
  lib.addTags(first, ['one', 'two words', 'a|b,c']);
  lib.setArchived(first, true);
  lib.setNote(first, 'My note <here>');
  const second = saved(lib, 'https://example.com/b', { title: '' }).id;
  return { lib, dir, first, second };
}

describe('Pocket CSV export', () => {
  it('writes Pocket’s columns with RFC 4180 quoting', async () => {
    const { lib, dir, first } = awkwardLibrary();
    const path = join(dir, 'pocket.csv');
    expect(await exportCsv(lib, path)).toBe(2);
    const text = await readFile(path, 'utf8');
    expect(text.split('\r\n')[0]).toBe('title,url,time_added,tags,status');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const created = lib.get(first)!.createdAt;
    expect(rows).toEqual([
      { title: awkward, url: 'https://example.com/a?x=1&y="2"', time_added: String(Math.floor(Date.parse(created) / 1000)), tags: 'a b,c|one|two words', status: 'archive' },
      { title: '', url: 'https://example.com/b', time_added: expect.stringMatching(/^\d{10}$/), tags: '', status: 'unread' },
    ]);
  });

  it('exports only the picked articles', async () => {
    const { lib, dir, second } = awkwardLibrary();
    expect(await exportCsv(lib, join(dir, 'one.csv'), { ids: [second] })).toBe(1);
    expect(parse(await readFile(join(dir, 'one.csv'), 'utf8'), { columns: true })).toHaveLength(1);
  });
});

describe('bookmark file export', () => {
  it('writes a flat Netscape list with dates, tags and notes, everything escaped', async () => {
    const { lib, dir, first } = awkwardLibrary();
    const path = join(dir, 'bookmarks.html');
    expect(await exportBookmarks(lib, path)).toBe(2);
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('<!DOCTYPE NETSCAPE-Bookmark-file-1>\n')).toBe(true);
    expect(text).not.toContain('<b>');
    const { document } = parseHTML(text);
    const links = [...document.querySelectorAll('a')];
    expect(links.map((a) => attr(a, 'href'))).toEqual(['https://example.com/a?x=1&y="2"', 'https://example.com/b']);
    expect(links[0]!.textContent).toBe(awkward.replace(/\s+/g, ' '));
    expect(links[1]!.textContent).toBe('https://example.com/b');
    expect(attr(links[0]!, 'tags')).toBe('a|b c,one,two words');
    expect(attr(links[0]!, 'add_date')).toBe(String(Math.floor(Date.parse(lib.get(first)!.createdAt) / 1000)));
    expect(attr(links[1]!, 'tags')).toBeNull();
    expect(document.querySelector('dd')!.textContent!.trim()).toBe('My note <here>');
  });

  it('holds the picked articles of a full library', async () => {
    const { lib, dir, ids } = await fixtureLibrary();
    expect(await exportBookmarks(lib, join(dir, 'b.html'), { ids: [ids.cjk, ids.full] })).toBe(2);
    const { document } = parseHTML(await readFile(join(dir, 'b.html'), 'utf8'));
    expect([...document.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['東京の庭園', 'Growing tomatoes, "properly"']);
  });
});
