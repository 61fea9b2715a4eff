// A library file at schema 10, indexed by the old full-text index, for the tests of what
// upgrading it does (migration 0011, and the upgrade off the main thread).
import type { DatabaseSync } from 'node:sqlite';
import { packBody } from '../../../electron/library/compress.ts';
import { migrate } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb } from './helpers.ts';

const NOW = '2025-05-01T00:00:00.000Z';
const WORDS = ['tide', 'harbour', 'gull', 'pier', 'mooring', 'dredge', 'ballast', 'keel', 'squall', 'jetty', 'lantern', 'shoal'];

/**
 * `n` articles (the last one tombstoned) whose text holds `marker<i>` and `seawall`; article
 * 0 is titled "Compost heaps". `ridStep` spaces their row ids (as deletions over years do);
 * `words` is each text's length.
 */
export function libraryAt10(file: string, n: number, shape: { ridStep?: number; words?: number } = {}): DatabaseSync {
  const { ridStep = 1, words = 300 } = shape;
  const old = rawDb(file);
  old.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  migrate(old, MIGRATIONS.filter((m) => m.version < 11));
  const insert = old.prepare(`INSERT INTO articles (rid, id, url, title, host, body_z, status, created_at, updated_at, deleted_at)
    VALUES (?, ?, ?, ?, 'ex.com', ?, 'done', ?, ?, ?)`);
  old.exec('BEGIN');
  for (let i = 0; i < n; i++) {
    // Mostly distinct words, each once or twice, as in prose: one position list per word.
    const text = Array.from({ length: words }, (_, k) => `${WORDS[k % WORDS.length]}${(i * 31 + k * 17) % 997}`).join(' ') + ` seawall marker${i}`;
    insert.run(1 + i * ridStep, `a${i}`, `https://ex.com/${i}`, i === 0 ? 'Compost heaps' : `Note ${i}`, packBody(text, `<p>${text}</p>`), NOW, NOW, i === n - 1 ? NOW : null);
  }
  old.exec('COMMIT');
  return old;
}
