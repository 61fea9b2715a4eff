import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packBody } from '../../../electron/library/compress.ts';
import { listBackups, openLibrary } from '../../../electron/library/library.ts';
import { migrate, userVersion } from '../../../electron/library/migrate.ts';
import { MIGRATIONS } from '../../../electron/library/migrations/index.ts';
import { rawDb, saved, tempDir, track } from './helpers.ts';

const NOW = '2025-05-01T00:00:00.000Z';

/** A version-6 library holding one finished article, as 0006's schema stored it. */
function v6Library() {
  const dir = tempDir();
  const file = join(dir, 'lib.db');
  const db = rawDb(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 6));
  db.prepare(`INSERT INTO articles (id, url, title, host, body_z, status, created_at, updated_at)
    VALUES ('old', 'https://ex.com/old', 'Saved before feeds', 'ex.com', ?, 'done', ?, ?)`).run(packBody('Old words.', '<p>Old words.</p>'), NOW, NOW);
  db.close();
  return { file, backupDir: join(dir, 'backups') };
}

const tables = (file: string) =>
  rawDb(file).prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);

describe('0007 feeds and highlights', () => {
  it('adds the feed, item, highlight and pending-content tables; older articles belong to no feed', () => {
    const { file, backupDir } = v6Library();
    expect(tables(file)).not.toContain('feeds');
    const lib = track(openLibrary(file, { backupDir }));
    expect(userVersion(rawDb(file))).toBeGreaterThanOrEqual(7);
    expect(tables(file)).toEqual(expect.arrayContaining(['feeds', 'feed_items', 'highlights', 'pending_content']));
    expect(listBackups(backupDir).map((path) => path.split(/[\\/]/).pop())).toEqual([expect.stringMatching(/before-v7\.db$/)]);
    expect(lib.get('old')).toMatchObject({ title: 'Saved before feeds', html: '<p>Old words.</p>' });

    const { feed } = lib.feeds.add({ url: 'https://ex.com/feed.xml', title: 'Ex' });
    const item = lib.addPending('https://ex.com/item-1', null, { title: 'Item one', feedId: feed.id }).article;
    // Until it has answered from the local network, a feed counts as on the internet.
    expect(lib.feeds.articleFeedIsLocal(item.id)).toBe(false);
    expect(lib.feeds.articleFeedIsLocal('old')).toBeNull();
    expect(lib.list({ view: 'all', feed: feed.id }).items.map((a) => a.title)).toEqual(['Item one']);
    expect(lib.list({ view: 'all' }).total).toBe(2);
    expect(lib.feeds.get(feed.id)?.unread).toBe(1);
  });

  it('a deleted article takes its highlights and waiting content with it', () => {
    const { file, backupDir } = v6Library();
    const lib = track(openLibrary(file, { backupDir }));
    const article = saved(lib, 'https://ex.com/highlighted', { title: 'Highlighted', text: 'Some words worth keeping.' });
    lib.highlights.add(article.id, { quote: 'worth keeping', note: 'yes' });
    const { article: waiting } = lib.addPending('https://ex.com/waiting');
    lib.setPendingContent(waiting.id, { html: '<p>Body</p>', text: null, byline: null, siteName: null, excerpt: null, publishedAt: null, lang: null, wordCount: null });
    expect(lib.highlights.forArticle(article.id)).toHaveLength(1);
    lib.delete(article.id);
    lib.delete(waiting.id);
    expect(lib.highlights.forArticle(article.id)).toEqual([]);
    expect(rawDb(file).prepare('SELECT count(*) AS n FROM highlights WHERE deleted_at IS NULL').get()).toEqual({ n: 0 });
    expect(rawDb(file).prepare('SELECT count(*) AS n FROM pending_content').get()).toEqual({ n: 0 });
  });
});
