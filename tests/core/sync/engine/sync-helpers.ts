// Devices for sync tests: each a real library on its own temp file, all meeting at one real
// folder remote; and a canonical dump of everything sync carries, to compare devices by.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openLibrary, type Library } from '../../../../electron/library/library.ts';
import { createFolderRemote } from '../../../../electron/sync/remote/folder-remote.ts';
import type { SyncRemote } from '../../../../electron/sync/remote/sync-remote.ts';
import type { CapturedArticle } from '../../../../electron/shared/captured-article.ts';

const dirs: string[] = [];
const libraries: Library[] = [];

afterEach(() => {
  for (const lib of libraries.splice(0)) lib.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-sync-'));
  dirs.push(dir);
  return dir;
}

export function openDevice(dir: string, name: string): Library {
  const lib = openLibrary(join(dir, `${name}.db`), { checkIntegrity: false });
  libraries.push(lib);
  return lib;
}

/** A fresh folder remote and `n` fresh libraries. */
export function devices(n: number): { remote: SyncRemote; libs: Library[]; dir: string; remoteDir: string } {
  const dir = tempDir();
  const remoteDir = join(dir, 'remote');
  mkdirSync(remoteDir);
  return { remote: createFolderRemote(remoteDir), libs: Array.from({ length: n }, (_, i) => openDevice(dir, `device-${i}`)), dir, remoteDir };
}

export function captured(url: string, title: string, text = `Text of ${title}.`): CapturedArticle {
  return {
    url,
    canonicalUrl: null,
    title,
    byline: 'A. Writer',
    siteName: 'Example',
    excerpt: null,
    leadImage: null,
    favicon: null,
    html: `<p>${text}</p>`,
    text,
    lang: 'en',
    dir: 'ltr',
    wordCount: text.split(/\s+/).length,
    publishedAt: null,
    assetHashes: [],
  };
}

/** Saves and captures an article; its id. */
export function saveArticle(lib: Library, url: string, title: string, text?: string): string {
  const { article } = lib.addPending(url);
  lib.completeCapture(article.id, captured(url, title, text));
  return article.id;
}

/** Everything sync carries, in an order that does not depend on how it got there. */
export function dump(lib: Library): unknown {
  const db = lib.syncConnection();
  const articles = db
    .prepare(`SELECT id, url, final_url, title, byline, site, status, starred, archived, progress, note, lang, word_count, feed_id,
                hex(body_z) AS body, tags_text FROM articles WHERE deleted_at IS NULL ORDER BY id`)
    .all();
  const tags = db
    .prepare(`SELECT at.article_id, t.key FROM article_tags at JOIN tags t ON t.id = at.tag_id
              JOIN articles a ON a.id = at.article_id WHERE a.deleted_at IS NULL ORDER BY 1, 2`)
    .all();
  const highlights = db
    .prepare(`SELECT h.id, h.article_id, h.quote, h.color, h.note, h.start_pos FROM highlights h JOIN articles a ON a.id = h.article_id
              WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL ORDER BY h.id`)
    .all();
  const feeds = db.prepare('SELECT id, url, title, custom_title, folder, fetch_full, keep_days, keep_items FROM feeds WHERE deleted_at IS NULL ORDER BY id').all();
  return JSON.parse(JSON.stringify({ articles, tags, highlights, feeds }));
}
