// Feed subscriptions and the items each has seen. The library owns the connection; this holds
// the feed tables' SQL so library.ts stays about articles.
import { randomUUID } from 'node:crypto';
import type { Feed, FeedSettings } from '../shared/feed.ts';
import type { Row } from './article-rows.ts';
import { nowIso } from './clock.ts';
import type { StatementCache } from './db.ts';

const FEED_COLUMNS = `f.id, f.url, coalesce(f.custom_title, nullif(f.title, ''), f.url) AS shown_title, f.site_url,
  f.folder, f.fetch_full, f.keep_days, f.keep_items, f.checked_at, f.succeeded_at, f.next_check_at, f.failures, f.error,
  (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.archived = 0 AND a.deleted_at IS NULL) AS unread`;

const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toFeed(row: Row): Feed {
  return {
    id: String(row.id),
    url: String(row.url),
    title: String(row.shown_title),
    siteUrl: strOrNull(row.site_url),
    folder: strOrNull(row.folder),
    fetchFull: Number(row.fetch_full) === 1,
    keepDays: numOrNull(row.keep_days),
    keepItems: numOrNull(row.keep_items),
    unread: Number(row.unread),
    checkedAt: strOrNull(row.checked_at),
    succeededAt: strOrNull(row.succeeded_at),
    nextCheckAt: String(row.next_check_at),
    failures: Number(row.failures),
    error: strOrNull(row.error),
  };
}

export interface NewFeed {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  folder?: string | null;
}

