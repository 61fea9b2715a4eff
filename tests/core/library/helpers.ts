// Shared fixtures for library tests: real files in a fresh temp dir, sample captures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach } from 'vitest';
import type { CapturedArticle } from '../../../electron/shared/captured-article.ts';
import { registerSqlFunctions } from '../../../electron/library/db.ts';
import { openLibrary, type Library } from '../../../electron/library/library.ts';

const dirs: string[] = [];
const libraries: Library[] = [];
const connections: DatabaseSync[] = [];

afterEach(() => {
  for (const lib of libraries.splice(0)) lib.close();
  for (const db of connections.splice(0)) if (db.isOpen) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-library-'));
  dirs.push(dir);
  return dir;
}

/** A library in a new temp dir, closed after the test. */
export function freshLibrary(): { lib: Library; file: string; dir: string } {
  const dir = tempDir();
  const file = join(dir, 'library.db');
  const lib = track(openLibrary(file, { backupDir: join(dir, 'backups') }));
  return { lib, file, dir };
}

export function track(lib: Library): Library {
  libraries.push(lib);
  return lib;
}

/** A raw second connection, for setting up states the API cannot reach (e.g. equal timestamps). */
export function rawDb(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  registerSqlFunctions(db);
  connections.push(db);
  return db;
}

export function capture(overrides: Partial<CapturedArticle> = {}): CapturedArticle {
  const text = overrides.text ?? 'A plain article body about gardening and tomatoes.';
  return {
    url: 'https://example.com/a',
    canonicalUrl: null,
    title: 'An article',
    byline: 'Ada Writer',
    siteName: 'Example',
    publishedAt: '2026-01-02T03:04:05.000Z',
    lang: 'en',
    dir: 'ltr',
    excerpt: 'An excerpt',
    html: `<p>${text}</p>`,
    text,
    leadImage: null,
    favicon: null,
    wordCount: text.split(/\s+/).length,
    assetHashes: [],
    ...overrides,
  };
}

/** Adds and completes an article in one go. */
export function saved(lib: Library, url: string, overrides: Partial<CapturedArticle> = {}) {
  const { article } = lib.addPending(url);
  return lib.completeCapture(article.id, capture({ url, ...overrides }));
}
