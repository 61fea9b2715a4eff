// The reader's own exports of the article it shows: the article as Markdown or HTML, and its
// highlights as Markdown. The conversions are the core's (electron/shared), so a file saved
// here reads as the library's exports do.
import type { Article, Highlight } from '../../../electron/ipc/api.ts';
import { escapeHtml } from '../../../electron/shared/escape-html.ts';
import { fileSlug } from '../../../electron/shared/file-slug.ts';
import { highlightsMarkdown } from '../../../electron/shared/highlight-export.ts';
import { htmlToMarkdown } from '../../../electron/shared/markdown.ts';
import { downloadFile } from './download.ts';
import { sanitizeArticleHtml } from './sanitize.ts';

export type ExportFormat = 'markdown' | 'html';

const MARKDOWN_TYPE = 'text/markdown;charset=utf-8';

/** A file name from the title: letters, digits and dashes, never empty. */
export function exportFileName(article: Article, format: ExportFormat): string {
  return fileSlug(article.title, format === 'markdown' ? 'md' : 'html');
}

/** The article as a standalone document: title, byline, source link, then the body. */
export function exportText(article: Article, format: ExportFormat): string {
  const body = sanitizeArticleHtml(article.html);
  const title = article.title || article.url;
  if (format === 'markdown') {
    const byline = article.byline ? `*${article.byline}*\n\n` : '';
    return `# ${title}\n\n${byline}Source: <${article.url}>\n\n${htmlToMarkdown(body)}\n`;
  }
  const lang = article.lang ? ` lang="${escapeHtml(article.lang)}"` : '';
  const dir = article.dir ? ` dir="${article.dir}"` : '';
  return `<!doctype html>
<html${lang}${dir}>
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
</head>
<body>
<article>
<h1>${escapeHtml(title)}</h1>
${article.byline ? `<p><em>${escapeHtml(article.byline)}</em></p>\n` : ''}<p>Source: <a href="${escapeHtml(article.url)}">${escapeHtml(article.url)}</a></p>
${body}
</article>
</body>
</html>
`;
}

/** Saves through the browser's download path. */
export function downloadArticle(article: Article, format: ExportFormat): void {
  const type = format === 'markdown' ? MARKDOWN_TYPE : 'text/html;charset=utf-8';
  downloadFile(exportFileName(article, format), new Blob([exportText(article, format)], { type }));
}

/** The article's highlights and notes as one Markdown file, e.g. growing-tomatoes-highlights.md. */
export function downloadHighlights(article: Article, highlights: readonly Highlight[]): void {
  downloadFile(fileSlug(`${article.title || article.url} highlights`, 'md'), new Blob([highlightsMarkdown(article, highlights)], { type: MARKDOWN_TYPE }));
}
