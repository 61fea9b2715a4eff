// Netscape bookmark HTML, the file every browser imports (and Pocket-style services read):
// one flat list, each link with its saved date (Unix seconds) and tags, and its note as the
// description. Every value is HTML-escaped; nothing in a title can open a tag.
import type { Library } from '../library/library.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import { writeTextFile } from './output-file.ts';
import { selectedArticles, unixSeconds, type ExportedArticle } from './selection.ts';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function bookmarkLine(a: ExportedArticle): string {
  const tags = a.tags.length ? ` TAGS="${escapeHtml(a.tags.map((t) => t.replaceAll(',', ' ')).join(','))}"` : '';
  const line = `    <DT><A HREF="${escapeHtml(a.url)}" ADD_DATE="${unixSeconds(a.createdAt)}"${tags}>${escapeHtml(oneLine(a.title) || a.url)}</A>\n`;
  return a.note.trim() ? `${line}    <DD>${escapeHtml(a.note.trim())}\n` : line;
}

export async function exportBookmarks(library: Library, path: string, options: { ids?: readonly string[] | null } = {}): Promise<number> {
  let count = 0;
  function* document(): Generator<string> {
    yield '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n';
    yield '<!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->\n';
    yield '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n';
    yield '<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n';
    for (const a of selectedArticles(library, options.ids)) {
      count++;
      yield bookmarkLine(a);
    }
    yield '</DL><p>\n';
  }
  await writeTextFile(path, document());
  return count;
}
