// Issue 15, faults: a sync round SIGKILLed during upload (before the 1st, a middle and the last
// remote write, and at random moments) and during apply (after reading another device's
// segments, before its acknowledgement is written, and at random moments). Each time the
// library stays sound, the next round (a new process) completes, and after a final exchange
// both devices hold the same library: every article once, none lost, none doubled.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { createFolderRemote } from '../../../../electron/sync/remote/folder-remote.ts';
import { bulkArticles, digestOf, makeLibrary, roundFor } from '../scale/meeting.ts';

const WORKER = join(import.meta.dirname, 'sync-worker.ts');
const PASSPHRASE = 'fault test passphrase';
const A_COUNT = 300;
const B_COUNT = 200;
const SHARED = 40;
const root = mkdtempSync(join(tmpdir(), 'lectern-sync-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  signal: NodeJS.Signals | null;
  code: number | null;
  reads: string[];
  writes: string[];
  report: { pushed: number; applied: number } | null;
  stderr: string;
}

/** One round in a child; `pause` stops it at a point, `killAfterMs` kills it that long after it opened. */
function runWorker(dataDir: string, remote: string, pause: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, dataDir, remote, PASSPHRASE, pause], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { signal: null, code: null, reads: [], writes: [], report: null, stderr: '' };
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [word, , name] = line.split(' ');
        if (line === 'paused') child.kill('SIGKILL');
        else if (line === 'ready' && killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (word === 'read' && name) run.reads.push(name);
        else if (word === 'write' && name) run.writes.push(name);
        else if (word === 'done') run.report = JSON.parse(line.slice(5)) as Run['report'];
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
    child.on('close', (code, signal) => resolve({ ...run, code, signal }));
  });
}

function integrity(dataDir: string): string[] {
  const db = new DatabaseSync(join(dataDir, 'library.db'));
  try {
    return db.prepare('PRAGMA integrity_check').all().map((row) => String(row.integrity_check));
  } finally {
    db.close();
  }
}

let scenarios = 0;
/** Two fresh devices (A: 300 articles, B: 200, 40 at the same addresses) and an empty remote. */
function scenario() {
  const dir = join(root, `s${scenarios++}`);
  const [a, b, remote] = ['a', 'b', 'remote'].map((n) => join(dir, n)) as [string, string, string];
  for (const d of [a, b, remote]) mkdirSync(d, { recursive: true });
  makeLibrary(a, bulkArticles('alpha', A_COUNT, SHARED));
  makeLibrary(b, bulkArticles('beta', B_COUNT, SHARED));
  return { a, b, remote };
}

/** After the kill: the file is sound, a new process's round completes, then all converge. */
async function expectRecovery(killed: string, s: { a: string; b: string; remote: string }, what: string): Promise<void> {
  expect(integrity(killed), what).toEqual(['ok']);
  const next = await runWorker(killed, s.remote, 'none');
  expect(next.code, `${what}: the next round failed:\n${next.stderr}`).toBe(0);
  const remote = createFolderRemote(s.remote);
  for (const dir of [s.a, s.b, s.a]) {
    const report = await roundFor(dir, remote, PASSPHRASE);
    expect(report.rejected, what).toEqual([]);
  }
  const [da, db] = [digestOf(s.a), digestOf(s.b)];
  expect(da.articles, `${what}: articles on A`).toBe(A_COUNT + B_COUNT - SHARED);
  expect(da.distinctUrls, `${what}: an article doubled`).toBe(da.articles);
  expect(db, `${what}: B differs from A`).toEqual(da);
}

describe('sync killed mid-round', () => {
  it('resumes after a kill during upload, at several points', { timeout: 300_000 }, async () => {
    // A first, uninterrupted run says how many writes A's first round makes.
    const probe = scenario();
    const clean = await runWorker(probe.a, probe.remote, 'none');
    expect(clean.code, clean.stderr).toBe(0);
    const writes = clean.writes.length;
    expect(writes).toBeGreaterThanOrEqual(2);
    const points = [...new Set([1, Math.ceil(writes / 2), writes])];
    let killed = 0;
    for (const point of points) {
      const s = scenario();
      const run = await runWorker(s.a, s.remote, `write:${point}`);
      expect(run.signal, `write ${point}: ${run.stderr}`).toBe('SIGKILL');
      killed++;
      await expectRecovery(s.a, s, `killed before write ${point} of ${writes} (${run.writes.at(-1)})`);
    }
    for (const delay of [40, 120, 250]) {
      const s = scenario();
      const run = await runWorker(s.a, s.remote, 'none', delay);
      if (run.signal === 'SIGKILL') killed++;
      await expectRecovery(s.a, s, `killed ${delay} ms into A's first round (${run.writes.length} writes done)`);
    }
    console.log(`sync upload kills: ${killed} (points ${points.join(', ')} of ${writes} writes; random 40/120/250 ms)`);
    expect(killed).toBeGreaterThanOrEqual(points.length);
  });

  it('resumes after a kill during apply, at several points', { timeout: 300_000 }, async () => {
    // B's first round after A pushed: how many reads (A's files) and writes (B's own) it makes.
    const probe = scenario();
    const remote = createFolderRemote(probe.remote);
    await roundFor(probe.a, remote, PASSPHRASE);
    const clean = await runWorker(probe.b, probe.remote, 'none');
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.report?.applied).toBeGreaterThan(0);
    const reads = clean.reads.length;
    expect(reads).toBeGreaterThanOrEqual(2);
    const points = [...new Set([Math.ceil(reads / 2), reads])].map((n) => `read:${n}`);
    // B's acknowledgement (what it applied) is written after applying: killed just before it.
    const ack = clean.writes.findIndex((name) => name.endsWith('/ack'));
    if (ack >= 0) points.push(`write:${ack + 1}`);
    let killed = 0;
    for (const point of points) {
      const s = scenario();
      await roundFor(s.a, createFolderRemote(s.remote), PASSPHRASE);
      const run = await runWorker(s.b, s.remote, point);
      expect(run.signal, `${point}: ${run.stderr}`).toBe('SIGKILL');
      killed++;
      await expectRecovery(s.b, s, `B killed at ${point} (${reads} reads in a whole round)`);
    }
    for (const delay of [60, 150, 300]) {
      const s = scenario();
      await roundFor(s.a, createFolderRemote(s.remote), PASSPHRASE);
      const run = await runWorker(s.b, s.remote, 'none', delay);
      if (run.signal === 'SIGKILL') killed++;
      await expectRecovery(s.b, s, `B killed ${delay} ms into its round (${run.reads.length} reads done)`);
    }
    console.log(`sync apply kills: ${killed} (points ${points.join(', ')}; random 60/150/300 ms)`);
    expect(killed).toBeGreaterThanOrEqual(points.length);
  });
});