/** Names and folders are short single lines; a blank one means none. */
const cleanName = (value: string | null | undefined): string | null => {
  const text = (value ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  return text || null;
};

export class FeedStore {
  readonly #stmts: StatementCache;

  constructor(stmts: StatementCache) {
    this.#stmts = stmts;
  }

  /** Subscribes; an address already subscribed answers the existing feed. */
  add(feed: NewFeed, now = nowIso()): { feed: Feed; created: boolean } {
    const existing = this.#stmts.get('SELECT id FROM feeds WHERE url = :url AND deleted_at IS NULL').get({ url: feed.url }) as Row | undefined;
    if (existing) return { feed: this.get(String(existing.id))!, created: false };
    const id = randomUUID();
    this.#stmts
      .get(`INSERT INTO feeds (id, url, title, site_url, folder, next_check_at, created_at, updated_at)
            VALUES (:id, :url, :title, :siteUrl, :folder, :now, :now, :now)`)
      .run({ id, url: feed.url, title: cleanName(feed.title) ?? '', siteUrl: feed.siteUrl ?? null, folder: cleanName(feed.folder), now });
    return { feed: this.get(id)!, created: true };
  }

  get(id: string): Feed | null {
    const row = this.#stmts.get(`SELECT ${FEED_COLUMNS} FROM feeds f WHERE f.id = :id AND f.deleted_at IS NULL`).get({ id }) as Row | undefined;
    return row ? toFeed(row) : null;
  }

  /** By folder, then name. */
  list(): Feed[] {
    return this.#stmts
      .get(`SELECT ${FEED_COLUMNS} FROM feeds f WHERE f.deleted_at IS NULL
            ORDER BY f.folder IS NOT NULL, lower(f.folder), lower(shown_title), f.id`)
      .all()
      .map((row) => toFeed(row as Row));
  }

  update(id: string, settings: FeedSettings): Feed | null {
    const current = this.get(id);
    if (!current) return null;
    const sets: string[] = [];
    const params: Record<string, string | number | null> = { id, now: nowIso() };
    if (settings.title !== undefined) {
      sets.push('custom_title = :title');
      params.title = cleanName(settings.title);
    }
    if (settings.folder !== undefined) {
      sets.push('folder = :folder');
      params.folder = cleanName(settings.folder);
    }
    if (settings.fetchFull !== undefined) {
      sets.push('fetch_full = :fetchFull');
      params.fetchFull = settings.fetchFull ? 1 : 0;
    }
    for (const [key, column] of [['keepDays', 'keep_days'], ['keepItems', 'keep_items']] as const) {
      const value = settings[key];
      if (value === undefined) continue;
      sets.push(`${column} = :${key}`);
      params[key] = value === null ? null : Math.max(1, Math.trunc(value));
    }
    if (sets.length) this.#stmts.get(`UPDATE feeds SET ${sets.join(', ')}, updated_at = :now WHERE id = :id`).run(params);
    return this.get(id);
  }

  /** Marks the feed removed; its articles are the caller's (see Library.unsubscribe). */
  remove(id: string, now = nowIso()): boolean {
    return Number(this.#stmts.get('UPDATE feeds SET deleted_at = :now, updated_at = :now WHERE id = :id AND deleted_at IS NULL').run({ id, now }).changes) > 0;
  }

  /** Feeds whose next check is due, most overdue first. */
  due(now: string, limit: number): string[] {
    return this.#stmts
      .get('SELECT id FROM feeds WHERE deleted_at IS NULL AND next_check_at <= :now ORDER BY next_check_at LIMIT :limit')
      .all({ now, limit })
      .map((row) => String((row as Row).id));
  }

  /** The validators for a conditional request. */
  validators(id: string): { etag: string | null; lastModified: string | null } {
    const row = this.#stmts.get('SELECT etag, last_modified FROM feeds WHERE id = :id').get({ id }) as Row | undefined;
    return { etag: strOrNull(row?.etag), lastModified: strOrNull(row?.last_modified) };
  }

  recordSuccess(
    id: string,
    result: { etag?: string | null; lastModified?: string | null; title?: string | null; siteUrl?: string | null; local?: boolean; nextCheckAt: string },
    now = nowIso(),
  ): void {
    this.#stmts
      .get(`UPDATE feeds SET checked_at = :now, succeeded_at = :now, failures = 0, error = NULL,
              next_check_at = :next, updated_at = :now,
              etag = CASE WHEN :touchValidators THEN :etag ELSE etag END,
              last_modified = CASE WHEN :touchValidators THEN :lastModified ELSE last_modified END,
              title = coalesce(:title, title), site_url = coalesce(:siteUrl, site_url),
              local = coalesce(:local, local)
            WHERE id = :id`)
      .run({
        id,
        now,
        next: result.nextCheckAt,
        touchValidators: result.etag !== undefined || result.lastModified !== undefined ? 1 : 0,
        etag: result.etag ?? null,
        lastModified: result.lastModified ?? null,
        title: cleanName(result.title),
        siteUrl: result.siteUrl ?? null,
        local: result.local === undefined ? null : result.local ? 1 : 0,
      });
  }

  /** Returns the failures in a row, this one included. */
  recordFailure(id: string, error: string, nextCheckAt: (failures: number) => string, now = nowIso()): number {
    const row = this.#stmts.get('SELECT failures FROM feeds WHERE id = :id').get({ id }) as Row | undefined;
    const failures = Number(row?.failures ?? 0) + 1;
    this.#stmts
      .get(`UPDATE feeds SET checked_at = :now, failures = :failures, error = :error, next_check_at = :next, updated_at = :now
            WHERE id = :id`)
      .run({ id, now, failures, error: error.slice(0, 500), next: nextCheckAt(failures) });
    return failures;
  }

  /** For an article from a feed: whether that feed answered from the local network. Null when it came from no feed. */
  articleFeedIsLocal(articleId: string): boolean | null {
    const row = this.#stmts
      .get('SELECT f.local FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = :articleId')
      .get({ articleId }) as Row | undefined;
    return row ? Number(row.local) === 1 : null;
  }

  /** Makes a feed due now (a manual refresh, or after its settings changed). */
  makeDue(id: string, now = nowIso()): void {
    this.#stmts.get('UPDATE feeds SET next_check_at = :now WHERE id = :id AND deleted_at IS NULL').run({ id, now });
  }

  /** Whether this item was seen before, by its key (GUID) or by its address. */
  seen(feedId: string, itemKey: string, url: string | null): boolean {
    const byKey = this.#stmts.get('SELECT 1 FROM feed_items WHERE feed_id = :feedId AND item_key = :itemKey').get({ feedId, itemKey });
    if (byKey || url === null) return byKey !== undefined;
    return this.#stmts.get('SELECT 1 FROM feed_items WHERE feed_id = :feedId AND url = :url').get({ feedId, url }) !== undefined;
  }

  remember(feedId: string, itemKey: string, url: string | null, articleId: string | null, now = nowIso()): void {
    this.#stmts
      .get(`INSERT OR IGNORE INTO feed_items (feed_id, item_key, url, article_id, seen_at)
            VALUES (:feedId, :itemKey, :url, :articleId, :now)`)
      .run({ feedId, itemKey, url, articleId, now });
  }
}
