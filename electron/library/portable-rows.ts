// Reading every article with all its fields, and writing one back with its id and states
// intact: what the portable JSON export and the full backup are made of.
import { randomUUID } from 'node:crypto';
import type { PortableArticle, PortableFeed } from '../shared/portable.ts';
import { hostOf, type Row } from './article-rows.ts';
import { nowIso } from './clock.ts';
import { packBody, unpackBody } from './compress.ts';
import type { StatementCache } from './db.ts';
import { cjkIndexText } from './fts-match.ts';
import { TAGS_TEXT_OF } from './fts-sql.ts';
import { FIND_SAVED_URL_SQL } from './saved-url.ts';
import { stripMarkers } from './snippet.ts';
import { ensureTag } from './tags.ts';

const PAGE_SIZE = 500;

const SELECT_ARTICLES = `SELECT a.rid, a.id, a.url, a.final_url, a.canonical_url, a.title, a.byline, a.site, a.excerpt,
    a.body_z, a.lang, a.dir, a.word_count, a.published_at, a.lead_image, a.favicon, a.status, a.error,
    a.created_at, a.updated_at, a.read_at, a.starred, a.archived, a.progress, a.note,
    (SELECT json_group_array(name) FROM (
       SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
       WHERE at.article_id = a.id ORDER BY t.key)) AS tags_json,
    (SELECT f.url FROM feeds f WHERE f.id = a.feed_id) AS feed_url
  FROM articles a WHERE a.deleted_at IS NULL AND a.rid > :after ORDER BY a.rid LIMIT :limit`;
const SELECT_ONE = SELECT_ARTICLES.replace('a.rid > :after ORDER BY a.rid LIMIT :limit', 'a.id = :id');

// Tag links go in first (foreign keys deferred to COMMIT), so tags_text is right when the row
// is inserted and the insert trigger indexes it once (as bulk-insert.ts does).
const INSERT_ARTICLE = `INSERT INTO articles (id, url, final_url, canonical_url, title, byline, site, host, excerpt,
    lead_image, favicon, body_z, lang, dir, word_count, published_at, status, error, starred, archived,
    progress, read_at, note, cjk, tags_text, feed_id, created_at, updated_at)
  VALUES (:id, :url, :finalUrl, :canonicalUrl, :title, :byline, :site, :host, :excerpt, :leadImage, :favicon,
    :body, :lang, :dir, :wordCount, :publishedAt, :status, :error, :starred, :archived, :progress, :readAt,
    :note, :cjk, ${TAGS_TEXT_OF(':id')}, :feedId, :createdAt, :updatedAt)`;

const ASSET_REF = /\/assets\/([0-9a-f]{64})(?![0-9a-f])/g;
const ASSET_URL = /^\/assets\/[0-9a-f]{64}$/;

/** The stored images an article shows: in its body, as its lead image and as its site icon. */
export function referencedAssetHashes(article: Pick<PortableArticle, 'html' | 'leadImage' | 'favicon'>): string[] {
  const hashes = new Set<string>();
  for (const source of [article.html, article.leadImage ?? '', article.favicon ?? '']) {
    for (const m of source.matchAll(ASSET_REF)) hashes.add(m[1]!);
  }
  return [...hashes];
}

const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function toPortable(row: Row): PortableArticle {
  const body = unpackBody(row.body_z);
  const status = String(row.status);
  return {
    id: String(row.id),
    url: String(row.url),
    finalUrl: strOrNull(row.final_url),
    canonicalUrl: strOrNull(row.canonical_url),
    title: String(row.title),
    byline: strOrNull(row.byline),
    siteName: strOrNull(row.site),
    excerpt: strOrNull(row.excerpt),
    html: body.html,
    text: body.text,
    lang: strOrNull(row.lang),
    dir: row.dir === 'ltr' || row.dir === 'rtl' ? row.dir : null,
    wordCount: Number(row.word_count),
    publishedAt: strOrNull(row.published_at),
    leadImage: strOrNull(row.lead_image),
    favicon: strOrNull(row.favicon),
    // Mid-fetch is this process's business; elsewhere it is simply waiting to be fetched.
    status: status === 'done' || status === 'failed' ? status : 'pending',
    error: strOrNull(row.error),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    readAt: strOrNull(row.read_at),
    starred: Number(row.starred) === 1,
    archived: Number(row.archived) === 1,
    progress: Number(row.progress),
    note: String(row.note),
    tags: JSON.parse(String(row.tags_json)) as string[],
    feedUrl: strOrNull(row.feed_url),
  };
}

