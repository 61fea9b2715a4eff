// Articles as Markdown files: front matter (title, url, saved, tags), the title as a heading,
// then the body converted by the shared turndown setup (the reader's export uses the same);
// images are files under images/ beside them.
import type { AssetStore } from '../capture/images/asset-store.ts';
import type { Library } from '../library/library.ts';
import { htmlToMarkdown } from '../shared/markdown.ts';
import { writeArticleFiles, type ArticleFormat } from './article-files.ts';
import type { ExportedArticle } from './selection.ts';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** JSON strings are YAML double-quoted scalars too: any title is safe in the front matter. */
export function frontMatter(a: ExportedArticle): string {
  return ['---', `title: ${JSON.stringify(oneLine(a.title))}`, `url: ${JSON.stringify(a.url)}`, `saved: ${a.createdAt}`, `tags: ${JSON.stringify(a.tags)}`, '---', ''].join('\n');
}

export const MARKDOWN: ArticleFormat = {
  extension: 'md',
  render(article, body) {
    const title = oneLine(article.title) || article.url;
    const markdown = body.trim() ? `${htmlToMarkdown(body)}\n` : '';
    return `${frontMatter(article)}\n# ${title}\n\n${markdown}`;
  },
};

/** The picked articles (all when none) into `target`: a folder, a .zip, or one article's .md file. */
export function exportMarkdown(library: Library, assets: AssetStore, target: string, options: { ids?: readonly string[] | null } = {}): Promise<number> {
  return writeArticleFiles(library, assets, target, options.ids, MARKDOWN);
}

/** The same as a zip, for the app: it hands the renderer one file's bytes. */
export function exportMarkdownZip(library: Library, assets: AssetStore, zipPath: string, options: { ids?: readonly string[] | null } = {}): Promise<number> {
  if (!zipPath.toLowerCase().endsWith('.zip')) throw new RangeError('exportMarkdownZip writes a .zip file');
  return exportMarkdown(library, assets, zipPath, options);
}
