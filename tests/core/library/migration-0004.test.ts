import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIND_SAVED_URL_SQL, openLibrary } from '../../../electron/library/library.ts';
import { latestVersion, migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, tempDir, track } from './helpers.ts';

const NOW = '2025-05-01T00:00:00.000Z';

describe('0004 URL lookups', () => {
  it('indexes final and canonical URLs so finding a saved article never scans the table', () => {
    const dir = tempDir();
    const file = join(dir, 'lib.db');
    const db = rawDb(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare(`INSERT INTO articles (id, url, final_url, canonical_url, host, status, created_at, updated_at)
      VALUES ('a1', 'https://ex.com/short', 'https://ex.com/long', 'https://ex.com/canonical', 'ex.com', 'done', ?, ?)`).run(NOW, NOW);
    db.close();

    const lib = track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    const raw = rawDb(file);
    expect(userVersion(raw)).toBe(latestVersion(MIGRATIONS));
    const plan = raw
      .prepare(`EXPLAIN QUERY PLAN ${FIND_SAVED_URL_SQL}`)
      .all({ url: 'x' })
      .map((r) => String(r.detail));
    expect(plan.join('\n')).toMatch(/articles_live_final_url/);
    expect(plan.join('\n')).toMatch(/articles_live_canonical_url/);
    expect(plan.join('\n')).not.toMatch(/SCAN articles/);

    // Data preserved: each of the three addresses still finds the one article.
    for (const url of ['https://ex.com/short', 'https://ex.com/long', 'https://ex.com/canonical']) {
      expect(lib.addPending(url)).toMatchObject({ created: false, article: { id: 'a1' } });
    }
  });
});
