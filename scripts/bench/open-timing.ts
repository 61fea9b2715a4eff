// How long opening the library takes before the first page of the reading list can show:
// ours as the core opens it (the integrity check runs on a worker afterwards), beside the
// naive library opened and listed the same way. The check itself is timed once, apart.
import { DatabaseSync } from 'node:sqlite';
import { integrityProblems } from '../../electron/library/integrity.ts';
import { openLibrary } from '../../electron/library/library.ts';
import { NaiveLibrary } from './naive-library.ts';

export interface OpenTiming {
  /** Median ms from nothing open to the unread list's first 50 rows. */
  oursMs: number;
  naiveMs: number | null;
  /** PRAGMA integrity_check over the whole file: what every open spent before it moved off. */
  checkMs: number;
}

const REPEATS = 5;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export function timeOpen(file: string, naiveFile: string | null): OpenTiming {
  const ours = Array.from({ length: REPEATS }, () =>
    timed(() => {
      const lib = openLibrary(file, { checkIntegrity: false });
      lib.list({ view: 'unread', limit: 50 });
      lib.close();
    }),
  );
  const naive = naiveFile
    ? Array.from({ length: REPEATS }, () =>
        timed(() => {
          const lib = new NaiveLibrary(naiveFile, false);
          lib.listUnread();
          lib.close();
        }),
      )
    : null;
  const db = new DatabaseSync(file, { readOnly: true });
  const checkMs = timed(() => integrityProblems(db));
  db.close();
  return { oursMs: median(ours), naiveMs: naive && median(naive), checkMs };
}
