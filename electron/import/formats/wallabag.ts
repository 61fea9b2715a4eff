// wallabag's JSON export: an array of entries with their article HTML (`content`) and their
// annotations, which become highlights.
import {
  blankLink, cleanTags, highlightOf, linkOrProblem, problemEvent, readText, savedDate, text, titleOf, truthy,
  type ImportedHighlight, type ImportEvent, type ImportInput,
} from '../imported-link.ts';

const MAX_JSON = 512 * 1_048_576;

// What wallabag stores in place of a page it could not fetch: not an article.
const NOT_FETCHED = /wallabag can(')?t retrieve contents for this article/i;

const tagsOf = (raw: unknown): string[] =>
  cleanTags(Array.isArray(raw) ? raw.map((t) => (t && typeof t === 'object' ? (t as { label?: unknown }).label : t)) : raw);

function annotationsOf(raw: unknown): ImportedHighlight[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((a) => {
      const item = a && typeof a === 'object' ? (a as Record<string, unknown>) : {};
      return highlightOf(item.quote, { note: item.text, createdAt: item.created_at });
    })
    .filter((h): h is ImportedHighlight => h !== null);
}

export async function* readWallabag(input: ImportInput): AsyncGenerator<ImportEvent> {
  let data: unknown;
  try {
    data = JSON.parse(await readText(input, MAX_JSON));
  } catch (error) {
    yield problemEvent(0, input.file, `not valid JSON (${(error as Error).message})`);
    return;
  }
  const items = Array.isArray(data) ? data : Array.isArray((data as { items?: unknown } | null)?.items) ? (data as { items: unknown[] }).items : null;
  if (!items) {
    yield problemEvent(0, input.file, 'expected a list of wallabag entries');
    return;
  }
  for (const [index, item] of items.entries()) {
    const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const url = text(record.url, 8_000) ?? text(record.given_url, 8_000);
    if (!url) {
      yield problemEvent(index + 1, input.file, 'no URL in this entry');
      continue;
    }
    const link = blankLink(index + 1, url, input.file);
    link.title = titleOf(record.title);
    link.tags = tagsOf(record.tags);
    link.archived = truthy(record.is_archived);
    link.starred = truthy(record.is_starred);
    link.savedAt = savedDate(record.created_at);
    link.readAt = link.archived ? savedDate(record.archived_at) : null;
    link.highlights = annotationsOf(record.annotations);
    const html = typeof record.content === 'string' ? record.content.trim() : '';
    if (html && !NOT_FETCHED.test(html.slice(0, 500))) {
      const authors = Array.isArray(record.published_by) ? record.published_by.filter((a) => typeof a === 'string').join(', ') : record.published_by;
      link.content = {
        html,
        text: null,
        byline: text(authors),
        siteName: text(record.domain_name),
        excerpt: null,
        publishedAt: savedDate(record.published_at),
        lang: text(record.language, 20),
        wordCount: null,
      };
    }
    yield linkOrProblem(link);
  }
}