/** Every live article, oldest first, a page at a time so memory stays bounded. */
export function* readPortableArticles(stmts: StatementCache, ids?: readonly string[] | null): Generator<PortableArticle> {
  if (ids) {
    // A selection: each one by its id, oldest first as the whole library would be.
    const rows = [...new Set(ids)].map((id) => stmts.get(SELECT_ONE).get({ id }) as Row | undefined).filter((row): row is Row => !!row);
    for (const row of rows.sort((x, y) => Number(x.rid) - Number(y.rid))) yield toPortable(row);
    return;
  }
  let after = 0;
  for (;;) {
    const rows = stmts.get(SELECT_ARTICLES).all({ after, limit: PAGE_SIZE }) as Row[];
    for (const row of rows) yield toPortable(row);
    if (rows.length < PAGE_SIZE) return;
    after = Number(rows.at(-1)!.rid);
  }
}

// A restored record comes from a file anyone could have edited: every field is checked for its
// type before anything is written, and a bad one names itself.
type Check<T> = (value: unknown) => value is T;
const isString: Check<string> = (v): v is string => typeof v === 'string';
const isNullableString: Check<string | null> = (v): v is string | null => v === null || typeof v === 'string';
const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const isDate: Check<string> = (v): v is string => typeof v === 'string' && v !== '' && !Number.isNaN(Date.parse(v));
const isNullableDate: Check<string | null> = (v): v is string | null => v === null || isDate(v);
// UUIDs, as the library makes them and the app's operations accept them.
const isId: Check<string> = (v): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
const isNullableCount: Check<number | null> = (v): v is number | null => v === null || (Number.isInteger(v) && (v as number) >= 1);

/** `absent`: what a missing field means (an older or hand-made file); without it the field is required. */
function field<T>(record: object, key: string, check: Check<T>, expected: string, what: string, absent?: T): T {
  const value = (record as Record<string, unknown>)[key];
  if (value === undefined && absent !== undefined) return absent;
  if (!check(value)) throw new RangeError(`${what}: "${key}" must be ${expected}`);
  return value;
}

