// Pocket's CSV, exactly its columns (`title,url,time_added,tags,status`): what Pocket wrote,
// and what read-later services import. Tags are joined by `|`, the date is Unix seconds, status
// is `unread` or `archive`. Quoted per RFC 4180 (CRLF rows; a field with a comma, quote or line
// break goes in quotes with quotes doubled).
import type { Library } from '../library/library.ts';
import { writeTextFile } from './output-file.ts';
import { selectedArticles, unixSeconds, type ExportedArticle } from './selection.ts';

export const POCKET_COLUMNS = ['title', 'url', 'time_added', 'tags', 'status'] as const;

export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function pocketRow(a: ExportedArticle): string {
  const tags = a.tags.map((t) => t.replaceAll('|', ' ')).join('|');
  return [a.title, a.url, String(unixSeconds(a.createdAt)), tags, a.archived ? 'archive' : 'unread'].map(csvField).join(',') + '\r\n';
}

export async function exportCsv(library: Library, path: string, options: { ids?: readonly string[] | null } = {}): Promise<number> {
  let count = 0;
  function* rows(): Generator<string> {
    yield `${POCKET_COLUMNS.join(',')}\r\n`;
    for (const a of selectedArticles(library, options.ids)) {
      count++;
      yield pocketRow(a);
    }
  }
  await writeTextFile(path, rows());
  return count;
}
