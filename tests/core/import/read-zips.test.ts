// Zips: Pocket's and Omnivore's exports built here from the fixture files, and hostile zips
// (unsafe names, a zip bomb, a header that lies, limits) that must become problems.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { blankLink, type ImportedLink, type ImportFormat, type ImportProblem } from '../../../electron/import/imported-link.ts';
import { readImport } from '../../../electron/import/read-import.ts';
import type { ZipLimits } from '../../../electron/import/zip-entries.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/imports/${name}`, import.meta.url));

async function zipOf(files: Array<[string, string | Buffer]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** yazl refuses unsafe names, so a safe name of the same length is swapped in afterwards. */
function rename(zip: Buffer, from: string, to: string): Buffer {
  expect(from.length).toBe(to.length);
  const out = Buffer.from(zip);
  for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + 1)) out.write(to, at, 'latin1');
  return out;
}

/** Makes the central directory claim `size` uncompressed bytes for the named entry. */
function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 1, 2])); at >= 0; at = out.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), at + 4)) {
    const length = out.readUInt16LE(at + 28);
    if (out.toString('latin1', at + 46, at + 46 + length) === name) out.writeUInt32LE(size, at + 24);
  }
  return out;
}

async function readAll(bytes: Uint8Array, options: { format?: ImportFormat; limits?: Partial<ZipLimits> } = {}) {
  const links: ImportedLink[] = [];
  const problems: ImportProblem[] = [];
  let format: ImportFormat | null = null;
  for await (const event of readImport({ bytes, name: 'export.zip' }, options)) {
    if (event.kind === 'link') links.push(event.link);
    if (event.kind === 'problem') problems.push(event.problem);
    if (event.kind === 'format') format = event.format;
  }
  return { links, problems, format };
}

const link = (row: number, url: string, file: string, extra: Partial<ImportedLink> = {}): ImportedLink => ({ ...blankLink(row, url, file), ...extra });
const highlight = (quote: string, extra: object = {}) => ({ quote, note: null, color: null, prefix: null, suffix: null, createdAt: null, ...extra });

const pocketCsv = 'title,url,time_added,tags,status\nOne,https://z.example/one,1600000000,,unread\n';

describe('Pocket zip', () => {
  it('reads every part and attaches the highlights in annotations/ to their links', async () => {
    // As Pocket lists them: the CSV parts first, the annotations after.
    const zip = await zipOf([
      ['part_000000.csv', fixture('pocket-zip/part_000000.csv')],
      ['part_000001.csv', fixture('pocket-zip/part_000001.csv')],
      ['annotations/part_000000.json', fixture('pocket-zip/annotations/part_000000.json')],
    ]);
    const { links, problems, format } = await readAll(zip);
    expect(format).toBe('pocket');
    expect(links).toEqual([
      link(2, 'https://p.example/one', 'part_000000.csv', {
        title: 'Highlighted',
        tags: ['reading', 'science'],
        savedAt: '2023-11-14T22:13:20.000Z',
        highlights: [highlight('First quote', { createdAt: '2023-11-14T22:21:40.000Z' }), highlight('Second quote', { createdAt: '2023-11-14T22:23:20.000Z' })],
      }),
      link(3, 'https://p.example/two', 'part_000000.csv', { title: 'Plain', archived: true, savedAt: '2023-11-14T22:15:00.000Z' }),
      link(2, 'https://p.example/three', 'part_000001.csv', { title: 'Later part', savedAt: '2023-11-14T22:16:40.000Z' }),
      // Highlighted, but in no list: it still comes in, with its highlight.
      link(2, 'https://p.example/orphan', 'annotations/part_000000.json', { title: 'Only highlighted', highlights: [highlight('Orphan quote', { createdAt: '2023-11-14T22:25:00.000Z' })] }),
    ]);
    expect(problems.map((p) => [p.file, p.row])).toEqual([
      ['annotations/part_000000.json', 3],
      ['part_000001.csv', 4],
    ]);
  });
});