function checkedArticle(raw: PortableArticle): PortableArticle {
  if (!raw || typeof raw !== 'object') throw new RangeError('article: not an object');
  const what = `article ${isId(raw.id) ? raw.id : '(no id)'}`;
  const get = <T>(key: keyof PortableArticle, check: Check<T>, expected: string, absent?: T): T => field(raw, key, check, expected, what, absent);
  const text = (key: keyof PortableArticle) => get(key, isString, 'text');
  const textOrNull = (key: keyof PortableArticle) => get<string | null>(key, isNullableString, 'text or null', null);
  const url = get('url', (v): v is string => isString(v) && v.trim() !== '', 'an address');
  return {
    id: get('id', isId, 'a UUID'),
    url,
    finalUrl: textOrNull('finalUrl'),
    canonicalUrl: textOrNull('canonicalUrl'),
    title: text('title'),
    byline: textOrNull('byline'),
    siteName: textOrNull('siteName'),
    excerpt: textOrNull('excerpt'),
    html: text('html'),
    text: text('text'),
    lang: textOrNull('lang'),
    dir: get<'ltr' | 'rtl' | null>('dir', (v): v is 'ltr' | 'rtl' | null => v === null || v === 'ltr' || v === 'rtl', '"ltr", "rtl" or null', null),
    wordCount: get('wordCount', (v): v is number => Number.isInteger(v) && (v as number) >= 0, 'a whole number ≥ 0'),
    publishedAt: textOrNull('publishedAt'),
    leadImage: textOrNull('leadImage'),
    favicon: textOrNull('favicon'),
    status: get('status', (v): v is PortableArticle['status'] => v === 'pending' || v === 'done' || v === 'failed', '"pending", "done" or "failed"'),
    error: textOrNull('error'),
    createdAt: get('createdAt', isDate, 'a date'),
    updatedAt: get('updatedAt', isDate, 'a date'),
    readAt: get<string | null>('readAt', isNullableDate, 'a date or null', null),
    starred: get('starred', isBoolean, 'true or false'),
    archived: get('archived', isBoolean, 'true or false'),
    progress: get('progress', (v): v is number => typeof v === 'number' && v >= 0 && v <= 1, 'a number from 0 to 1'),
    note: get('note', isString, 'text', ''),
    tags: get<string[]>('tags', (v): v is string[] => Array.isArray(v) && v.every(isString), 'a list of names', []),
    feedUrl: textOrNull('feedUrl'),
  };
}

