// The command line driven as a child process, on a real data folder, as a script would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core.ts';
import { openLibrary } from '../../../electron/library/library.ts';
import { loopbackOnly, startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { libraryAt10 } from '../library/library-at-10.ts';

const CLI = resolve(import.meta.dirname, '../../../electron/cli/lectern.ts');
const dirs: string[] = [];
let server: FixtureServer;

const page = (title: string, words: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `${Array.from({ length: 8 }, (_, i) => `<p>${words} paragraph ${i} carries enough sentences to read as an article body, with more words after.</p>`).join('')}</article></body></html>`;

beforeAll(async () => {
  server = await startFixtureServer({
    '/tomatoes': { body: page('Growing tomatoes', 'Tomatoes need sun.') },
    '/basil': { body: page('Basil on the sill', 'Basil likes warmth.') },
  });
});
afterAll(() => server.close());
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  dirs.push(dir);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The last line of stdout, parsed (with --json). */
  json: Record<string, unknown>;
}

function cli(dir: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, '--data-dir', dir, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(last) as Record<string, unknown>;
      } catch {
        // not a --json run
      }
      done({ code, stdout, stderr, json });
    });
  });
}

describe('lectern command line', () => {
  it('adds pages and waits for them, then lists, tags, archives, shows and searches them', async () => {
    const dir = dataDir();
    const added = await cli(dir, 'add', server.url('/tomatoes'), server.url('/basil'), '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(added.json).toMatchObject({ added: 2, failed: 0 });
    const articles = added.json.articles as Array<{ id: string; status: string; title: string }>;
    expect(articles.map((a) => [a.status, a.title])).toEqual([['done', 'Growing tomatoes'], ['done', 'Basil on the sill']]);
    const [tomatoes, basil] = articles.map((a) => a.id);

    expect((await cli(dir, 'tag', tomatoes!, 'garden', 'summer', '--json')).json).toEqual({ id: tomatoes, tags: ['garden', 'summer'] });
    expect((await cli(dir, 'archive', basil!, '--json')).json).toEqual({ archived: 1, missing: [] });

    const unread = await cli(dir, 'list', '--view', 'unread', '--json');
    expect(unread.json).toEqual({ articles: [{ id: tomatoes, url: server.url('/tomatoes'), title: 'Growing tomatoes', tags: ['garden', 'summer'] }] });
    const tagged = await cli(dir, 'list', '--tag', 'garden', '--json');
    expect((tagged.json.articles as unknown[]).length).toBe(1);

    const shown = await cli(dir, 'show', basil!, '--json');
    expect(shown.json).toMatchObject({ id: basil, title: 'Basil on the sill', archived: true, status: 'done' });
    expect(String(shown.json.html)).toContain('Basil likes warmth.');

    const found = await cli(dir, 'search', 'basil', '--json');
    expect((found.json.hits as Array<{ id: string }>).map((h) => h.id)).toEqual([basil]);

    const stats = await cli(dir, 'stats', '--json');
    expect(stats.json).toMatchObject({ articles: 2, unread: 1, archived: 1, tags: 2, pending: 0 });
  });

  it('imports a Pocket CSV with a report of the rows it rejected, and says so in its exit code', async () => {
    const dir = dataDir();
    const file = join(dir, 'pocket.csv');
    const report = join(dir, 'report.csv');
    writeFileSync(file, 'title,url,time_added,tags,status\nOne,https://one.example/a,1700000000,x|y,unread\nTwo,not a url at all,1700000001,,archive\nThree,https://three.example/c,1700000002,,archive\n');
    const run = await cli(dir, 'import', 'pocket', file, '--report', report, '--json');
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ imported: 2, duplicates: 0, rejected: 1 });
    expect(readFileSync(report, 'utf8')).toMatch(/^row,file,reason\n3,,.*not a url at all/);
    // Imported again: nothing new, nothing lost.
    const again = await cli(dir, 'import', 'pocket', file, '--json');
    expect(again.json).toMatchObject({ imported: 0, duplicates: 2, rejected: 1 });
    const archived = await cli(dir, 'list', '--view', 'archive', '--json');
    expect((archived.json.articles as Array<{ url: string }>).map((a) => a.url)).toEqual(['https://three.example/c']);
  });

  it('exports JSON that imports back into an empty library', async () => {
    const dir = dataDir();
    await cli(dir, 'add', server.url('/tomatoes'), '--json');
    const file = join(dir, 'export.json');
    expect((await cli(dir, 'export', 'json', file, '--json')).json).toMatchObject({ exported: 1 });
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { articles: Array<{ title: string; html: string }> };
    expect(doc.articles.map((a) => a.title)).toEqual(['Growing tomatoes']);
    const other = dataDir();
    expect((await cli(other, 'import', 'json', file, '--json')).json).toMatchObject({ imported: 1, rejected: 0 });
  });

  it('exports highlights as Markdown (one article: one file) and as JSON', async () => {
    const dir = dataDir();
    const added = await cli(dir, 'add', server.url('/tomatoes'), server.url('/basil'), '--json');
    const [tomatoes] = (added.json.articles as Array<{ id: string }>).map((a) => a.id);
    // The reader's highlighting, through the same library the command line opens.
    const lib = openLibrary(join(dir, 'library.db'));
    lib.highlights.add(tomatoes!, { quote: 'Tomatoes need sun.', note: 'Plant by the wall.' });
    lib.close();

    const md = join(dir, 'tomatoes.md');
    const single = await cli(dir, 'export', 'highlights-markdown', md, '--ids', tomatoes!, '--json');
    expect(single.json, single.stderr).toMatchObject({ exported: 1, format: 'highlights-markdown' });
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('title: "Growing tomatoes"');
    expect(text).toContain('> Tomatoes need sun.\n\n**Note:** Plant by the wall.');

    const json = join(dir, 'highlights.json');
    expect((await cli(dir, 'export', 'highlights-json', json, '--json')).json).toMatchObject({ exported: 1 });
    const doc = JSON.parse(readFileSync(json, 'utf8')) as { highlights: Array<{ quote: string; article: { id: string } }> };
    expect(doc.highlights.map((h) => [h.quote, h.article.id])).toEqual([['Tomatoes need sun.', tomatoes]]);
    // The usage names the new formats.
    expect((await cli(dir, 'export', 'highlights')).stderr).toMatch(/highlights-markdown, highlights-json/);
  });

  it('restores a full backup into an empty library with its ids and states, and merges it again without duplicates', async () => {
    const dir = dataDir();
    const added = await cli(dir, 'add', server.url('/tomatoes'), server.url('/basil'), '--json');
    const [tomatoes] = (added.json.articles as Array<{ id: string }>).map((a) => a.id);
    await cli(dir, 'tag', tomatoes!, 'garden', '--json');
    const backup = join(dir, 'backup.zip');
    expect((await cli(dir, 'export', 'backup', backup, '--json')).json).toMatchObject({ exported: 2 });
    const other = dataDir();
    const restored = await cli(other, 'import', 'backup', backup, '--json');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.json).toMatchObject({ format: 'backup', imported: 2, rejected: 0 });
    const shown = await cli(other, 'show', tomatoes!, '--json');
    expect(shown.json).toMatchObject({ id: tomatoes, title: 'Growing tomatoes', tags: ['garden'], status: 'done' });
    expect((await cli(other, 'import', 'backup', backup, '--json')).json).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it('says what went wrong in its exit code', async () => {
    const dir = dataDir();
    expect((await cli(dir, 'frobnicate')).code).toBe(2);
    expect((await cli(dir, 'import', 'pocket')).code).toBe(2);
    expect((await cli(dir, 'show', '00000000-0000-4000-8000-000000000000', '--json')).code).toBe(3);
    // A library from a newer Lectern is left alone.
    const db = new DatabaseSync(join(dir, 'library.db'));
    db.exec('PRAGMA user_version = 999');
    db.close();
    const newer = await cli(dir, 'stats', '--json');
    expect(newer.code).toBe(4);
    expect(newer.json).toMatchObject({ error: 'library' });
  });

  it('writes beside the running app without losing either side’s writes', async () => {
    const dir = dataDir();
    const core = createCore({ dataDir: dir, rendererDir: join(dir, 'none'), allowFetch: loopbackOnly, refreshFeeds: false });
    try {
      const rows = Array.from({ length: 20_000 }, (_, i) => `Row ${i},https://bulk.example/${i},1700000000,,unread`).join('\n');
      const file = join(dir, 'bulk.csv');
      writeFileSync(file, `title,url,time_added,tags,status\n${rows}\n`);
      // The app saves links one by one for as long as the command line imports 20,000 rows.
      let importDone = false;
      const importing = cli(dir, 'import', 'pocket', file, '--json').finally(() => (importDone = true));
      const results: Array<{ ok: boolean }> = [];
      for (let i = 0; !importDone; i++) {
        results.push((await core.invoke('saveUrl', [`https://app.example/${i}`])) as { ok: boolean });
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(results.length).toBeGreaterThan(20);
      expect(results.every((r) => r.ok)).toBe(true);
      const run = await importing;
      expect(run.code, run.stderr).toBe(0);
      expect(run.json).toMatchObject({ imported: 20_000 });
      const listed = (await core.invoke('listArticles', [{ view: 'all', limit: 1 }])) as { ok: true; value: { total: number } };
      expect(listed.value.total).toBe(20_000 + results.length);
    } finally {
      await core.close();
    }
  });
});

describe('an older library', () => {
  it('is backed up and upgraded, saying how far it is on stderr, and then answers', async () => {
    const dir = dataDir();
    libraryAt10(join(dir, 'library.db'), 30).close();
    const run = await cli(dir, 'list', '--json');
    expect(run.code, run.stderr).toBe(0);
    const said = run.stderr.split('\n').filter((line) => line.length > 0);
    expect(said[0]).toBe('Backing up the library before upgrading it…');
    expect(said.slice(1)).toEqual(['Upgrading the library for this version: 0%', 'Upgrading the library for this version: 90%', 'Upgrading the library for this version: 100%']);
    expect((run.json.articles as unknown[]).length).toBe(29);
    // Upgraded once: the next command says nothing of it, nor does a new library's first.
    expect((await cli(dir, 'list', '--json')).stderr).toBe('');
    expect((await cli(dataDir(), 'list', '--json')).stderr).toBe('');
  });
});
