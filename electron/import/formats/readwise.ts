// Readwise, two CSVs: Reader's library (`Title,URL,ID,Document tags,Saved date,Reading
// progress,Location,Seen`) and the highlights export (`Highlight,Book Title,...`), whose rows
// are highlights: those of one document become one link.
import { csvTable, type CsvRecord } from '../csv-records.ts';
import {
  blankLink, cleanTags, fraction, highlightOf, linkOrProblem, problemEvent, savedDate, titleOf,
  type ImportedLink, type ImportEvent, type ImportInput,
} from '../imported-link.ts';

/** Document tags as Reader writes them: a Python list `['a', 'b']`, JSON, or "a, b". */
export function listField(raw: string): string[] {
  const value = raw.trim();
  if (!value.startsWith('[')) return cleanTags(value);
  try {
    return cleanTags(JSON.parse(value));
  } catch {
    const quoted = [...value.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
    return cleanTags(quoted.length ? quoted : value.slice(1, -1));
  }
}

function documentLink(record: CsvRecord, file: string | null): ImportEvent {
  const link = blankLink(record.line, record.get('url'), file);
  const location = record.get('location').toLowerCase();
  link.title = titleOf(record.get('title'));
  link.tags = listField(record.get('document tags'));
  link.savedAt = savedDate(record.get('saved date'));
  link.progress = fraction(record.get('reading progress'));
  // new / later / shortlist / archive; the shortlist is Reader's favourites.
  link.archived = location === 'archive';
  link.starred = location === 'shortlist';
  if (location === 'feed') return problemEvent(record.line, file, 'an unsaved item of a feed in Reader; skipped');
  return linkOrProblem(link);
}

export async function* readReadwise(input: ImportInput): AsyncGenerator<ImportEvent> {
  // Highlights grouped by document, emitted once the file is read (a document's rows need not
  // be together); bounded by the file itself.
  const documents = new Map<string, ImportedLink>();
  for await (const record of csvTable(input, ['url', 'highlight'], 'Readwise')) {
    if (!('get' in record)) {
      yield { kind: 'problem', problem: record };
      continue;
    }
    if (!record.has('highlight')) {
      yield documentLink(record, input.file);
      continue;
    }
    const url = record.get('url', 'source url', 'book url');
    const highlight = highlightOf(record.get('highlight'), {
      note: record.get('note'),
      color: record.get('color'),
      createdAt: record.get('highlighted at'),
    });
    if (!url) {
      yield problemEvent(record.line, input.file, 'no URL');
      continue;
    }
    if (!highlight) {
      yield problemEvent(record.line, input.file, 'a highlight with no text');
      continue;
    }
    let link = documents.get(url);
    if (!link) {
      link = blankLink(record.line, url, input.file);
      link.title = titleOf(record.get('book title', 'title'));
      link.tags = listField(record.get('document tags'));
      documents.set(url, link);
    }
    link.highlights.push(highlight);
  }
  for (const link of documents.values()) yield linkOrProblem(link);
}
