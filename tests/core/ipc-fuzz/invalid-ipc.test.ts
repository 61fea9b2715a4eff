// Issue 12, invalid IPC: every operation of the contract is fed wrong types, huge strings,
// prototype-polluting keys and the wrong number of arguments. Each answer is a typed
// invalid-argument error, Object.prototype stays clean, and the library does not change.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core.ts';
import type { ApiName, Article, ArticleSummary, Feed, Highlight, Result } from '../../../electron/ipc/api.ts';
import { argumentSchemas } from '../../../electron/ipc/schemas.ts';
import { anchorTextOf } from '../../../electron/library/anchor-text.ts';
import { loopbackOnly, startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { badTuples, SIGNATURES } from './bad-arguments.ts';
import { snapshotLibrary } from './library-snapshot.ts';

const page = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'pages', 'wordpress-news', 'source.html'));
const feedXml = (origin: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Fuzz feed</title><link>${origin}/</link>
<item><title>One</title><link>${origin}/feed-item-1</link><guid>${origin}/feed-item-1</guid></item></channel></rss>`;

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

let server: FixtureServer;
let core: Core;
let dataDir: string;
const events: string[] = [];
const opened: string[] = [];
let valid: { [K in ApiName]: unknown[] };

beforeAll(async () => {
  server = await startFixtureServer({ '/news': { body: page } });
  server.route('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, body: feedXml(server.origin) });
  dataDir = mkdtempSync(join(tmpdir(), 'lectern-ipc-fuzz-'));
  core = createCore({ dataDir, rendererDir: join(dataDir, 'no-renderer'), allowFetch: loopbackOnly, refreshFeeds: false, openExternal: async (url) => void opened.push(url) });

  // A library with something of every kind for the bad calls to aim at.
  const article = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/news')]));
  await core.idle();
  value(await core.invoke('addTags', [article.id, ['fuzz', 'second']]));
  value(await core.invoke('setNote', [article.id, 'a note']));
  const captured = value<Article>(await core.invoke('getArticle', [article.id]));
  if (captured.status !== 'done') throw new Error(`the fixture page was not captured: ${captured.status} ${captured.error}`);
  const text = anchorTextOf(captured.html);
  const quote = text.slice(10, 30);
  const highlight = value<Highlight>(
    await core.invoke('addHighlight', [article.id, { quote, prefix: text.slice(0, 10), suffix: text.slice(30, 40), start: 10, end: 30, color: 'green', note: '' }]),
  );
  const feed = value<Feed>(await core.invoke('addFeed', [server.url('/feed.xml'), 'Folder']));
  await core.idle();
  value(await core.invoke('setPreferences', [{ theme: 'dark', fontSize: 20 }]));
  core.on((event) => events.push(event));

  const linkFile = new TextEncoder().encode(`${server.url('/imported')}\n`);
  const input = { quote, prefix: '', suffix: '', start: 10, end: 30, color: 'pink', note: 'n' };
  // A good value in every position: each bad tuple differs from one of these in one place only.
  valid = {
    saveUrl: [server.url('/news?again')],
    listArticles: [{ view: 'all' }],
    getArticle: [article.id],
    setStarred: [article.id, true],
    setArchived: [article.id, true],
    setProgress: [article.id, 0.5],
    deleteArticle: [article.id],
    retryArticle: [article.id],
    cancelCapture: [article.id],
    addTags: [article.id, ['new']],
    removeTag: [article.id, 'fuzz'],
    renameTag: ['fuzz', 'renamed'],
    listTags: [],
    importLinks: [`${server.url('/imported')}\n`],
    importFile: ['job-1', 'links.txt', linkFile, null],
    cancelImport: ['job-1'],
    exportLibrary: ['json', null],
    listFeeds: [],
    addFeed: [server.url('/feed.xml?other'), null],
    updateFeed: [feed.id, { title: 'Renamed' }],
    removeFeed: [feed.id],
    refreshFeeds: [feed.id],
    listSites: [],
    listHighlights: [article.id],
    addHighlight: [article.id, input],
    updateHighlight: [highlight.id, { note: 'changed' }],
    deleteHighlight: [highlight.id],
    restoreHighlight: [highlight.id],
    browseHighlights: [{ color: 'green' }],
    setNote: [article.id, 'changed'],
    queueStatus: [],
    getPreferences: [],
    setPreferences: [{ theme: 'light' }],
    search: ['river', 10, 5],
    searchSnippets: ['river', [article.id]],
    openExternal: ['https://example.com/'],
    getSyncStatus: [],
    configureSync: [{ remote: { kind: 'folder', path: join(dataDir, 'sync-remote') }, passphrase: 'a passphrase', create: true }],
    syncNow: [],
    disableSync: [],
    setSyncKeepOffline: [true],
    answerConnectorPairing: [article.id, false],
    listConnectorPairings: [],
    listConnectedBrowsers: [],
    revokeConnectedBrowser: [article.id],
    openCaptureWindow: ['https://example.com/'],
  };
});

afterAll(async () => {
  await core?.close();
  await server?.close();
});

const operations = Object.keys(argumentSchemas) as ApiName[];

describe('invalid IPC arguments', () => {
  it('has a signature and good arguments for every operation of the schema', () => {
    for (const name of operations) {
      expect(SIGNATURES, `no fuzz signature for ${name}`).toHaveProperty(name);
      expect(valid, `no good arguments for ${name}`).toHaveProperty(name);
      expect(valid[name], name).toHaveLength(SIGNATURES[name].params.length);
      // Bad tuples are one change away from these: they must be good, or a refusal proves nothing.
      expect(argumentSchemas[name].safeParse(valid[name]).success, `good arguments of ${name} refused`).toBe(true);
    }
    expect(Object.keys(SIGNATURES).sort()).toEqual([...operations].sort());
  });

  it.each(operations)('%s: every bad call is refused with a typed error and changes nothing', async (name) => {
    const before = snapshotLibrary(dataDir);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    const tuples = badTuples(SIGNATURES[name], valid[name]);
    expect(tuples.length).toBeGreaterThan(5);
    for (const { label, args } of tuples) {
      const answer = await core.invoke(name, args as unknown[]);
      expect(answer, `${name} ${label}`).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      if (!answer.ok) expect(answer.error.message.length, `${name} ${label}: message`).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    expect(events, 'no change was announced').toEqual([]);
    expect(opened).toEqual([]);
    await core.idle();
    expect(snapshotLibrary(dataDir)).toEqual(before);
    console.log(`${name}: ${tuples.length} bad calls refused`);
  });

  // Runs last: a good call does change what the snapshot reads, so "unchanged" above means something.
  it('sees the change a good call makes', async () => {
    const before = snapshotLibrary(dataDir);
    value(await core.invoke('setStarred', valid.setStarred));
    value(await core.invoke('setPreferences', valid.setPreferences));
    const after = snapshotLibrary(dataDir);
    expect(after.tables).not.toEqual(before.tables);
    expect(after.preferences).not.toEqual(before.preferences);
  });

  it('refuses unknown and inherited operation names', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'x'.repeat(10 * 1024 * 1024)]) {
      expect(await core.invoke(name, [])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });
});
