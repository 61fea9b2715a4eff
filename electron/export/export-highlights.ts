// Highlights and notes on their own: Markdown files, one per article (see
// shared/highlight-export.ts for what they hold), or one JSON file of every highlight with its
// article. Only articles that have highlights are exported.
import { mkdir } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Library } from '../library/library.ts';
import type { ArticleSummary } from '../shared/article.ts';
import { fileSlug } from '../shared/file-slug.ts';
import type { Highlight } from '../shared/highlight.ts';
import { exportedHighlight, highlightsMarkdown, inReadingOrder, type HighlightsJsonDocument } from '../shared/highlight-export.ts';
import { directorySink, type FileSink } from './article-files.ts';
import { writeTextFile, writeZipFile } from './output-file.ts';

export interface HighlightedArticle {
  article: ArticleSummary;
  highlights: Highlight[];
}

/** Every live article with a live highlight, oldest saved first. */
function highlightedSummaries(library: Library): ArticleSummary[] {
  const ids = new Set<string>();
  for (const h of library.highlights.all()) ids.add(h.articleId);
  const summaries = [...ids].flatMap((id) => library.summary(id) ?? []);
  return summaries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The picked articles in the order given (all with highlights when none are picked), each with its highlights in reading order; those without any are skipped. */
export function* highlightedArticles(library: Library, ids: readonly string[] | null | undefined): Generator<HighlightedArticle> {
  const articles = ids ? [...new Set(ids)].map((id) => library.summary(id)) : highlightedSummaries(library);
  for (const article of articles) {
    if (!article) continue;
    const highlights = inReadingOrder(library.highlights.forArticle(article.id));
    if (highlights.length > 0) yield { article, highlights };
  }
}

async function writeEach(items: Iterable<HighlightedArticle>, sink: FileSink): Promise<number> {
  const used = new Set<string>();
  let count = 0;
  for (const { article, highlights } of items) {
    await sink.write(fileSlug(article.title || article.url, 'md', used), highlightsMarkdown(article, highlights));
    count++;
  }
  return count;
}

/**
 * Writes the picked articles' highlights as Markdown. `target`: a `.zip` gets one file per
 * article; a `.md` file holds the one article picked (even with no highlights yet: its header);
 * anything else is a directory to write into. Returns how many articles were written.
 */
export async function exportHighlightsMarkdown(library: Library, target: string, options: { ids?: readonly string[] | null } = {}): Promise<number> {
  const ids = options.ids ?? null;
  const extension = extname(target).toLowerCase();
  if (extension === '.zip') return writeZipFile(target, (zip) => writeEach(highlightedArticles(library, ids), { write: (name, data) => zip.add(name, data) }));
  if (extension === '.md') {
    if (ids?.length !== 1) throw new RangeError('A single .md file holds one article’s highlights; give a folder or a .zip for several.');
    const article = library.summary(ids[0]!);
    if (!article) throw new RangeError(`No article ${ids[0]}`);
    await writeTextFile(target, [highlightsMarkdown(article, library.highlights.forArticle(article.id))]);
    return 1;
  }
  await mkdir(target, { recursive: true });
  return writeEach(highlightedArticles(library, ids), directorySink(target));
}

/** Writes the picked articles' highlights (all when none are picked) as one HighlightsJsonDocument; returns how many articles they came from. */
export async function exportHighlightsJson(library: Library, path: string, options: { ids?: readonly string[] | null } = {}): Promise<number> {
  let articles = 0;
  function* document(): Generator<string> {
    const marker: HighlightsJsonDocument['lectern'] = { format: 'highlights-json', version: 1, exportedAt: new Date().toISOString() };
    yield `{"lectern":${JSON.stringify(marker)},\n"highlights":[`;
    let first = true;
    for (const { article, highlights } of highlightedArticles(library, options.ids)) {
      articles++;
      for (const h of highlights) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(exportedHighlight(h, article))}`;
        first = false;
      }
    }
    yield first ? ']}\n' : '\n]}\n';
  }
  await writeTextFile(path, document());
  return articles;
}