/** Only the app's own asset URLs and web addresses are shown as images; anything else is dropped. */
const imageSource = (src: string | null): string | null => (src !== null && (ASSET_URL.test(src) || /^https?:\/\//i.test(src)) ? src : null);

/** Inserts an exported article as it was. 'duplicate' when its id or address is already live. */
export function restorePortableArticle(stmts: StatementCache, article: PortableArticle): 'added' | 'duplicate' {
  const a = checkedArticle(article);
  // Any row with the id, a tombstone too: a deleted article stays deleted.
  if (stmts.get('SELECT 1 FROM articles WHERE id = :id').get({ id: a.id })) return 'duplicate';
  // Only the address it was saved from is looked up, as saving a link does: matching its final or
  // canonical address too would merge two articles the exporting library kept apart.
  if (stmts.get(FIND_SAVED_URL_SQL).get({ url: a.url })) return 'duplicate';
  const now = nowIso();
  stmts.get('PRAGMA defer_foreign_keys = ON').run();
  for (const name of a.tags) {
    const tagId = ensureTag(stmts, name, now);
    if (tagId) {
      stmts.get('INSERT OR IGNORE INTO article_tags (article_id, tag_id, created_at) VALUES (:id, :tagId, :now)').run({ id: a.id, tagId, now });
    }
  }
  const feed = a.feedUrl === null ? undefined : (stmts.get('SELECT id FROM feeds WHERE url = :url AND deleted_at IS NULL').get({ url: a.feedUrl }) as Row | undefined);
  const title = stripMarkers(a.title);
  const text = stripMarkers(a.text);
  const note = stripMarkers(a.note);
  const byline = a.byline === null ? null : stripMarkers(a.byline);
  const leadImage = imageSource(a.leadImage);
  const favicon = imageSource(a.favicon);
  stmts.get(INSERT_ARTICLE).run({
    id: a.id,
    url: a.url,
    finalUrl: a.finalUrl,
    canonicalUrl: a.canonicalUrl,
    title,
    byline,
    site: a.siteName === null ? null : stripMarkers(a.siteName),
    host: hostOf(a.finalUrl ?? a.url),
    excerpt: a.excerpt,
    leadImage,
    favicon,
    body: packBody(text, a.html),
    lang: a.lang,
    dir: a.dir,
    wordCount: a.wordCount,
    publishedAt: a.publishedAt,
    status: a.status,
    error: a.error,
    starred: a.starred ? 1 : 0,
    archived: a.archived ? 1 : 0,
    progress: a.progress,
    readAt: a.readAt,
    note,
    cjk: cjkIndexText(title, byline, text, note),
    feedId: feed ? String(feed.id) : null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  });
  for (const hash of referencedAssetHashes({ html: a.html, leadImage, favicon })) {
    stmts.get('INSERT OR IGNORE INTO assets (hash, created_at) VALUES (:hash, :now)').run({ hash, now });
    stmts.get('INSERT OR IGNORE INTO article_assets (article_id, hash) VALUES (:id, :hash)').run({ id: a.id, hash });
  }
  return 'added';
}

export function readPortableFeeds(stmts: StatementCache): PortableFeed[] {
  return stmts
    .get(`SELECT id, url, title, custom_title, site_url, folder, fetch_full, keep_days, keep_items, created_at
          FROM feeds WHERE deleted_at IS NULL ORDER BY created_at, id`)
    .all()
    .map((r) => {
      const row = r as Row;
      return {
        id: String(row.id),
        url: String(row.url),
        title: String(row.title),
        customTitle: strOrNull(row.custom_title),
        siteUrl: strOrNull(row.site_url),
        folder: strOrNull(row.folder),
        fetchFull: Number(row.fetch_full) === 1,
        keepDays: row.keep_days === null ? null : Number(row.keep_days),
        keepItems: row.keep_items === null ? null : Number(row.keep_items),
        createdAt: String(row.created_at),
      };
    });
}

function checkedFeed(raw: PortableFeed): PortableFeed {
  if (!raw || typeof raw !== 'object') throw new RangeError('feed: not an object');
  const what = `feed ${typeof raw.url === 'string' ? raw.url.slice(0, 200) : '(no address)'}`;
  const get = <T>(key: keyof PortableFeed, check: Check<T>, expected: string, absent?: T): T => field(raw, key, check, expected, what, absent);
  return {
    id: get('id', isId, 'a UUID'),
    url: get('url', (v): v is string => isString(v) && /^https?:\/\//i.test(v), 'a web address'),
    title: get('title', isString, 'text'),
    customTitle: get<string | null>('customTitle', isNullableString, 'text or null', null),
    siteUrl: get<string | null>('siteUrl', isNullableString, 'text or null', null),
    folder: get<string | null>('folder', isNullableString, 'text or null', null),
    fetchFull: get('fetchFull', isBoolean, 'true or false'),
    keepDays: get<number | null>('keepDays', isNullableCount, 'a whole number ≥ 1 or null', null),
    keepItems: get<number | null>('keepItems', isNullableCount, 'a whole number ≥ 1 or null', null),
    createdAt: get('createdAt', isDate, 'a date'),
  };
}

/** Subscribes an exported feed with its settings; 'duplicate' when its address is subscribed. */
export function restorePortableFeed(stmts: StatementCache, feed: PortableFeed): 'added' | 'duplicate' {
  const f = checkedFeed(feed);
  if (stmts.get('SELECT 1 FROM feeds WHERE url = :url AND deleted_at IS NULL').get({ url: f.url })) return 'duplicate';
  // Its id when free (a removed feed keeps its row, so the id may be taken).
  const id = stmts.get('SELECT 1 FROM feeds WHERE id = :id').get({ id: f.id }) ? randomUUID() : f.id;
  const now = nowIso();
  stmts
    .get(`INSERT INTO feeds (id, url, title, custom_title, site_url, folder, fetch_full, keep_days, keep_items,
            next_check_at, created_at, updated_at)
          VALUES (:id, :url, :title, :customTitle, :siteUrl, :folder, :fetchFull, :keepDays, :keepItems, :now, :createdAt, :now)`)
    .run({
      id,
      url: f.url,
      title: f.title,
      customTitle: f.customTitle,
      siteUrl: f.siteUrl,
      folder: f.folder,
      fetchFull: f.fetchFull ? 1 : 0,
      keepDays: f.keepDays,
      keepItems: f.keepItems,
      now,
      createdAt: f.createdAt,
    });
  return 'added';
}
