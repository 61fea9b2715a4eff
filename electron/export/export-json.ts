// The portable JSON export (a PortableLibrary document, see shared/portable.ts), written one
// record at a time: `lectern` first so a reader can tell the file apart from its first bytes,
// then the articles, then the feeds and highlights.
import type { Library } from '../library/library.ts';
import type { Highlight } from '../shared/highlight.ts';
import type { PortableArticle, PortableHighlight, PortableLibrary } from '../shared/portable.ts';
import { writeTextFile } from './output-file.ts';

export interface ExportCounts {
  articles: number;
  feeds: number;
  highlights: number;
}

export const toPortableHighlight = (h: Highlight): PortableHighlight => ({
  id: h.id,
  articleId: h.articleId,
  quote: h.quote,
  prefix: h.prefix,
  suffix: h.suffix,
  start: h.start,
  end: h.end,
  color: h.color,
  note: h.note,
  orphaned: h.orphaned,
  createdAt: h.createdAt,
  updatedAt: h.updatedAt,
});

export function* portableHighlights(highlights: Iterable<Highlight>): Generator<PortableHighlight> {
  for (const h of highlights) yield toPortableHighlight(h);
}

/** The picked articles (every live one when none are picked), oldest first. */
function* articlesOf(library: Library, ids: ReadonlySet<string> | null): Generator<PortableArticle> {
  yield* library.exportArticles(ids ? [...ids] : null);
}

/** `items` as the lines of a JSON array; `onItem` sees each as it goes. */
function* jsonArray<T>(items: Iterable<T>, onItem: (item: T) => void = () => {}): Generator<string> {
  let first = true;
  yield '[';
  for (const item of items) {
    onItem(item);
    yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? ']' : '\n]';
}

/**
 * Writes the articles picked by `ids` (all when absent) with their highlights and the feeds
 * they came from (all feeds for a whole-library export).
 */
export async function exportJson(library: Library, path: string, options: { ids?: readonly string[] | null } = {}): Promise<ExportCounts> {
  const ids = options.ids ? new Set(options.ids) : null;
  const counts: ExportCounts = { articles: 0, feeds: 0, highlights: 0 };
  const exported: string[] = [];
  const feedUrls = new Set<string>();
  function* document(): Generator<string> {
    const marker: PortableLibrary['lectern'] = { format: 'portable-json', version: 1, exportedAt: new Date().toISOString() };
    yield `{"lectern":${JSON.stringify(marker)},\n"articles":`;
    yield* jsonArray(articlesOf(library, ids), (a) => {
      counts.articles++;
      if (ids) exported.push(a.id);
      if (a.feedUrl) feedUrls.add(a.feedUrl);
    });
    const feeds = library.exportFeeds().filter((f) => !ids || feedUrls.has(f.url));
    counts.feeds = feeds.length;
    yield ',\n"feeds":';
    yield* jsonArray(feeds);
    yield ',\n"highlights":';
    const highlights = ids ? exported.flatMap((id) => library.highlights.forArticle(id)) : library.highlights.all();
    yield* jsonArray(portableHighlights(highlights), () => counts.highlights++);
    yield '}\n';
  }
  await writeTextFile(path, document());
  return counts;
}
