import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { restoreBackup, writeBackup } from '../../../electron/export/full-backup.ts';
import { assetUrl } from '../../../electron/shared/captured-article.ts';
import type { Library } from '../../../electron/library/library.ts';
import { emptyLibrary, fixtureLibrary } from './export-fixtures.ts';

const everything = (lib: Library) => ({
  articles: [...lib.exportArticles()],
  feeds: lib.exportFeeds(),
  highlights: [...lib.highlights.all()],
  tags: lib.listTags(),
});

async function zipNames(path: string): Promise<string[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  zip.close();
  return names;
}

function zipBuffer(files: Array<[string, Buffer | string, boolean?]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data, compress] of files) zip.addBuffer(Buffer.from(data), name, { compress: compress ?? true });
  zip.end();
  const parts: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => parts.push(c)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
  });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('full backup', () => {
  it('restores into an empty library with every field, search and image intact', async () => {
    const source = await fixtureLibrary();
    const file = join(source.dir, 'backup.zip');
    const counts = await writeBackup(source.lib, source.assets, file);
    expect(counts).toEqual({ articles: 6, feeds: 1, highlights: 3, assets: 3, missingAssets: 0 });
    expect((await zipNames(file)).sort()).toEqual(
      ['articles.jsonl', 'feeds.json', 'highlights.jsonl', 'lectern-backup.json', ...source.hashes.map((h) => `assets/${h}`)].sort(),
    );

    const target = emptyLibrary();
    const report = await restoreBackup(target.lib, target.assets, file);
    expect(report).toEqual({
      articles: { added: 6, duplicates: 0, rejected: 0 },
      feeds: { added: 1, duplicates: 0, rejected: 0 },
      highlights: { added: 3, duplicates: 0, rejected: 0 },
      assets: { added: 3, duplicates: 0, rejected: 0 },
      problems: [],
    });
    expect(everything(target.lib)).toEqual(everything(source.lib));
    for (const id of Object.values(source.ids)) expect(target.lib.get(id)).toEqual(source.lib.get(id));
    const restoredFeed = target.lib.feeds.list()[0]!;
    expect(restoredFeed).toMatchObject({ id: source.feedId, title: 'My name for it', folder: 'News', fetchFull: false, keepDays: 30, keepItems: 200, unread: 1 });
    expect(target.lib.get(source.ids.failed)).toMatchObject({ status: 'failed', error: 'The page could not be reached.' });
    expect(target.lib.pendingIds()).toEqual([source.ids.pending]);

    expect(target.lib.search('tomatoes', 10).hits.map((h) => h.article.id)).toEqual([source.ids.full]);
    expect(target.lib.search('compost', 10).hits.map((h) => h.article.id)).toEqual([source.ids.fromFeed]);
    expect(target.lib.search('都庁', 10).hits.map((h) => h.article.id)).toEqual([source.ids.cjk]);
    expect(target.lib.search('tag:garden', 10).total).toBe(1);
    expect(target.lib.search('"second line"', 10).hits.map((h) => h.article.id)).toEqual([source.ids.full]);

    for (const hash of source.hashes) {
      expect((await target.assets.read(hash))!.bytes.equals((await source.assets.read(hash))!.bytes)).toBe(true);
    }
    // The restored images are the library's: in use, never freed as unused.
    expect(target.lib.unusedAssetHashes()).toEqual([]);
    expect(target.lib.assetsInUse(source.hashes).size).toBe(3);
  });

  it('merges into a library that has it all already: nothing added, nothing changed', async () => {
    const { lib, dir, assets } = await fixtureLibrary();
    const file = join(dir, 'backup.zip');
    await writeBackup(lib, assets, file);
    const before = everything(lib);
    const report = await restoreBackup(lib, assets, file);
    expect(report).toEqual({
      articles: { added: 0, duplicates: 6, rejected: 0 },
      feeds: { added: 0, duplicates: 1, rejected: 0 },
      highlights: { added: 0, duplicates: 3, rejected: 0 },
      assets: { added: 0, duplicates: 3, rejected: 0 },
      problems: [],
    });
    expect(everything(lib)).toEqual(before);
  });

  it('merges into articles saved here under another id, and keeps deleted ones deleted', async () => {
    const source = await fixtureLibrary();
    const file = join(source.dir, 'backup.zip');
    await writeBackup(source.lib, source.assets, file);
    const target = emptyLibrary();
    const here = target.lib.addPending('https://example.com/full').article.id;
    const first = await restoreBackup(target.lib, target.assets, file);
    expect(first.articles).toEqual({ added: 5, duplicates: 1, rejected: 0 });
    // The full article is here under its own id: its highlights, tags and states join that one.
    expect(first.highlights).toEqual({ added: 3, duplicates: 0, rejected: 0 });
    expect(target.lib.highlights.forArticle(here)).toHaveLength(2);
    const fromBackup = [...source.lib.exportArticles()].find((a) => a.url === 'https://example.com/full')!;
    expect(target.lib.get(here)).toMatchObject({ status: 'pending', tags: fromBackup.tags, starred: fromBackup.starred });
    target.lib.delete(source.ids.rtl);
    const again = await restoreBackup(target.lib, target.assets, file);
    expect(again.articles).toEqual({ added: 0, duplicates: 6, rejected: 0 });
    expect(target.lib.get(source.ids.rtl)).toBeNull();
  });

  it('counts images gone from the store as missing, and still writes the rest', async () => {
    const { lib, dir, assets, hashes } = await fixtureLibrary();
    await assets.remove([hashes[0]!]);
    // Another whose bytes were changed on disk after it was stored.
    const damaged = join(assets.dir, hashes[1]!.slice(0, 2), hashes[1]!);
    const bytes = await readFile(damaged);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(damaged, bytes);
    const counts = await writeBackup(lib, assets, join(dir, 'b.zip'));
    expect(counts).toMatchObject({ assets: 1, missingAssets: 2 });
    expect(await zipNames(join(dir, 'b.zip'))).toContain(`assets/${hashes[2]}`);
  });

  it('reports a tampered image, an unsafe name, a bad line and a zip bomb, and restores the rest', async () => {
    const source = await fixtureLibrary();
    const lines = [...source.lib.exportArticles()].map((a) => JSON.stringify(a));
    lines.splice(2, 0, '{"id": "broken", "title": ');
    lines.splice(4, 0, JSON.stringify({ ...JSON.parse(lines[4]!), id: '00000000-0000-4000-8000-00000000bad0', url: 'https://example.net/bad', progress: 'half' }));
    const [good, tampered] = source.hashes as [string, string, string];
    const zeros = Buffer.alloc(3 * 1_048_576);
    const backup = await zipBuffer([
      ['lectern-backup.json', JSON.stringify({ format: 'lectern-backup', version: 1, exportedAt: new Date().toISOString(), counts: {} })],
      ['feeds.json', JSON.stringify(source.lib.exportFeeds())],
      ['articles.jsonl', `${lines.join('\n')}\n`],
      ['highlights.jsonl', [...source.lib.highlights.all()].map((h) => JSON.stringify(h)).concat(JSON.stringify({ id: 'h-x', articleId: 'nowhere', quote: 'q' })).join('\n')],
      [`assets/${good}`, (await source.assets.read(good))!.bytes, false],
      [`assets/${tampered}`, (await source.assets.read(source.hashes[2]!))!.bytes, false],
      ['zz/evil', 'outside'],
      [`assets/${sha256(zeros)}`, zeros],
    ]);
    // yazl refuses to write an unsafe name; the zip is patched to carry one (same length).
    const file = join(source.dir, 'hostile.zip');
    await writeFile(file, Buffer.from(backup.toString('latin1').replaceAll('zz/evil', '../evil'), 'latin1'));

    const target = emptyLibrary();
    const report = await restoreBackup(target.lib, target.assets, file);
    expect(report.articles).toEqual({ added: 6, duplicates: 0, rejected: 2 });
    expect(report.highlights).toEqual({ added: 3, duplicates: 0, rejected: 1 });
    expect(report.assets).toEqual({ added: 1, duplicates: 0, rejected: 2 });
    const reasons = report.problems.map((p) => `${p.file}:${p.row} ${p.reason}`);
    expect(reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\.\.\/evil:0 unsafe file name/),
      expect.stringMatching(/^assets\/[0-9a-f]{64}:0 this file expands \d+ times/),
      expect.stringMatching(/^articles\.jsonl:3 not valid JSON/),
      'articles.jsonl:5 article 00000000-0000-4000-8000-00000000bad0: "progress" must be a number from 0 to 1',
      expect.stringMatching(/^highlights\.jsonl:4 highlight h-x belongs to no article/),
      `assets/${tampered}:0 its bytes do not match its name (damaged or altered); skipped`,
    ]));
    expect(report.problems).toHaveLength(6);
    expect(existsSync(join(target.assets.dir, '..', 'evil'))).toBe(false);
    expect(await target.assets.has(tampered)).toBe(false);
    expect(await target.assets.has(good)).toBe(true);
    expect(target.lib.get(source.ids.full)!.title).toBe('Growing tomatoes, "properly"');
  });

  it('refuses a zip that is not a backup, and one from a newer Lectern', async () => {
    const { lib, dir, assets } = emptyLibrary();
    await writeFile(join(dir, 'other.zip'), await zipBuffer([['notes.txt', 'hello']]));
    await expect(restoreBackup(lib, assets, join(dir, 'other.zip'))).rejects.toThrow(/not a Lectern backup/);
    await writeFile(join(dir, 'newer.zip'), await zipBuffer([['lectern-backup.json', JSON.stringify({ format: 'lectern-backup', version: 2 })]]));
    await expect(restoreBackup(lib, assets, join(dir, 'newer.zip'))).rejects.toThrow(/newer Lectern/);
  });

  it('sanitises restored HTML and drops image addresses that are not images', async () => {
    const source = await fixtureLibrary();
    const article = [...source.lib.exportArticles()][0]!;
    const hostile = {
      ...article, id: '00000000-0000-4000-8000-00000000a001', url: 'https://hostile.example/',
      html: `<p onclick="x()">Hi<script>alert(1)</script></p><img src="${assetUrl('a'.repeat(64))}"><img src="javascript:alert(1)">`,
      leadImage: 'javascript:alert(1)',
    };
    const file = join(source.dir, 'h.zip');
    await writeFile(file, await zipBuffer([
      ['lectern-backup.json', JSON.stringify({ format: 'lectern-backup', version: 1 })],
      ['articles.jsonl', JSON.stringify(hostile)],
    ]));
    const target = emptyLibrary();
    expect((await restoreBackup(target.lib, target.assets, file)).articles.added).toBe(1);
    const restored = target.lib.get('00000000-0000-4000-8000-00000000a001')!;
    expect(restored.html).toBe(`<p>Hi</p><img src="${assetUrl('a'.repeat(64))}" />`);
    expect(restored.leadImage).toBeNull();
  });

  it('stops when cancelled, keeping what was restored', async () => {
    const source = await fixtureLibrary();
    const file = join(source.dir, 'backup.zip');
    await writeBackup(source.lib, source.assets, file);
    const target = emptyLibrary();
    const controller = new AbortController();
    const seen: string[] = [];
    const restoring = restoreBackup(target.lib, target.assets, file, {
      signal: controller.signal,
      onProgress: ({ stage }) => {
        seen.push(stage);
        if (stage === 'articles') controller.abort();
      },
    });
    await expect(restoring).rejects.toThrow();
    expect(seen).toContain('feeds');
    expect(target.lib.exportFeeds()).toHaveLength(1);
  });
});
