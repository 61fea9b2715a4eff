// Two libraries that meet for the first time through a sync remote: made by bulk insert
// (distinct URLs plus some both saved), synced round by round, and compared by a canonical
// digest of what a person sees (addresses, titles, states, tags, notes, progress, bodies).
// Shared by the scale test and scripts/bench-sync.ts.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AssetStore } from '../../../../electron/capture/images/asset-store.ts';
import { openLibrary, type BulkArticle, type Library } from '../../../../electron/library/library.ts';
import { openVault } from '../../../../electron/sync/service/open-remote.ts';
import type { SyncRemote } from '../../../../electron/sync/remote/sync-remote.ts';
import { syncRound, type SyncRoundReport } from '../../../../electron/sync/sync-engine.ts';

const WORDS = ['river', 'garden', 'window', 'letter', 'harbour', 'lantern', 'meadow', 'engine', 'winter', 'orchard', 'signal', 'journey'];

function body(seed: number): { html: string; text: string; words: number } {
  const sentences = Array.from({ length: 6 }, (_, i) => Array.from({ length: 12 }, (_, j) => WORDS[(seed * 7 + i * 13 + j * 5) % WORDS.length]).join(' '));
  return { html: sentences.map((s) => `<p>${s}.</p>`).join(''), text: sentences.join('.\n\n'), words: 72 };
}

/** `count` articles: the first `shared` at addresses both libraries hold, the rest `own`'s alone. */
export function bulkArticles(own: string, count: number, shared: number): BulkArticle[] {
  return Array.from({ length: count }, (_, i) => {
    const url = i < shared ? `https://shared.example/post/${i}` : `https://${own}.example/post/${i}`;
    const b = body(i + (i < shared ? 0 : own.length * 100_003));
    return {
      url,
      canonicalUrl: null,
      title: `${i < shared ? 'Shared' : own} article ${i}`,
      byline: null,
      siteName: null,
      publishedAt: null,
      lang: 'en',
      dir: 'ltr',
      excerpt: null,
      html: b.html,
      text: b.text,
      leadImage: null,
      wordCount: b.words,
      assetHashes: [],
      tags: i % 3 === 0 ? [`${own}-tag`, 'common'] : [],
      starred: i % 11 === 0,
      archived: i % 4 === 0,
    };
  });
}

export function makeLibrary(dataDir: string, articles: readonly BulkArticle[]): void {
  const library = openLibrary(join(dataDir, 'library.db'));
  try {
    for (let i = 0; i < articles.length; i += 2000) library.bulkInsert(articles.slice(i, i + 2000));
  } finally {
    library.close();
  }
}

export interface LibraryDigest {
  articles: number;
  distinctUrls: number;
  digest: string;
}

/** What two converged libraries must agree on; ids and local times are left out. */
export function libraryDigest(library: Library): LibraryDigest {
  const rows: string[] = [];
  for (const a of library.exportArticles()) {
    const bodyHash = createHash('sha256').update(a.html).digest('hex');
    rows.push(JSON.stringify([a.url, a.title, a.status, a.starred, a.archived, a.progress, a.note, [...a.tags].sort(), bodyHash]));
  }
  rows.sort();
  return {
    articles: rows.length,
    distinctUrls: new Set(rows.map((r) => (JSON.parse(r) as string[])[0])).size,
    digest: createHash('sha256').update(rows.join('\n')).digest('hex'),
  };
}

export function digestOf(dataDir: string): LibraryDigest {
  const library = openLibrary(join(dataDir, 'library.db'), { checkIntegrity: false });
  try {
    return libraryDigest(library);
  } finally {
    library.close();
  }
}

/** One round for the library in dataDir, opening and closing it as a separate run would. */
export async function roundFor(dataDir: string, remote: SyncRemote, passphrase: string): Promise<SyncRoundReport> {
  const library = openLibrary(join(dataDir, 'library.db'), { checkIntegrity: false });
  try {
    const vault = await openVault(remote, passphrase, true);
    return await syncRound(library, vault, { assets: new AssetStore(join(dataDir, 'assets')) });
  } finally {
    library.close();
  }
}

export interface Meeting {
  rounds: Array<{ device: 'A' | 'B'; ms: number; report: SyncRoundReport }>;
  ms: number;
  bytesUp: number;
  bytesDown: number;
}

/** A pushes, B pulls and pushes, A pulls: after that both hold everything. */
export async function meet(dirA: string, dirB: string, remote: SyncRemote, passphrase: string): Promise<Meeting> {
  const rounds: Meeting['rounds'] = [];
  const started = performance.now();
  for (const [device, dir] of [['A', dirA], ['B', dirB], ['A', dirA]] as const) {
    const t = performance.now();
    const report = await roundFor(dir, remote, passphrase);
    rounds.push({ device, ms: performance.now() - t, report });
  }
  return {
    rounds,
    ms: performance.now() - started,
    bytesUp: rounds.reduce((n, r) => n + r.report.bytesUp, 0),
    bytesDown: rounds.reduce((n, r) => n + r.report.bytesDown, 0),
  };
}