describe('Omnivore zip', () => {
  it('reads the metadata with each article page and its markdown highlights', async () => {
    const zip = await zipOf([
      ['export/content/the-slow-web.html', fixture('omnivore-zip/content/the-slow-web.html')],
      ['export/highlights/the-slow-web.md', fixture('omnivore-zip/highlights/the-slow-web.md')],
      ['export/metadata_0_to_20.json', fixture('omnivore-zip/metadata_0_to_20.json')],
    ]);
    const { links, problems, format } = await readAll(zip);
    expect(format).toBe('omnivore');
    const file = 'export/metadata_0_to_20.json';
    expect(links).toEqual([
      link(1, 'https://o.example/slow', file, {
        title: 'The Slow Web',
        tags: ['essays', 'web'],
        archived: true,
        savedAt: '2023-03-04T05:06:07.000Z',
        progress: 1,
        highlights: [highlight('Read slowly.', { note: 'This is my note\non two lines' }), highlight('A second\nquote spanning lines'), highlight('Third without note')],
        content: {
          html: '<div class="article"><h1>The Slow Web</h1><p>Read slowly.</p><p>A second paragraph.</p></div>',
          text: null,
          byline: 'Ann Writer',
          siteName: null,
          excerpt: 'On reading slowly',
          publishedAt: '2023-02-01T00:00:00.000Z',
          lang: null,
          wordCount: null,
        },
      }),
      link(2, 'https://o.example/unread', file, { title: 'Unread piece', savedAt: '2023-04-01T00:00:00.000Z', progress: 0.35 }),
    ]);
    expect(problems.map((p) => [p.row, p.file, p.reason])).toEqual([
      [3, file, 'no URL in this item'],
      [4, file, 'deleted in Omnivore; skipped'],
    ]);
  });

  it('reads a lone metadata file, without pages', async () => {
    const bytes = fixture('omnivore-zip/metadata_0_to_20.json');
    const links: ImportedLink[] = [];
    for await (const event of readImport({ bytes, name: 'metadata_0_to_20.json' })) if (event.kind === 'link') links.push(event.link);
    expect(links.map((l) => [l.row, l.url, l.archived, l.content, l.highlights])).toEqual([
      [1, 'https://o.example/slow', true, null, []],
      [2, 'https://o.example/unread', false, null, []],
    ]);
  });
});

describe('hostile zips', () => {
  it('skips entries with .. or absolute paths, and reads the rest', async () => {
    const zip = rename(rename(await zipOf([['ok.csv', pocketCsv], ['xx/evil.csv', pocketCsv], ['aetc/x.csv', pocketCsv]]), 'xx/evil.csv', '../evil.csv'), 'aetc/x.csv', '/etc/x.csv');
    const { links, problems } = await readAll(zip);
    expect(links.map((l) => [l.file, l.row, l.url])).toEqual([['ok.csv', 2, 'https://z.example/one']]);
    expect(problems.map((p) => p.file)).toEqual(['../evil.csv', '/etc/x.csv']);
    for (const problem of problems) expect(problem.reason).toMatch(/unsafe file name/);
  });

  it('reports a zip bomb instead of inflating it', async () => {
    const zip = await zipOf([['bomb.csv', Buffer.alloc(50 * 1_048_576)], ['ok.csv', pocketCsv]]);
    expect(zip.length).toBeLessThan(1_000_000);
    const { links, problems } = await readAll(zip);
    expect(links.map((l) => l.file)).toEqual(['ok.csv']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 0, file: 'bomb.csv' });
    expect(problems[0]!.reason).toMatch(/zip bomb/);
  });

  it('stops reading an entry that holds more than its header says', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `T${i},https://big.example/${i},1600000000,,unread`).join('\n');
    const zip = lieAboutSize(await zipOf([['big.csv', `title,url,time_added,tags,status\n${rows}\n`]]), 'big.csv', 5_000);
    const { links, problems } = await readAll(zip);
    expect(links.length).toBeLessThan(40_000);
    expect(problems.some((p) => p.file === 'big.csv' && p.row === 0)).toBe(true);
  });

  it('enforces the limits given: entries, and bytes per entry', async () => {
    const three = await zipOf([['a.csv', pocketCsv], ['b.csv', pocketCsv], ['c.csv', pocketCsv]]);
    const few = await readAll(three, { limits: { maxEntries: 2 } });
    expect(few.links.map((l) => l.file)).toEqual(['a.csv', 'b.csv']);
    expect(few.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/holds 3 files; only the first 2/)]);
    const small = await readAll(three, { limits: { maxEntryBytes: 20 } });
    expect(small.links).toEqual([]);
    expect(small.problems.map((p) => p.file)).toEqual(['a.csv', 'b.csv', 'c.csv']);
  });

  it('enforces the total while reading, whatever the headers say', async () => {
    const zip = await zipOf([['a.csv', pocketCsv], ['b.csv', pocketCsv]]);
    const { links, problems } = await readAll(zip, { limits: { maxTotalBytes: pocketCsv.length + 10 } });
    expect(links.map((l) => l.file)).toEqual(['a.csv']);
    expect(problems).toEqual([expect.objectContaining({ file: 'b.csv', row: 0 })]);
    expect(problems[0]!.reason).toMatch(/over/);
  });

  it('reports a damaged zip as one problem', async () => {
    const zip = await zipOf([['a.csv', pocketCsv]]);
    const { links, problems } = await readAll(zip.subarray(0, zip.length - 30));
    expect(links).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 0, file: null });
  });

  it('reads a zip of other exports by what each file is, ignoring a backup’s assets', async () => {
    const zip = await zipOf([
      ['library.json', fixture('lectern.json')],
      ['assets/9f86d081884c7d659a2feaa0c55ad015', deflateRawSync(Buffer.from('not an image'))],
      ['notes.txt', 'https://t.example/listed\n'],
    ]);
    const { links, format } = await readAll(zip);
    expect(format).toBe('json');
    expect(links.map((l) => [l.file, l.url])).toEqual([
      ['library.json', 'https://l.example/kept'],
      ['library.json', 'https://l.example/pending'],
      ['notes.txt', 'https://t.example/listed'],
    ]);
  });
});
