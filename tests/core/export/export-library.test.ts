import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { exportLibrary } from '../../../electron/export/export-library.ts';
import type { ExportFormat } from '../../../electron/shared/export-file.ts';
import { exportFileName } from '../../../electron/shared/export-file.ts';
import { fixtureLibrary } from './export-fixtures.ts';

async function zipNames(path: string): Promise<string[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  zip.close();
  return names.sort();
}

describe('exportLibrary', () => {
  it('writes every format under the app’s file names, with counts', async () => {
    const { lib, dir, assets, ids } = await fixtureLibrary();
    const counts: Partial<Record<ExportFormat, number>> = {};
    for (const format of ['backup', 'json', 'bookmarks', 'csv', 'markdown', 'html', 'highlights-markdown', 'highlights-json'] as const) {
      const target = join(dir, exportFileName(format));
      const result = await exportLibrary(format, { library: lib, assets }, target, { ids: null });
      expect(result.path).toBe(target);
      counts[format] = result.count;
    }
    // The highlights formats count the articles that have highlights.
    expect(counts).toEqual({ backup: 6, json: 6, bookmarks: 6, csv: 6, markdown: 6, html: 6, 'highlights-markdown': 2, 'highlights-json': 2 });
    expect(await zipNames(join(dir, exportFileName('highlights-markdown')))).toEqual(['growing-tomatoes-properly.md', 'مقالة-عن-الحدائق.md']);
    expect(await zipNames(join(dir, exportFileName('markdown')))).toHaveLength(6 + 1);
    expect((await zipNames(join(dir, exportFileName('backup'))))).toContain('lectern-backup.json');
    // A selection; the backup is always the whole library.
    const picked = { ids: [ids.full] };
    expect((await exportLibrary('csv', { library: lib, assets }, join(dir, 'one.csv'), picked)).count).toBe(1);
    expect((await exportLibrary('backup', { library: lib, assets }, join(dir, 'all.zip'), picked)).count).toBe(6);
    // Nothing half-written is left beside the files.
    expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('exports the feeds as OPML', async () => {
    const { lib, dir, assets } = await fixtureLibrary();
    lib.feeds.add({ url: 'https://other.example/atom.xml', title: 'Other & Co' });
    const target = join(dir, exportFileName('opml'));
    expect(await exportLibrary('opml', { library: lib, assets }, target, { ids: null })).toEqual({ count: 2, path: target });
    const opml = await readFile(target, 'utf8');
    expect(opml).toContain('https://feeds.example/rss');
    expect(opml).toContain('My name for it');
    expect(opml).toContain('https://other.example/atom.xml');
  });
});
