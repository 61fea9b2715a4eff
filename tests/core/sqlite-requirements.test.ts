// The start-up check of SQLite against the runtime's real node:sqlite: what it passes here, and
// that what it cannot find is named rather than thrown.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sqlite from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkSqliteRequirements,
  describeSqliteProblems,
  featureProblems,
  isAtLeast,
  MIN_SQLITE_VERSION,
  SQLITE_FEATURES,
} from '../../electron/app/sqlite-requirements.ts';

const scratchDirs: string[] = [];
const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-sqlite-check-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite requirements', () => {
  it('finds everything the library needs in this runtime, and leaves nothing in the data folder', async () => {
    const dataDir = scratchDir();
    expect(await checkSqliteRequirements({ dataDir })).toEqual([]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('probes each feature on its own: every built-in probe passes here', () => {
    expect(SQLITE_FEATURES.length).toBeGreaterThanOrEqual(5);
    expect(SQLITE_FEATURES.map((f) => f.what).join('\n')).toMatch(/FTS5[\s\S]*JSON/);
    expect(featureProblems(sqlite)).toEqual([]);
  });

  it('says node:sqlite is missing instead of failing on import', async () => {
    const problems = await checkSqliteRequirements({ sqlite: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('node:sqlite is missing');
  });

  it('names an older node:sqlite without the backup API', async () => {
    const withoutBackup = { ...sqlite, backup: undefined } as unknown as typeof sqlite;
    const problems = await checkSqliteRequirements({ sqlite: withoutBackup, dataDir: scratchDir() });
    expect(problems).toEqual([expect.stringContaining('backup API')]);
  });

  it('reports a feature this SQLite lacks by name, with SQLite’s own error', () => {
    const problems = featureProblems(sqlite, [
      { what: 'a tokenizer nobody built', probe: (db) => db.exec(`CREATE VIRTUAL TABLE t USING fts5(a, tokenize='no_such_tokenizer')`) },
      { what: 'FTS6', probe: (db) => db.exec('CREATE VIRTUAL TABLE t USING fts6(a)') },
      { what: 'present', probe: (db) => db.exec('CREATE TABLE t (a)') },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^a tokenizer nobody built: .*no_such_tokenizer/);
    expect(problems[1]).toMatch(/^FTS6: no such module: fts6/);
  });

  it('reports a data folder that cannot hold the database', async () => {
    const file = join(scratchDir(), 'not-a-folder');
    writeFileSync(file, '');
    const problems = await checkSqliteRequirements({ dataDir: join(file, 'library') });
    expect(problems).toEqual([expect.stringContaining('write-ahead logging')]);
  });

  it('compares versions numerically', () => {
    const cases: Array<[string, boolean]> = [
      [MIN_SQLITE_VERSION, true],
      ['3.43.2', false],
      ['3.9.9', false],
      ['3.45', true],
      ['3.44.0.1', true],
      ['4.0.0', true],
      ['2.99.99', false],
    ];
    for (const [version, enough] of cases) expect([version, isAtLeast(version, '3.44.0')]).toEqual([version, enough]);
  });

  it('lists every problem in the dialog text', () => {
    const text = describeSqliteProblems(['FTS5: no such module: fts5', 'JSON functions: no such function']);
    expect(text).toContain('• FTS5: no such module: fts5\n• JSON functions: no such function');
  });
});
