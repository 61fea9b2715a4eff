// Pocket, three ways: the CSV (`title,url,time_added,tags,status`), the 2025 zip of CSV parts
// with highlights in annotations/part_*.json, and the older ril_export.html.
import { parseHTML } from 'linkedom';
import { csvTable } from '../csv-records.ts';
import {
  blankLink, cleanTags, decodeText, highlightOf, linkOrProblem, problemEvent, readText, savedDate, text, titleOf,
  type ImportedHighlight, type ImportedLink, type ImportEvent, type ImportInput,
} from '../imported-link.ts';
import type { ZipArchive } from '../zip-entries.ts';
import { attributeOf } from './bookmarks.ts';

const MAX_HTML = 100 * 1_048_576;
const MAX_ANNOTATIONS = 200 * 1_048_576;

/** Highlights by address, read before the links they belong to. */
type Annotations = Map<string, { row: number; file: string | null; title: string | null; highlights: ImportedHighlight[] }>;

export async function* readPocket(input: ImportInput): AsyncGenerator<ImportEvent> {
  yield* decodeText(input.head).trimStart().startsWith('<') ? readPocketHtml(input) : readPocketCsv(input);
}

export async function* readPocketCsv(input: ImportInput, annotations?: Annotations): AsyncGenerator<ImportEvent> {
  for await (const record of csvTable(input, ['url'], 'Pocket')) {
    if (!('get' in record)) {
      yield { kind: 'problem', problem: record };
      continue;
    }
    const link = blankLink(record.line, record.get('url'), input.file);
    link.title = titleOf(record.get('title'));
    // Tags are "a|b" in the CSV; time_added is Unix seconds.
    link.tags = cleanTags(record.get('tags'));
    link.savedAt = savedDate(record.get('time_added'));
    link.archived = /^archived?$/i.test(record.get('status'));
    link.starred = /^(1|true|favou?rite)$/i.test(record.get('favorite', 'starred'));
    const found = annotations?.get(link.url);
    if (found) {
      link.highlights = found.highlights;
      link.title ??= found.title;
      annotations!.delete(link.url);
    }
    yield linkOrProblem(link);
  }
}

export async function* readPocketHtml(input: ImportInput): AsyncGenerator<ImportEvent> {
  const { document } = parseHTML(await readText(input, MAX_HTML));
  let archived = false;
  let row = 0;
  // Unread links sit under <h1>Unread</h1>, the rest under <h1>Read Archive</h1>.
  for (const element of document.querySelectorAll('h1, a')) {
    if (element.tagName === 'H1') {
      const heading = element.textContent ?? '';
      archived = /archive|read\b/i.test(heading) && !/unread/i.test(heading);
      continue;
    }
    row++;
    const href = attributeOf(element, 'href');
    if (!href?.trim()) {
      yield problemEvent(row, input.file, 'link without an address');
      continue;
    }
    const link = blankLink(row, href, input.file);
    link.title = titleOf(element.textContent);
    link.tags = cleanTags(attributeOf(element, 'tags') ?? '');
    link.savedAt = savedDate(attributeOf(element, 'time_added'));
    link.archived = archived;
    yield linkOrProblem(link);
  }
  if (row === 0) yield problemEvent(0, input.file, 'no links found in this Pocket export');
}

/** annotations/part_*.json: `[{url, title, highlights: [{quote, created_at}]}]`. */
async function* readAnnotations(input: ImportInput, into: Annotations): AsyncGenerator<ImportEvent> {
  let data: unknown;
  try {
    data = JSON.parse(await readText(input, MAX_ANNOTATIONS));
  } catch (error) {
    yield problemEvent(0, input.file, `these highlights could not be read (${(error as Error).message})`);
    return;
  }
  if (!Array.isArray(data)) {
    yield problemEvent(0, input.file, 'expected a list of highlighted articles');
    return;
  }
  for (const [index, item] of data.entries()) {
    const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const url = text(record.url, 8_000);
    if (!url) {
      yield problemEvent(index + 1, input.file, 'highlights without the address of their article');
      continue;
    }
    const highlights = (Array.isArray(record.highlights) ? record.highlights : [])
      .map((h) => (h && typeof h === 'object' ? highlightOf((h as Record<string, unknown>).quote, { createdAt: (h as Record<string, unknown>).created_at }) : null))
      .filter((h): h is ImportedHighlight => h !== null);
    const entry = into.get(url) ?? { row: index + 1, file: input.file, title: titleOf(record.title), highlights: [] };
    entry.highlights.push(...highlights);
    into.set(url, entry);
  }
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export async function* readPocketZip(zip: ZipArchive): AsyncGenerator<ImportEvent> {
  const annotations: Annotations = new Map();
  // The zip lists the CSVs first; the highlights are read first to go with their links.
  for (const entry of zip.entries.filter((e) => /(^|\/)annotations\/[^/]*\.json$/i.test(e.name)).sort(byName)) {
    yield* readAnnotations(zip.input(entry), annotations);
  }
  const parts = zip.entries.filter((e) => /\.csv$/i.test(e.name)).sort(byName);
  if (parts.length === 0) yield problemEvent(0, null, 'no part_*.csv list of links in this Pocket zip');
  for (const entry of parts) yield* readPocketCsv(zip.input(entry), annotations);
  // Highlights on articles the lists do not have: the article comes in with them.
  for (const [url, found] of annotations) {
    const link: ImportedLink = { ...blankLink(found.row, url, found.file), title: found.title, highlights: found.highlights };
    yield linkOrProblem(link);
  }
}
