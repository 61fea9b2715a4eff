import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { captureArticle } from '../../../electron/capture/capture-article.ts';
import { ExtractPool } from '../../../electron/capture/extraction/extract-pool.ts';
import type { FetchLimits } from '../../../electron/capture/fetching/fetch-resource.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { temporaryDir } from '../capture/support/fixtures.ts';
import { contentTypes, documents, images } from './content-cases.ts';
import { articlePage, MB, type HostileCase } from './hostile-case.ts';
import { startRawServer, type RawServer } from './raw-server.ts';
import { bytesAndTime, protocol, redirects } from './transport-cases.ts';

// Issue 12: every way a server can be hostile ends in a clear error for that one article,
// within the capture's own time limits, with the rest of the app still working and memory held
// to the byte caps. Each case is a loopback server's behaviour and the error it must produce.

const CASES: HostileCase[] = [...bytesAndTime, ...protocol, ...redirects, ...contentTypes, ...documents, ...images];

// Small limits keep the suite quick; the caps work the same at any size.
const LIMITS: FetchLimits = { connectTimeoutMs: 2_000, totalTimeoutMs: 2_000, maxBytes: 1 * MB, maxDecodedBytes: 2 * MB, maxCompressionRatio: 100, maxRedirects: 5 };
const IMAGE_LIMITS: Partial<FetchLimits> = { totalTimeoutMs: 2_000, maxBytes: 1 * MB, maxDecodedBytes: 1 * MB };
const DEFAULT_EXTRACT_MS = 10_000;

/** The longest a case may take: its fetch limits, its images', extraction; never a measure of speed. */
function ceilingMs(hostile: HostileCase): number {
  const limits = { ...LIMITS, ...hostile.limits };
  const imageMs = { ...IMAGE_LIMITS, ...hostile.imageLimits }.totalTimeoutMs ?? 0;
  return limits.connectTimeoutMs + limits.totalTimeoutMs + (hostile.extractTimeoutMs ?? DEFAULT_EXTRACT_MS) + 2 * imageMs + 5_000;
}

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

describe('hostile servers', () => {
  let raw: RawServer;
  let good: FixtureServer;
  let store: AssetStore;
  let removeDir: () => Promise<void>;
  // One worker pool per extraction time limit, as the app runs extraction off its main thread.
  const pools = new Map<number, ExtractPool>();
  const poolFor = (timeoutMs: number): ExtractPool => {
    const pool = pools.get(timeoutMs) ?? new ExtractPool({ size: 1, timeoutMs });
    pools.set(timeoutMs, pool);
    return pool;
  };

  beforeAll(async () => {
    raw = await startRawServer();
    good = await startFixtureServer({ '/good': { body: articlePage('A good article from a good server') } });
    const dir = await temporaryDir();
    store = new AssetStore(dir.path);
    removeDir = dir.remove;
  });
  afterAll(async () => {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
    await raw.close();
    await good.close();
    await removeDir();
  });

  it('counts its cases', () => {
    console.log(`hostile servers: ${CASES.length} cases`);
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((hostile) => slug(hostile.name))).size).toBe(CASES.length);
  });

  for (const hostile of CASES) {
    it(hostile.name, { timeout: ceilingMs(hostile) }, async () => {
      const prefix = `/${slug(hostile.name)}`;
      for (const [route, behaviour] of Object.entries(hostile.routes)) raw.route(`${prefix}${route}`, (connection) => behaviour(connection, prefix));
      const address = (hostile.address ?? ((url: string) => url))(raw.url(prefix));

      let settled = false;
      const capture = captureArticle(address, {
        assets: store,
        limits: { ...LIMITS, ...hostile.limits },
        imageLimits: { ...IMAGE_LIMITS, ...hostile.imageLimits },
        extract: poolFor(hostile.extractTimeoutMs ?? DEFAULT_EXTRACT_MS).extract,
      }).finally(() => (settled = true));
      const outcome = capture.then((article) => ({ article, error: null }), (error: unknown) => ({ article: null, error }));

      if (hostile.slow) {
        // The app is still responsive: another article saves while this one is held up.
        const other = await captureArticle(good.url('/good'), { assets: store });
        expect(other.title).toBe('A good article from a good server');
        expect(settled).toBe(false);
      }

      const { article, error } = await outcome;
      if ('saved' in hostile.expect) {
        expect(error).toBeNull();
        expect(article?.title).toMatch(hostile.expect.saved);
        expect(article?.html).not.toContain('<img');
        // Tried once: an image that failed is not fetched again as the lead image.
        expect(raw.connections.get(`${prefix}/photo.png`)).toHaveLength(1);
      } else {
        expect(article).toBeNull();
        expect(error).toMatchObject({ name: 'CaptureError', code: hostile.expect.code, message: expect.stringMatching(hostile.expect.message) });
      }

      if (hostile.cutShort) {
        // Memory held to the caps: the capture hung up long before the body's end.
        const connections = raw.connections.get(`${prefix}${hostile.cutShort.route}`) ?? [];
        expect(connections.length).toBeGreaterThan(0);
        await Promise.all(connections.map((connection) => connection.closed));
        for (const connection of connections) {
          expect(connection.finished).toBe(false);
          expect(connection.sent).toBeLessThan(hostile.cutShort.maxBytes);
        }
      }
    });
  }
});
