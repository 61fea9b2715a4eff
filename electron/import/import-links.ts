// Brings an export from another reader into the library: each good row becomes a queued
// capture with its tags and state; a bad row is reported with its reason and skipped.
import { CaptureError } from '../capture/capture-error.ts';
import { normalizeUrl } from '../capture/normalize-url.ts';
import type { ImportSummary } from '../ipc/api.ts';
import type { Library } from '../library/library.ts';
import { parseExport } from './parse-export.ts';

/** Problems listed in full; beyond this only their count is given. */
const LISTED_PROBLEMS = 100;

export function importLinks(library: Library, text: string): ImportSummary {
  const parsed = parseExport(text);
  const problems = [...parsed.problems];
  let added = 0;
  let alreadySaved = 0;
  parsed.links.forEach((item) => {
    let url: string;
    try {
      url = normalizeUrl(item.url);
    } catch (error) {
      problems.push({ row: item.row, reason: error instanceof CaptureError ? `${item.url.slice(0, 200)}: ${error.message}` : 'unreadable address' });
      return;
    }
    const { article, created } = library.addPending(url);
    if (!created) {
      alreadySaved++;
      return;
    }
    added++;
    if (item.tags.length) library.addTags(article.id, item.tags);
    if (item.archived) library.setArchived(article.id, true);
    if (item.starred) library.setStarred(article.id, true);
  });
  problems.sort((a, b) => a.row - b.row);
  return { format: parsed.format, added, alreadySaved, problemCount: problems.length, problems: problems.slice(0, LISTED_PROBLEMS) };
}
