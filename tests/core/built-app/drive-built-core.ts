// Runs in its own plain Node process (no Vitest resolver to smooth over emitted import paths):
// loads the core from a build's dist/, does what the app does first, and prints a JSON report
// for built-app.test.ts to judge.
// Usage: node drive-built-core.ts <dist folder> <article url> <search word>
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import type * as CoreModule from '../../../electron/core.ts';
import type * as PathsModule from '../../../electron/app/built-paths.ts';
import type * as PolicyModule from '../../../electron/app/window-policy.ts';
import type * as SqliteCheckModule from '../../../electron/app/sqlite-requirements.ts';
import type { Article, ArticleSummary, Result, SearchResult } from '../../../electron/ipc/api.ts';

const [distDir, articleUrl, word] = process.argv.slice(2);
if (!distDir || !articleUrl || !word) throw new Error('usage: drive-built-core.ts <dist> <article url> <search word>');

const load = <T>(relative: string): Promise<T> => import(pathToFileURL(join(distDir, 'electron', relative)).href) as Promise<T>;
const { createCore } = await load<typeof CoreModule>('core.js');
const { RENDERER_DIR, PRELOAD_FILE } = await load<typeof PathsModule>('app/built-paths.js');
const { WEB_PREFERENCES, APP_ORIGIN } = await load<typeof PolicyModule>('app/window-policy.js');
const { checkSqliteRequirements } = await load<typeof SqliteCheckModule>('app/sqlite-requirements.js');

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

const dataDir = mkdtempSync(join(tmpdir(), 'lectern-built-'));
const sqliteProblems = await checkSqliteRequirements({ dataDir });
const loopback = (url: URL) => url.hostname === '127.0.0.1';
const core = createCore({ dataDir, rendererDir: RENDERER_DIR, allowFetch: loopback, refreshFeeds: false, concurrency: 1 });

const saved = value<ArticleSummary>(await core.invoke('saveUrl', [articleUrl]));
await core.idle();
const article = value<Article>(await core.invoke('getArticle', [saved.id]));
const search = value<SearchResult>(await core.invoke('search', [word]));

async function get(path: string) {
  const response = await core.handleRequest(new Request(`${APP_ORIGIN}${path}`));
  const body = await response.text();
  return {
    path,
    status: response.status,
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    length: body.length,
    body,
  };
}

const index = await get('/');
const bundlePaths = [...index.body.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
const bundle = await Promise.all(bundlePaths.map(async (path) => ({ ...(await get(path)), body: undefined })));
const imagePath = /src="(\/assets\/[0-9a-f]{64})"/.exec(article.html)?.[1];
const image = imagePath ? { ...(await get(imagePath)), body: undefined } : null;
// The integrity check runs on the built library worker; the daily backup waits for it.
await core.checked();
const backups = readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.db')).length;
await core.close();

const db = new DatabaseSync(join(dataDir, 'library.db'), { readOnly: true });
const { user_version: userVersion } = db.prepare('PRAGMA user_version').get() as { user_version: number };
db.close();

console.log(
  JSON.stringify({
    sqliteProblems,
    article: { status: article.status, error: article.error, title: article.title, wordCount: article.wordCount },
    search: { total: search.total, ids: search.hits.map((hit) => hit.article.id), snippet: search.hits[0]?.snippet ?? null },
    savedId: saved.id,
    index: { ...index, body: index.body.slice(0, 2000) },
    bundle,
    image,
    userVersion,
    backups,
    preload: WEB_PREFERENCES.preload,
    preloadFile: PRELOAD_FILE,
    rendererDir: RENDERER_DIR,
  }),
);
