// Issue 12, SIGKILL: a child process runs the core, saving, importing and refreshing feeds, and
// is killed with SIGKILL at a random moment, again and again on the same data folder. After
// every kill the database passes integrity_check and holds every article whose save was
// acknowledged; at the end a reopened core finishes every capture left waiting.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core.ts';
import { loopbackOnly } from '../../support/fixture-server.ts';
import { startLoopbackSite, type LoopbackSite } from './loopback-site.ts';

const WORKER = join(import.meta.dirname, 'crash-worker.ts');
const LANES = 2;
const KILLS_PER_LANE = 26;

interface Acks {
  ids: Set<string>;
  urls: Set<string>;
}

interface Run {
  /** The worker had opened the core when it was killed. */
  afterReady: boolean;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs one worker generation and kills it: sometimes while it opens, mostly mid-work. */
function runAndKill(dataDir: string, origin: string, lane: string, generation: number, acks: Acks): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, dataDir, origin, lane, String(generation)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    let stderr = '';
    let afterReady = false;
    const kill = () => child.kill('SIGKILL');
    // One kill in five lands during start-up (opening, recovering, migrating the library).
    const duringStartup = Math.random() < 0.2;
    if (duringStartup) setTimeout(kill, 100 + Math.random() * 500);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [word, kind, what] = line.split(' ');
        if (line === 'ready' && !afterReady) {
          afterReady = true;
          if (!duringStartup) setTimeout(kill, 20 + Math.random() * 800);
        } else if (word === 'ack' && kind === 'id' && what) acks.ids.add(what);
        else if (word === 'ack' && kind === 'url' && what) acks.urls.add(what);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code, signal) => resolve({ afterReady, signal, code, stderr }));
  });
}

/** What a reopened file says: integrity, and which acknowledged rows are missing. */
function inspect(dataDir: string, acks: Acks) {
  const file = join(dataDir, 'library.db');
  const everything = [...acks.ids, ...acks.urls];
  // Killed before the library was created: nothing can have been acknowledged either.
  if (!existsSync(file)) return { integrity: ['ok'], missing: everything, statuses: {} };
  const db = new DatabaseSync(file);
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
    // Killed while a new library's schema was being made: that transaction never committed.
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'articles'`).get()) return { integrity, missing: everything, statuses: {} };
    const byId = db.prepare('SELECT 1 FROM articles WHERE id = ?');
    const byUrl = db.prepare('SELECT 1 FROM articles WHERE url = ?');
    const missing = [...[...acks.ids].filter((id) => !byId.get(id)), ...[...acks.urls].filter((url) => !byUrl.get(url))];
    const statuses = db.prepare('SELECT status, count(*) AS n FROM articles GROUP BY status').all() as { status: string; n: number }[];
    return { integrity, missing, statuses: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])) };
  } finally {
    db.close();
  }
}

let site: LoopbackSite;
beforeAll(async () => {
  site = await startLoopbackSite();
});
afterAll(async () => {
  await site?.close();
});

describe('SIGKILL at random moments', () => {
  it(`keeps the database sound and every acknowledged save, ${LANES * KILLS_PER_LANE} kills`, { timeout: 150_000 }, async () => {
    let kills = 0;
    let killedMidWork = 0;
    const lanes = Array.from({ length: LANES }, (_, i) => ({
      lane: `lane${i}`,
      dataDir: mkdtempSync(join(tmpdir(), 'lectern-sigkill-')),
      acks: { ids: new Set<string>(), urls: new Set<string>() } satisfies Acks,
    }));

    await Promise.all(
      lanes.map(async ({ lane, dataDir, acks }) => {
        for (let generation = 0; generation < KILLS_PER_LANE; generation++) {
          site.generation.set(lane, generation);
          const run = await runAndKill(dataDir, site.origin, lane, generation, acks);
          // Killed, not ended: a worker that stopped on its own met an error (its stderr says which).
          expect(run.signal, `${lane} generation ${generation} ended by itself:\n${run.stderr}`).toBe('SIGKILL');
          kills++;
          if (run.afterReady) killedMidWork++;
          const after = inspect(dataDir, acks);
          expect(after.integrity, `${lane} after kill ${generation}`).toEqual(['ok']);
          expect(after.missing, `${lane} after kill ${generation}: acknowledged but gone`).toEqual([]);
        }
      }),
    );

    console.log(`SIGKILL: ${kills} kills (${killedMidWork} mid-work, ${kills - killedMidWork} during start-up)`);
    expect(kills).toBeGreaterThanOrEqual(50);
    // Most kills must have landed on a working core, or the test proves little about saving.
    expect(killedMidWork).toBeGreaterThan(kills / 2);

    for (const { lane, dataDir, acks } of lanes) {
      const interrupted = inspect(dataDir, acks);
      const acknowledged = acks.ids.size + acks.urls.size;
      console.log(`${lane}: ${acknowledged} acknowledged saves; statuses after the last kill ${JSON.stringify(interrupted.statuses)}`);
      expect(acks.ids.size).toBeGreaterThan(0);
      expect(acks.urls.size).toBeGreaterThan(0);

      // The queue resumes: a core opened on the folder finishes every capture left waiting.
      const core = createCore({ dataDir, rendererDir: '/nonexistent', allowFetch: loopbackOnly, refreshFeeds: false });
      try {
        await core.idle();
      } finally {
        await core.close();
      }
      const resumed = inspect(dataDir, acks);
      expect(resumed.integrity).toEqual(['ok']);
      expect(resumed.missing).toEqual([]);
      expect(Object.keys(resumed.statuses), `${lane}: ${JSON.stringify(resumed.statuses)}`).toEqual(['done']);
    }
  });
});
