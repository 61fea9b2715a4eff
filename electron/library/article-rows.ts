// SQL column lists and the mapping from rows to the API's ArticleSummary / Article.
import type { Article, ArticleStatus, ArticleSummary } from '../shared/article.ts';
import { unpackBody } from './compress.ts';

/**
 * Columns for a summary, over `articles a`. Tags come as a JSON array, sorted by name; an
 * article without tags has tags_text '' (kept by the tags_text triggers, fts-sql.ts) and skips
 * the lookup, which was most of a 50-row page's cost (0.25 of 0.47 ms at 100,000 articles).
 */
export const SUMMARY_COLUMNS = `
  a.rid, a.id, coalesce(a.final_url, a.url) AS url, a.title, a.site, a.byline, a.excerpt,
  a.lead_image, a.favicon, a.word_count, a.starred, a.archived, a.status, a.error, a.published_at,
  a.created_at, a.updated_at, a.progress,
  CASE WHEN a.tags_text = '' THEN '[]' ELSE (SELECT json_group_array(name) FROM (
     SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
     WHERE at.article_id = a.id ORDER BY t.key)) END AS tags_json`;

export const ARTICLE_COLUMNS = `${SUMMARY_COLUMNS}, a.body_z, a.lang, a.dir, a.note`;

export type Row = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** Minutes at ~230 words a minute; 0 only for an empty article. */
export function readingMinutes(wordCount: number): number {
  return wordCount > 0 ? Math.max(1, Math.round(wordCount / 230)) : 0;
}

export function toSummary(row: Row): ArticleSummary {
  const wordCount = num(row.word_count);
  return {
    id: str(row.id),
    url: str(row.url),
    title: str(row.title),
    siteName: strOrNull(row.site),
    byline: strOrNull(row.byline),
    excerpt: strOrNull(row.excerpt),
    leadImage: strOrNull(row.lead_image),
    favicon: strOrNull(row.favicon),
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    starred: num(row.starred) === 1,
    archived: num(row.archived) === 1,
    status: str(row.status) as ArticleStatus,
    error: strOrNull(row.error),
    publishedAt: strOrNull(row.published_at),
    createdAt: str(row.created_at),
    updatedAt: str(row.updated_at),
    progress: num(row.progress),
    tags: JSON.parse(str(row.tags_json) || '[]') as string[],
  };
}

export function toArticle(row: Row): Article {
  const dir = row.dir === 'ltr' || row.dir === 'rtl' ? row.dir : null;
  const note = strOrNull(row.note) || null;
  return { ...toSummary(row), html: unpackBody(row.body_z).html, lang: strOrNull(row.lang), dir, note };
}

/** Hostname without a leading www., lower-cased; '' when the URL does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}
