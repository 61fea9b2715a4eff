// Property tests: truncated fixtures, random bytes, CSV-ish text, broken zips and odd JSON
// thrown at every reader. readImport must finish in bounded time, never throw, and every event
// must be well-formed. And CSV rows are numbered by the line they start on, whatever the quoting.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import type { ImportEvent, ImportFormat } from '../../../electron/import/imported-link.ts';
import { readImport } from '../../../electron/import/read-import.ts';

const DIR = new URL('../../fixtures/imports/', import.meta.url);
const FORMATS: Array<ImportFormat | undefined> = [undefined, 'pocket', 'instapaper', 'omnivore', 'wallabag', 'readwise', 'bookmarks', 'urls', 'json', 'opml'];
const fixtures: Array<{ name: string; bytes: Buffer }> = readdirSync(DIR)
  .filter((name) => name.includes('.'))
  .map((name) => ({ name, bytes: readFileSync(new URL(name, DIR)) }));

async function zipOf(files: Array<[string, Buffer]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(content, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  const file = (path: string) => readFileSync(new URL(path, DIR));
  fixtures.push({
    name: 'pocket.zip',
    bytes: await zipOf([
      ['part_000000.csv', file('pocket-zip/part_000000.csv')],
      ['part_000001.csv', file('pocket-zip/part_000001.csv')],
      ['annotations/part_000000.json', file('pocket-zip/annotations/part_000000.json')],
    ]),
  });
  fixtures.push({
    name: 'omnivore.zip',
    bytes: await zipOf([
      ['metadata_0_to_20.json', file('omnivore-zip/metadata_0_to_20.json')],
      ['content/the-slow-web.html', file('omnivore-zip/content/the-slow-web.html')],
      ['highlights/the-slow-web.md', file('omnivore-zip/highlights/the-slow-web.md')],
    ]),
  });
});

function wellFormed(event: ImportEvent): void {
  if (event.kind === 'link') {
    const { link } = event;
    expect(typeof link.url === 'string' && link.url.length > 0).toBe(true);
    expect(Number.isInteger(link.row) && link.row >= 1).toBe(true);
    expect(link.title === null || (typeof link.title === 'string' && link.title.length <= 1_000)).toBe(true);
    expect(link.note === null || link.note.length <= 100_000).toBe(true);
    expect(link.tags.every((tag) => typeof tag === 'string' && tag.length > 0)).toBe(true);
    expect(typeof link.archived === 'boolean' && typeof link.starred === 'boolean').toBe(true);
    expect(link.savedAt === null || Number.isFinite(Date.parse(link.savedAt))).toBe(true);
    expect(link.progress === null || (link.progress >= 0 && link.progress <= 1)).toBe(true);
    for (const h of link.highlights) expect(h.quote.length > 0 && h.quote.length <= 20_000).toBe(true);
  } else if (event.kind === 'feed') {
    expect(event.feed.url.length > 0 && event.feed.row >= 1).toBe(true);
  } else if (event.kind === 'problem') {
    expect(typeof event.problem.reason === 'string' && event.problem.reason.length > 0).toBe(true);
    expect(Number.isInteger(event.problem.row) && event.problem.row >= 0).toBe(true);
  } else if (event.kind === 'progress') {
    expect(event.bytesRead >= 0).toBe(true);
  } else {
    expect(typeof event.format).toBe('string');
  }
}

