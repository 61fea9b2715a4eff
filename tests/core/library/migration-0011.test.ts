import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { FTS_V2, FTS_V3 } from '../../../electron/library/fts-sql.ts';
import { openLibrary } from '../../../electron/library/library.ts';
import { latestVersion, migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, saved, tempDir, track } from './helpers.ts';
import { libraryAt10 } from './library-at-10.ts';

const indexBytes = (db: DatabaseSync): number => Number((db.prepare('SELECT sum(length(block)) AS n FROM article_fts_data').get() as { n: number }).n);

describe('0011 full-text index with the text first', () => {
  it('rebuilds the index over existing articles: same matches, smaller, kept in step after', () => {
    const dir = tempDir();
    const file = join(dir, 'lib.db');
    const old = libraryAt10(file, 60);
    old.exec(`INSERT INTO article_fts(article_fts) VALUES ('optimize')`);
    const before = indexBytes(old);
    const columnsBefore = (old.prepare('PRAGMA table_info(article_fts)').all() as { name: string }[]).map((c) => c.name);
    expect(columnsBefore[0]).toBe('title');
    old.close();

    const lib = track(openLibrary(file, { backupDir: join(dir, 'backups') }));
    const raw = rawDb(file);
    expect(userVersion(raw)).toBe(latestVersion(MIGRATIONS));
    const columns = (raw.prepare('PRAGMA table_info(article_fts)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['text', ...columnsBefore.filter((c) => c !== 'text')]);
    expect(() => raw.prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
    expect(raw.prepare(`SELECT v FROM article_fts_config WHERE k = 'hashsize'`).get()).toEqual({ v: 16 * 1024 * 1024 });
    // Every live article is found by a word of its own text; the tombstoned one is not.
    for (let i = 0; i < 59; i++) expect(lib.search(`marker${i}`, 5).total, `marker${i}`).toBe(1);
    expect(lib.search('marker59', 5).total).toBe(0);
    expect(lib.search('seawall', 100).total).toBe(59);
    // The same articles take less room: no column number before every position list of the text.
    expect(indexBytes(raw)).toBeLessThan(before * 0.9);

    // The weights moved with their columns: a title match still ranks above body matches.
    const titled = saved(lib, 'https://ex.com/compost-guide', { title: 'Compost', text: 'notes on soil' });
    const body = saved(lib, 'https://ex.com/soil', { title: 'Soil', text: 'compost compost compost and soil' });
    const order = lib.search('compost', 10).hits.map((h) => h.article.id);
    expect(order.indexOf(titled.id)).toBeLessThan(order.indexOf(body.id));
    // The new triggers keep it in step.
    lib.delete(titled.id);
    expect(lib.search('compost', 10).hits.map((h) => h.article.id)).not.toContain(titled.id);
    expect(() => raw.prepare(`INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });

  it('gives each column the weight it had', () => {
    const weights = (spec: typeof FTS_V2) => {
      const values = /^bm25\((.*)\)$/.exec(spec.rank)![1]!.split(',').map(Number);
      return Object.fromEntries(spec.columns.map((c, i) => [c.name, values[i]]));
    };
    expect(FTS_V3.columns[0]!.name).toBe('text');
    expect(weights(FTS_V3)).toEqual(weights(FTS_V2));
  });

  it('migrates with the raw runner too (no library options)', () => {
    const db = rawDb(join(tempDir(), 'raw.db'));
    migrate(db, MIGRATIONS);
    expect(userVersion(db)).toBe(latestVersion(MIGRATIONS));
    expect((db.prepare('PRAGMA table_info(article_fts)').all() as { name: string }[])[0]!.name).toBe('text');
  });
});
