// Our own portable export, `{"articles": [...], "feeds": [...], "highlights": [...]}`: articles
// come back with their pages, highlights and notes, feeds as subscriptions. A bare array of
// `{url, title, ...}` (older exports, other tools) is read as links.
import {
  addressProblem, blankLink, cleanTags, fraction, highlightOf, linkOrProblem, MAX_NOTE, problemEvent, readText, savedDate, text, titleOf, truthy,
  type ImportedHighlight, type ImportEvent, type ImportInput,
} from '../imported-link.ts';

// One JSON document is parsed whole; past this it is refused rather than exhausting memory.
export const MAX_JSON_BYTES = 512 * 1_048_576;

type Item = Record<string, unknown>;
const asItem = (value: unknown): Item => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Item) : {});
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function highlightsByArticle(raw: unknown[], file: string | null, problems: ImportEvent[], articleIds: Set<string>): Map<string, ImportedHighlight[]> {
  const byArticle = new Map<string, ImportedHighlight[]>();
  raw.forEach((value, index) => {
    const item = asItem(value);
    const articleId = typeof item.articleId === 'string' ? item.articleId : null;
    const highlight = highlightOf(item.quote, { note: item.note, color: item.color, prefix: item.prefix, suffix: item.suffix, createdAt: item.createdAt });
    if (!highlight) problems.push(problemEvent(index + 1, file, `highlight ${index + 1} has no quote`));
    else if (!articleId || !articleIds.has(articleId)) problems.push(problemEvent(index + 1, file, `highlight ${index + 1} belongs to no article in the file`));
    else if (byArticle.has(articleId)) byArticle.get(articleId)!.push(highlight);
    else byArticle.set(articleId, [highlight]);
  });
  return byArticle;
}

function articleEvent(value: unknown, row: number, file: string | null, highlights: Map<string, ImportedHighlight[]>): ImportEvent {
  const item = asItem(value);
  const url = text(item.url, 8_000) ?? text(item.finalUrl, 8_000);
  if (!url) return problemEvent(row, file, 'no URL in this article');
  const link = blankLink(row, url, file);
  link.title = titleOf(item.title);
  link.tags = cleanTags(item.tags ?? item.labels);
  link.archived = truthy(item.archived) || truthy(item.is_archived) || /^archived$/i.test(String(item.state ?? ''));
  link.starred = truthy(item.starred) || truthy(item.is_starred) || truthy(item.favorite);
  link.savedAt = savedDate(item.createdAt ?? item.savedAt ?? item.created_at);
  link.readAt = savedDate(item.readAt);
  link.progress = fraction(item.progress);
  link.note = text(item.note, MAX_NOTE);
  link.highlights = typeof item.id === 'string' ? highlights.get(item.id) ?? [] : [];
  const html = typeof item.html === 'string' ? item.html.trim() : '';
  if (html) {
    link.content = {
      html,
      text: typeof item.text === 'string' && item.text.trim() ? item.text : null,
      byline: text(item.byline),
      siteName: text(item.siteName),
      excerpt: text(item.excerpt, 2_000),
      publishedAt: savedDate(item.publishedAt),
      lang: text(item.lang, 20),
      wordCount: typeof item.wordCount === 'number' && Number.isFinite(item.wordCount) && item.wordCount >= 0 ? Math.round(item.wordCount) : null,
    };
  }
  return linkOrProblem(link);
}

function feedEvent(value: unknown, row: number, file: string | null): ImportEvent {
  const item = asItem(value);
  const url = text(item.url, 8_000);
  if (!url) return problemEvent(row, file, 'no address for this feed');
  const problem = addressProblem(url);
  if (problem) return problemEvent(row, file, problem);
  return { kind: 'feed', feed: { row, url, title: titleOf(item.customTitle) ?? titleOf(item.title), siteUrl: text(item.siteUrl, 8_000), folder: text(item.folder) } };
}

export async function* readLecternJson(input: ImportInput): AsyncGenerator<ImportEvent> {
  let data: unknown;
  try {
    data = JSON.parse(await readText(input, MAX_JSON_BYTES));
  } catch (error) {
    yield problemEvent(0, input.file, `not valid JSON (${(error as Error).message})`);
    return;
  }
  const root = asItem(data);
  const articles = Array.isArray(data) ? data : Array.isArray(root.articles) ? root.articles : Array.isArray(root.items) ? root.items : null;
  if (!articles) {
    yield problemEvent(0, input.file, 'expected a Lectern export ({"articles": [...]}) or a list of saved items');
    return;
  }
  const problems: ImportEvent[] = [];
  const ids = new Set(articles.map((a) => asItem(a).id).filter((id): id is string => typeof id === 'string'));
  // Highlights come after the articles in the file: gathered first, to go with their article.
  const highlights = highlightsByArticle(listOf(root.highlights), input.file, problems, ids);
  for (const [index, article] of articles.entries()) yield articleEvent(article, index + 1, input.file, highlights);
  for (const [index, feed] of listOf(root.feeds).entries()) yield feedEvent(feed, index + 1, input.file);
  yield* problems;
}
