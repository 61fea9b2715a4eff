// Articles as standalone HTML pages, images beside them under images/. The body passes the
// capture's allow-list again (article-files.ts), and a CSP keeps the page from running anything.
import type { AssetStore } from '../capture/images/asset-store.ts';
import type { Library } from '../library/library.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import { writeArticleFiles, type ArticleFormat } from './article-files.ts';

const CSP = "default-src 'none'; img-src * data:; style-src 'unsafe-inline'";

export const HTML_PAGE: ArticleFormat = {
  extension: 'html',
  render(article, body) {
    const title = article.title.replace(/\s+/g, ' ').trim() || article.url;
    const lang = article.lang ? ` lang="${escapeHtml(article.lang)}"` : '';
    const dir = article.dir ? ` dir="${article.dir}"` : '';
    const byline = article.byline ? `<p><em>${escapeHtml(article.byline)}</em></p>\n` : '';
    return `<!doctype html>
<html${lang}${dir}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
<article>
<h1>${escapeHtml(title)}</h1>
${byline}<p>Source: <a href="${escapeHtml(article.url)}">${escapeHtml(article.url)}</a></p>
${body}
</article>
</body>
</html>
`;
  },
};

export function exportHtml(library: Library, assets: AssetStore, target: string, options: { ids?: readonly string[] | null } = {}): Promise<number> {
  return writeArticleFiles(library, assets, target, options.ids, HTML_PAGE);
}
