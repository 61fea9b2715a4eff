import type { Article } from '../../../electron/ipc/api.ts';
import { downloadFile } from './download.ts';
import { htmlToMarkdown } from './htmlToMarkdown.ts';
import { sanitizeArticleHtml } from './sanitize.ts';

export type ExportFormat = 'markdown' | 'html';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A file name from the title: letters, digits and dashes, never empty. */
export function exportFileName(article: Article, format: ExportFormat): string {
  const base = (article.title || 'article')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase();
  return `${base || 'article'}.${format === 'markdown' ? 'md' : 'html'}`;
}

/** The article as a standalone document: title, byline, source link, then the body. */
export function exportText(article: Article, format: ExportFormat): string {
  const body = sanitizeArticleHtml(article.html);
  const title = article.title || article.url;
  if (format === 'markdown') {
    const byline = article.byline ? `*${article.byline}*\n\n` : '';
    return `# ${title}\n\n${byline}Source: <${article.url}>\n\n${htmlToMarkdown(body)}`;
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
  const type = format === 'markdown' ? 'text/markdown;charset=utf-8' : 'text/html;charset=utf-8';
  downloadFile(exportFileName(article, format), new Blob([exportText(article, format)], { type }));
}
