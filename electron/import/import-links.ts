// Brings an export from another reader into the library: each good row becomes a queued
// capture with its tags and state; a bad row is reported with its reason and skipped.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CaptureError } from '../capture/capture-error.ts';
import { normalizeUrl } from '../capture/normalize-url.ts';
import type { ImportSummary } from '../shared/import-summary.ts';
import type { Library } from '../library/library.ts';
import type { ImportedLink, ImportProblem } from './imported-link.ts';
import { parseExport } from './parse-export.ts';

/** Problems listed in full; beyond this only their count is given. */
const LISTED_PROBLEMS = 100;
/** Rows per transaction; between chunks the main process gets back to other work. */
const CHUNK = 500;
/** A larger export is imported up to here, and the rest reported, not silently dropped. */
export const MAX_IMPORT_ROWS = 200_000;

export async function importLinks(library: Library, text: string): Promise<ImportSummary> {
  const parsed = parseExport(text);
  const problems: ImportProblem[] = [...parsed.problems];
  const links = parsed.links.slice(0, MAX_IMPORT_ROWS);
  if (parsed.links.length > MAX_IMPORT_ROWS) {
    const first = parsed.links[MAX_IMPORT_ROWS]!;
    problems.push({ row: first.row, reason: `only the first ${MAX_IMPORT_ROWS.toLocaleString('en')} links are imported at once` });
  }
  const counts = { added: 0, alreadySaved: 0 };
  // Oldest saved first, so the library's insertion order (what "newest" means for a broad
  // search) follows the saved dates too; undated links keep their file order, after the rest.
  links.sort((a, b) => (a.savedAt === b.savedAt ? 0 : a.savedAt === null ? 1 : b.savedAt === null ? -1 : a.savedAt < b.savedAt ? -1 : 1));
  for (let start = 0; start < links.length; start += CHUNK) {
    const chunk = links.slice(start, start + CHUNK);
    const before = { ...counts };
    try {
      library.batch(() => chunk.forEach((item) => importOne(library, item, counts, problems)));
    } catch (error) {
      // The chunk was rolled back; earlier chunks stay. Say exactly where it stopped.
      console.error('import stopped', error);
      Object.assign(counts, before);
      problems.push({ row: chunk[0]!.row, reason: `the import stopped here because the library could not be written; ${counts.added} links had been added` });
      break;
    }
    await nextTurn();
  }
  problems.sort((a, b) => a.row - b.row);
  return { format: parsed.format, ...counts, problemCount: problems.length, problems: problems.slice(0, LISTED_PROBLEMS) };
}

function importOne(library: Library, item: ImportedLink, counts: { added: number; alreadySaved: number }, problems: ImportProblem[]): void {
  let url: string;
  try {
    url = normalizeUrl(item.url);
  } catch (error) {
    const reason = error instanceof CaptureError ? error.message : 'unreadable address';
    problems.push({ row: item.row, reason: `${item.url.slice(0, 200)}: ${reason}` });
    return;
  }
  const { article, created } = library.addPending(url, item.savedAt);
  if (!created) {
    counts.alreadySaved++;
    return;
  }
  counts.added++;
  if (item.tags.length) library.addTags(article.id, item.tags);
  if (item.archived) library.setArchived(article.id, true);
  if (item.starred) library.setStarred(article.id, true);
}
