// A large export is read as a stream: links come out while the file is still being read, a
// progress event now and then, and an abort stops it at once.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImport } from '../../../electron/import/read-import.ts';

const ROWS = 30_000;
let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lectern-import-'));
  path = join(dir, 'pocket.csv');
  const lines = ['title,url,time_added,tags,status'];
  for (let i = 1; i <= ROWS; i++) lines.push(`"Article ${i}, a title",https://stream.example/${i},${1600000000 + i},tag${i % 7}|all,${i % 2 ? 'unread' : 'archive'}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('streaming a 30,000-row Pocket CSV', () => {
  it('yields links before the whole file is read, with progress, and every row', async () => {
    const total = statSync(path).size;
    let links = 0;
    let lastUrl = '';
    let bytesAtFirstProgress: number | null = null;
    const progress: number[] = [];
    const kinds: string[] = [];
    for await (const event of readImport({ path })) {
      kinds.push(event.kind);
      if (event.kind === 'format') expect(event.format).toBe('pocket');
      else if (event.kind === 'link') {
        links++;
        lastUrl = event.link.url;
        if (links === ROWS) expect(event.link.row).toBe(ROWS + 1);
      } else if (event.kind === 'progress') {
        expect(event.totalBytes).toBe(total);
        progress.push(event.bytesRead);
        bytesAtFirstProgress ??= event.bytesRead;
      } else throw new Error(`unexpected ${event.kind}`);
    }
    expect(links).toBe(ROWS);
    expect(kinds[0]).toBe('format');
    expect(lastUrl).toBe(`https://stream.example/${ROWS}`);
    // The first progress comes after 1,000 links, when only the start of the file was read.
    expect(bytesAtFirstProgress).not.toBeNull();
    expect(bytesAtFirstProgress!).toBeLessThan(total / 4);
    expect(progress.length).toBeGreaterThanOrEqual(ROWS / 1_000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(total);
  });

  it('throws the abort reason promptly when aborted mid-way', async () => {
    const controller = new AbortController();
    let links = 0;
    let afterAbort = 0;
    const started = Date.now();
    const reading = (async () => {
      for await (const event of readImport({ path }, { signal: controller.signal })) {
        if (controller.signal.aborted) afterAbort++;
        if (event.kind === 'link' && ++links === 5_000) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(links).toBe(5_000);
    expect(afterAbort).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('throws at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(readImport({ path }, { signal: controller.signal }).next()).rejects.toThrow('stop');
  });

  it('stops reading the file when the caller stops early', async () => {
    let links = 0;
    for await (const event of readImport({ path })) if (event.kind === 'link' && ++links === 10) break;
    expect(links).toBe(10);
  });
});
