// A browser's bookmarks (Netscape bookmark HTML, as Chrome, Firefox, Safari and Edge export
// them): `<DL><DT><H3>Folder</H3><DL><DT><A HREF ADD_DATE TAGS>`. Each folder on a bookmark's
// path is a tag, except the browser's own roots.
import { parseHTML } from 'linkedom';
import {
  blankLink, cleanTags, linkOrProblem, MAX_NOTE, problemEvent, readText, savedDate, text, titleOf,
  type ImportEvent, type ImportInput,
} from '../imported-link.ts';

const MAX_HTML = 100 * 1_048_576;

// The folders every browser has; a bookmark in them is not tagged with their name.
const ROOTS = /^(bookmarks( bar| toolbar| menu)?|other bookmarks|mobile bookmarks|favou?rites( bar)?|bookmarksbar|bookmarksmenu|unsorted bookmarks)$/i;

/** An attribute whatever its case: the parser keeps HREF and ADD_DATE as written. */
export const attributeOf = (element: Element, name: string): string | null =>
  [...element.attributes].find((a) => a.name.toLowerCase() === name)?.value ?? null;

const isRoot = (h3: Element): boolean =>
  attributeOf(h3, 'personal_toolbar_folder') !== null || attributeOf(h3, 'unfiled_bookmarks_folder') !== null || ROOTS.test((h3.textContent ?? '').trim());

const child = (element: Element | null, tag: string): Element | null =>
  element ? [...element.children].find((c) => c.tagName === tag) ?? null : null;

/** Folder paths of the links under a DL, walking its DT items the way the format nests them. */
function walk(dl: Element, path: string[], folders: Map<Element, string[]>, notes: Map<Element, string>, walked = new Set<Element>(), depth = 0): void {
  walked.add(dl);
  // Past this depth the folders are not followed (the links still come in, untagged).
  if (depth > 100) return;
  let last: Element | null = null;
  for (const item of [...dl.children]) {
    if (item.tagName === 'DT') {
      const a = child(item, 'A');
      if (a) {
        folders.set(a, path);
        last = a;
      }
      const h3 = child(item, 'H3');
      if (!h3) continue;
      last = null;
      const inner = path.concat(isRoot(h3) ? [] : [(h3.textContent ?? '').trim()].filter(Boolean));
      // The folder's own list: inside its DT, or inside the DD describing it, or just after.
      const next = item.nextElementSibling;
      const list = child(item, 'DL') ?? (next?.tagName === 'DD' ? child(next, 'DL') : next?.tagName === 'DL' ? next : null);
      if (list && !walked.has(list)) walk(list, inner, folders, notes, walked, depth + 1);
    } else if (item.tagName === 'DD' && last) {
      // A bookmark's description, kept as its note.
      const copy = item.cloneNode(true) as Element;
      copy.querySelectorAll('dl').forEach((nested) => nested.remove());
      const note = text(copy.textContent, MAX_NOTE);
      if (note) notes.set(last, note);
    } else if (item.tagName === 'DL' && !walked.has(item)) walk(item, path, folders, notes, walked, depth + 1);
  }
}

// ADD_DATE is Unix seconds, but some tools write milliseconds or microseconds.
const seconds = (raw: string | null): string | null => {
  const digits = raw?.trim() ?? '';
  return /^\d{12,14}$/.test(digits) ? digits.slice(0, -3) : /^\d{15,17}$/.test(digits) ? digits.slice(0, -6) : raw;
};

export async function* readBookmarks(input: ImportInput): AsyncGenerator<ImportEvent> {
  // The format never closes <DT> and puts a <p> after each <DL>; without the <p>s the parser's
  // implied closes nest every list where the browser meant it.
  const html = (await readText(input, MAX_HTML)).replace(/<p>/gi, '');
  const { document } = parseHTML(html);
  const folders = new Map<Element, string[]>();
  const notes = new Map<Element, string>();
  for (const dl of document.querySelectorAll('dl')) {
    if (!dl.parentElement?.closest('dl')) walk(dl, [], folders, notes);
  }
  let row = 0;
  for (const a of document.querySelectorAll('a')) {
    row++;
    const href = (attributeOf(a, 'href') ?? '').trim();
    if (!href) {
      yield problemEvent(row, input.file, 'bookmark without an address');
      continue;
    }
    if (/^(place|javascript|data|about|chrome|file):/i.test(href)) {
      yield problemEvent(row, input.file, `not a web page (${href.slice(0, 40)}${href.length > 40 ? '…' : ''}); skipped`);
      continue;
    }
    const link = blankLink(row, href, input.file);
    link.title = titleOf(a.textContent);
    link.savedAt = savedDate(seconds(attributeOf(a, 'add_date')));
    link.tags = cleanTags([...(folders.get(a) ?? []), ...cleanTags(attributeOf(a, 'tags') ?? '')]);
    link.note = notes.get(a) ?? null;
    yield linkOrProblem(link);
  }
  if (row === 0) yield problemEvent(0, input.file, 'no bookmarks found in this file');
}