/** Reads everything, failing if it takes more than a few seconds (a hang) or throws. */
async function readChecked(bytes: Uint8Array, name: string, format: ImportFormat | undefined): Promise<ImportEvent[]> {
  const events: ImportEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hung on ${name} (${format})`)), 5_000)));
  const reading = (async () => {
    for await (const event of readImport({ bytes, name }, { format })) {
      wellFormed(event);
      events.push(event);
    }
  })();
  try {
    await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return events;
}

const format = fc.constantFrom(...FORMATS);

describe('readImport on hostile input', () => {
  it('survives every fixture cut at a random point, read as any format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(fixtures.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), format, async (index, cut, chosen) => {
        const { name, bytes } = fixtures[index]!;
        await readChecked(bytes.subarray(0, Math.floor(bytes.length * cut)), name, chosen);
      }),
      { numRuns: 150 },
    );
  });

  it('survives random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4_096 }), fc.constantFrom('x.csv', 'x.json', 'x.html', 'x.zip', 'x.opml', 'x'), format, async (bytes, name, chosen) => {
        const events = await readChecked(bytes, name, chosen);
        expect(events.at(-1)?.kind).toBe('progress');
      }),
      { numRuns: 150 },
    );
  });

  it('survives fixtures with bytes overwritten (zips included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(fixtures.length - 1), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (index, edits) => {
        const { name, bytes } = fixtures[index]!;
        const copy = Buffer.from(bytes);
        for (const [at, value] of edits) copy[Math.floor(at * (copy.length - 1))] = value;
        await readChecked(copy, name, undefined);
      }),
      { numRuns: 120 },
    );
  });

  it('survives CSV-ish text under every CSV header', async () => {
    const header = fc.constantFrom(
      'title,url,time_added,tags,status',
      'URL,Title,Selection,Folder,Timestamp,Tags',
      'Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen',
      'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags,URL',
    );
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('"', '""', '\n', '\r\n', '\r', ',', 'https://x.example/a', 'javascript:x', '1600000000', '\uFEFF', "['a', 'b']", '["a"]', '[', 'archive', 'Starred'),
    );
    const body = fc.array(fc.array(piece, { maxLength: 10 }).map((parts) => parts.join('')), { maxLength: 30 }).map((lines) => lines.join('\n'));
    await fc.assert(
      fc.asyncProperty(header, body, async (head, rest) => {
        await readChecked(Buffer.from(`${head}\n${rest}`), 'export.csv', undefined);
      }),
      { numRuns: 200 },
    );
  });

  it('survives any JSON value in the JSON formats', async () => {
    const shape = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.dictionary(fc.constantFrom('url', 'title', 'tags', 'labels', 'annotations', 'content', 'html', 'id', 'slug', 'state', 'savedAt', 'created_at', 'is_archived'), fc.jsonValue())),
      fc.record({ articles: fc.jsonValue(), feeds: fc.jsonValue(), highlights: fc.jsonValue() }),
    );
    await fc.assert(
      fc.asyncProperty(shape, fc.constantFrom<ImportFormat | undefined>(undefined, 'json', 'wallabag', 'omnivore'), async (value, chosen) => {
        await readChecked(Buffer.from(JSON.stringify(value) ?? 'null'), 'export.json', chosen);
      }),
      { numRuns: 150 },
    );
  });
});

describe('CSV line numbers', () => {
  it('is the line each row starts on, with quoted newlines, blank lines, CRLF and a BOM', async () => {
    const title = fc.array(fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', 'é', '😀'), { maxLength: 12 }).map((chars) => chars.join(''));
    const row = fc.record({ title, blankAfter: fc.nat(2) });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), async (rows, eol, bom) => {
        let text = `${bom ? '\uFEFF' : ''}title,url,time_added,tags,status${eol}`;
        let line = 2;
        const expected: Array<[number, string]> = [];
        rows.forEach(({ title: raw, blankAfter }, i) => {
          const url = `https://lines.example/${i}`;
          expected.push([line, url]);
          text += `"${raw.replace(/"/g, '""').replace(/\n/g, eol)}",${url},1600000000,,unread${eol}${eol.repeat(blankAfter)}`;
          line += 1 + (raw.match(/\n/g)?.length ?? 0) + blankAfter;
        });
        const events = await readChecked(Buffer.from(text), 'pocket.csv', undefined);
        const links = events.flatMap((e) => (e.kind === 'link' ? [[e.link.row, e.link.url] as [number, string]] : []));
        expect(links).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
