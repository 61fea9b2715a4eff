// Instapaper's CSV: `URL,Title,Selection,Folder,Timestamp`, newer exports adding `Tags` as a
// JSON array in one field. Folder is Unread, Archive, Starred or a folder of the user's.
import { csvTable } from '../csv-records.ts';
import { blankLink, cleanTags, linkOrProblem, MAX_NOTE, savedDate, text, titleOf, type ImportEvent, type ImportInput } from '../imported-link.ts';

/** `["a","b"]` as Instapaper writes it; plain "a,b" too. */
function tagsField(raw: string): string[] {
  if (raw.startsWith('[')) {
    try {
      return cleanTags(JSON.parse(raw));
    } catch {
      // Not JSON after all: read it as a list.
    }
  }
  return cleanTags(raw.replace(/^\[|\]$/g, '').replace(/"/g, ''));
}

export async function* readInstapaper(input: ImportInput): AsyncGenerator<ImportEvent> {
  for await (const record of csvTable(input, ['url'], 'Instapaper')) {
    if (!('get' in record)) {
      yield { kind: 'problem', problem: record };
      continue;
    }
    const link = blankLink(record.line, record.get('url'), input.file);
    const folder = record.get('folder');
    link.title = titleOf(record.get('title'));
    // The selection is what the reader highlighted when saving: kept as the note.
    link.note = text(record.get('selection'), MAX_NOTE);
    link.savedAt = savedDate(record.get('timestamp'));
    link.archived = /^archive$/i.test(folder);
    link.starred = /^starred$/i.test(folder);
    const folderTag = folder && !/^(unread|archive|starred)$/i.test(folder) ? [folder] : [];
    link.tags = cleanTags([...tagsField(record.get('tags')), ...folderTag]);
    yield linkOrProblem(link);
  }
}
