// Feed subscriptions from OPML, as every feed reader exports them; read by the feed layer's
// OPML reader (nested folders kept as "Tech/Rust"), each feed or problem with its outline's row.
import { opmlEntries } from '../../feeds/opml.ts';
import { problemEvent, readText, type ImportEvent, type ImportInput } from '../imported-link.ts';

const MAX_OPML = 50 * 1_048_576;

export async function* readOpml(input: ImportInput): AsyncGenerator<ImportEvent> {
  let text: string;
  try {
    text = await readText(input, MAX_OPML);
  } catch (error) {
    yield problemEvent(0, input.file, `not a readable OPML file (${(error as Error).message})`);
    return;
  }
  for (const entry of opmlEntries(text)) {
    if ('reason' in entry) yield problemEvent(entry.row, input.file, entry.reason);
    else yield { kind: 'feed', feed: { row: entry.row, ...entry.feed } };
  }
}
