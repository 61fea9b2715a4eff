// Users run dist/, not the TypeScript sources. This runs `npm run build` once, in a copy of the
// project (the shared dist/renderer is in use by renderer tests, and vite empties its outDir),
// deletes the copy's sources so nothing can fall back to them, and then drives the built core
// in plain Node: a capture extracted in the built worker, search, the migrations, and the
// renderer bundle served from dist/renderer with the CSP.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { compileFunction } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../../../electron/app/app-handler.ts';
import { latestVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..', '..', '..');
const fixtures = join(repo, 'tests', 'fixtures');
const BUILD_INPUTS = ['electron', 'renderer', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.electron.json', 'tsconfig.preload.json', 'vite.config.ts'];
const SOURCES = ['electron', 'renderer', 'scripts'];

interface Served {
  path: string;
  status: number;
  type: string | null;
  csp: string | null;
  length: number;
}
interface Report {
  sqliteProblems: string[];
  article: { status: string; error: string | null; title: string; wordCount: number };
  search: { total: number; ids: string[]; snippet: string | null };
  savedId: string;
  index: Served & { body: string };
  bundle: Served[];
  image: Served | null;
  userVersion: number;
  backups: number;
  preload: string;
  preloadFile: string;
  rendererDir: string;
}

describe('the built app (dist/) under plain Node', { timeout: 120_000 }, () => {
  let stage: string;
  let dist: string;
  let server: FixtureServer;
  let report: Report;

  beforeAll(async () => {
    stage = mkdtempSync(join(tmpdir(), 'lectern-build-'));
    for (const input of BUILD_INPUTS) cpSync(join(repo, input), join(stage, input), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
    await run('npm', ['run', 'build'], { cwd: stage, maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`npm run build failed:\n${`${error.stdout ?? ''}\n${error.stderr ?? ''}`.trim().slice(-4000)}`);
    });
    for (const source of SOURCES) rmSync(join(stage, source), { recursive: true, force: true });
    dist = join(stage, 'dist');

    server = await startFixtureServer({
      '/2026/11/river-barrier': { body: readFileSync(join(fixtures, 'pages', 'wordpress-news', 'source.html')) },
      '/images/photo-1.png': { headers: { 'content-type': 'image/png' }, body: readFileSync(join(fixtures, 'images', 'photo-1.png')) },
      '/images/photo-2.jpg': { headers: { 'content-type': 'image/jpeg' }, body: readFileSync(join(fixtures, 'images', 'photo-2.jpg')) },
    });
    const driver = join(import.meta.dirname, 'drive-built-core.ts');
    const { stdout } = await run(process.execPath, [driver, dist, server.url('/2026/11/river-barrier'), 'floodwall OR barrier'], {
      cwd: stage,
      maxBuffer: 16 * 1024 * 1024,
    });
    report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Report;
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    if (stage) rmSync(stage, { recursive: true, force: true });
  });

  it('emits the main process, the worker, the migrations, the preload and the renderer', () => {
    for (const file of ['electron/main.js', 'electron/core.js', 'electron/capture/extraction/extract-worker.js', 'electron/library/background/library-worker.js', 'preload/preload.cjs', 'renderer/index.html']) {
      expect([file, existsSync(join(dist, file))]).toEqual([file, true]);
    }
    const migrations = readdirSync(join(dist, 'electron', 'library', 'migrations')).filter((f) => /^\d{4}-.*\.js$/.test(f));
    expect(migrations).toHaveLength(MIGRATIONS.length);
  });

  it('every relative import in the emitted main process names a file that exists (main.js too, which needs Electron to run)', () => {
    const files = readdirSync(join(dist, 'electron'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(50);
    const broken: string[] = [];
    let seen = 0;
    for (const file of files) {
      const path = join(dist, 'electron', file);
      for (const match of readFileSync(path, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
        seen++;
        if (!existsSync(resolve(dirname(path), match[1] ?? ''))) broken.push(`${file} → ${match[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('finds the SQLite it needs, checked from dist (its lazy imports resolve there)', () => {
    expect(report.sqliteProblems).toEqual([]);
  });

  it('saves an article from a loopback server, extracted in the built worker', () => {
    expect(report.article).toMatchObject({ status: 'done', error: null });
    expect(report.article.title).toContain('Riverside Flood Barrier');
    expect(report.article.wordCount).toBeGreaterThan(100);
  });

  it('finds it by full-text search', () => {
    expect(report.search.total).toBe(1);
    expect(report.search.ids).toEqual([report.savedId]);
    expect(report.search.snippet).toMatch(/<mark>barrier<\/mark>/i);
  });

  it('creates the library at the latest schema version through the built migrations', () => {
    expect(report.userVersion).toBe(latestVersion(MIGRATIONS));
  });

  it('checks the library on the built library worker, then takes the daily backup', () => {
    expect(report.backups).toBe(1);
  });

  it('serves the renderer bundle from dist/renderer with the CSP', () => {
    expect(report.rendererDir).toBe(join(dist, 'renderer'));
    expect(report.index).toMatchObject({ status: 200, csp: APP_CSP });
    expect(report.index.body).toMatch(/<script type="module"[^>]*src="\/static\//);
    const types = report.bundle.map((file) => file.type?.split(';')[0]);
    expect(types).toEqual(expect.arrayContaining(['text/javascript', 'text/css']));
    for (const file of report.bundle) expect(file).toMatchObject({ path: file.path, status: 200, csp: APP_CSP });
    for (const file of report.bundle) expect(file.length).toBeGreaterThan(0);
  });

  it('serves the article’s cached image from the built asset store', () => {
    expect(report.image).toMatchObject({ status: 200, type: expect.stringMatching(/^image\//) });
  });

  it('points the window at a preload that exists and is CommonJS, as a sandboxed preload must be', () => {
    expect(report.preload).toBe(join(dist, 'preload', 'preload.cjs'));
    expect(report.preloadFile).toBe(report.preload);
    const source = readFileSync(report.preload, 'utf8');
    // Throws on import/export syntax: Electron evaluates sandboxed preloads as CommonJS scripts.
    expect(() => compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'])).not.toThrow();
    expect(source).toContain("require(\"electron\")");
  });
});
