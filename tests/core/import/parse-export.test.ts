import { describe, expect, it } from 'vitest';
import { parseExport } from '../../../electron/import/parse-export.ts';

describe('parseExport', () => {
  it('reads a Pocket HTML export with its sections and tags', () => {
    const html = `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>
      <h1>Unread</h1><ul>
        <li><a href="https://a.example/one" time_added="1600000000" tags="climate,cities">One</a></li>
        <li><a time_added="1600000001">No address</a></li>
      </ul>
      <h1>Read Archive</h1><ul>
        <li><a href="https://b.example/two" time_added="1500000000" tags="">Two</a></li>
      </ul></body></html>`;
    const parsed = parseExport(html);
    expect(parsed.format).toBe('pocket-html');
    expect(parsed.links).toEqual([
      { row: 1, url: 'https://a.example/one', title: 'One', tags: ['climate', 'cities'], archived: false, starred: false, savedAt: '2020-09-13T12:26:40.000Z' },
      { row: 3, url: 'https://b.example/two', title: 'Two', tags: [], archived: true, starred: false, savedAt: '2017-07-14T02:40:00.000Z' },
    ]);
    expect(parsed.problems).toEqual([{ row: 2, reason: 'link without an address' }]);
  });

  it('reads an Instapaper CSV, folders becoming states or tags, quotes and newlines included', () => {
    const csv = [
      'URL,Title,Selection,Folder,Timestamp',
      'https://a.example/x,"Title, with comma","He said ""hi""\nand left",Unread,1600000000',
      'https://b.example/y,Starred one,,Starred,1600000001',
      'https://c.example/z,Old,,Archive,1600000002',
      'https://d.example/w,Recipes,,Cooking,1600000003',
      ',missing url,,Unread,1',
    ].join('\r\n');
    const parsed = parseExport(csv);
    expect(parsed.format).toBe('instapaper-csv');
    expect(parsed.links.map((l) => [l.url, l.title, l.archived, l.starred, l.tags])).toEqual([
      ['https://a.example/x', 'Title, with comma', false, false, []],
      ['https://b.example/y', 'Starred one', false, true, []],
      ['https://c.example/z', 'Old', true, false, []],
      ['https://d.example/w', 'Recipes', false, false, ['Cooking']],
    ]);
    // The quoted newline moves the next rows down a line: rows are reported by file line.
    expect(parsed.problems).toEqual([{ row: 7, reason: 'no URL in this row' }]);
    expect(parsed.links.map((l) => l.row)).toEqual([2, 4, 5, 6]);
    expect(parsed.links.map((l) => l.savedAt)).toEqual(['2020-09-13T12:26:40.000Z', '2020-09-13T12:26:41.000Z', '2020-09-13T12:26:42.000Z', '2020-09-13T12:26:43.000Z']);
  });

  it('reports a quote that is never closed instead of swallowing the rest silently', () => {
    const parsed = parseExport('URL,Title,Selection,Folder,Timestamp\nhttps://a.example/1,ok,,Unread,1\nhttps://a.example/2,"unbalanced title,,Unread,2\nhttps://a.example/3,three,,Unread,3\n');
    expect(parsed.links.map((l) => l.url)).toEqual(['https://a.example/1']);
    expect(parsed.problems).toEqual([{ row: 3, reason: expect.stringMatching(/never closed/) }]);
  });

  it('reads a Pocket CSV with pipe-separated tags and status', () => {
    const parsed = parseExport('title,url,time_added,tags,status\nA,https://a.example/,1700000000,x|y,archive\nB,https://b.example/,2,,unread\n');
    expect(parsed.format).toBe('pocket-csv');
    expect(parsed.links.map((l) => [l.url, l.tags, l.archived, l.savedAt])).toEqual([
      ['https://a.example/', ['x', 'y'], true, '2023-11-14T22:13:20.000Z'],
      ['https://b.example/', [], false, null], // "2" seconds after 1970 is no saved date
    ]);
  });

  it('reads wallabag and Omnivore JSON, and reports items without a URL', () => {
    const json = JSON.stringify([
      { url: 'https://a.example/', title: 'A', is_archived: 1, is_starred: 0, tags: [{ label: 'news' }], created_at: '2019-03-01T10:00:00+01:00' },
      { url: 'https://b.example/', title: 'B', state: 'Archived', labels: [{ name: 'later' }, null, { colour: 'red' }, 7], savedAt: '2024-05-06T07:08:09.000Z' },
      { title: 'no url' },
      42,
    ]);
    const parsed = parseExport(json);
    expect(parsed.links.map((l) => [l.url, l.archived, l.starred, l.tags, l.savedAt])).toEqual([
      ['https://a.example/', true, false, ['news'], '2019-03-01T09:00:00.000Z'],
      ['https://b.example/', true, false, ['later'], '2024-05-06T07:08:09.000Z'],
    ]);
    expect(parsed.problems.map((p) => p.row)).toEqual([3, 4]);
  });

  it('says what is wrong with a broken file instead of throwing', () => {
    expect(parseExport('[{"url": ').problems[0]?.reason).toMatch(/not valid JSON/);
    expect(parseExport('{"hello": 1}').problems[0]?.reason).toMatch(/list of saved items/);
    const list = parseExport('https://a.example/\n# comment\n\nthis is not a url\nhttps://b.example/');
    expect(list.format).toBe('url-list');
    expect(list.links).toHaveLength(2);
    expect(list.problems).toEqual([{ row: 4, reason: 'not a URL' }]);
  });
});
