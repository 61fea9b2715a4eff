// Omnivore's export zip: metadata_<from>_to_<to>.json (arrays of saved items), the article as
// content/<slug>.html and its highlights as highlights/<slug>.md. A lone metadata file imports
// too, without the pages.
import {
  blankLink, cleanTags, fraction, highlightOf, linkOrProblem, problemEvent, readText, savedDate, text, titleOf,
  type ImportedHighlight, type ImportEvent, type ImportInput,
} from '../imported-link.ts';
import type { ZipArchive, ZipEntry } from '../zip-entries.ts';

const MAX_JSON = 200 * 1_048_576;
const MAX_PAGE = 50 * 1_048_576;

/** highlights/<slug>.md: each `> quote` block is a highlight; the lines after it, its note. */
export function markdownHighlights(markdown: string): ImportedHighlight[] {
  const blocks: Array<{ quote: string[]; note: string[] }> = [];
  let current: { quote: string[]; note: string[] } | null = null;
  let gap = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*>/.test(line)) {
      if (!current || current.note.length || gap) blocks.push((current = { quote: [], note: [] }));
      current.quote.push(line.replace(/^\s*>\s?/, ''));
      gap = false;
    } else if (!line.trim()) {
      gap = true;
      if (current?.note.length) current.note.push('');
    } else if (current) current.note.push(line.trim());
  }
  return blocks
    .map((block) => highlightOf(block.quote.join('\n'), { note: block.note.join('\n') }))
    .filter((h): h is ImportedHighlight => h !== null);
}

const labelsOf = (raw: unknown): string[] =>
  cleanTags(Array.isArray(raw) ? raw.map((l) => (l && typeof l === 'object' ? (l as { name?: unknown }).name : l)) : raw);

interface Pages {
  html(slug: string): Promise<string | null>;
  highlights(slug: string): Promise<ImportedHighlight[]>;
}

async function* readItems(input: ImportInput, pages: Pages | null): AsyncGenerator<ImportEvent> {
  let data: unknown;
  try {
    data = JSON.parse(await readText(input, MAX_JSON));
  } catch (error) {
    yield problemEvent(0, input.file, `not valid Omnivore metadata (${(error as Error).message})`);
    return;
  }
  if (!Array.isArray(data)) {
    yield problemEvent(0, input.file, 'expected a list of saved items');
    return;
  }
  for (const [index, item] of data.entries()) {
    const row = index + 1;
    const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const url = text(record.url, 8_000);
    if (!url) {
      yield problemEvent(row, input.file, 'no URL in this item');
      continue;
    }
    if (/^deleted$/i.test(String(record.state ?? ''))) {
      yield problemEvent(row, input.file, 'deleted in Omnivore; skipped');
      continue;
    }
    const link = blankLink(row, url, input.file);
    link.title = titleOf(record.title);
    link.tags = labelsOf(record.labels);
    link.archived = /^archived$/i.test(String(record.state ?? ''));
    link.savedAt = savedDate(record.savedAt);
    link.progress = fraction(record.readingProgress, true);
    const slug = text(record.slug, 500);
    if (pages && slug) {
      try {
        const html = (await pages.html(slug))?.trim();
        if (html) {
          link.content = {
            html,
            text: null,
            byline: text(record.author),
            siteName: text(record.siteName),
            excerpt: text(record.description, 2_000),
            publishedAt: savedDate(record.publishedAt),
            lang: text(record.language, 20),
            wordCount: typeof record.wordsCount === 'number' && record.wordsCount >= 0 ? Math.round(record.wordsCount) : null,
          };
        }
        link.highlights = await pages.highlights(slug);
      } catch (error) {
        // A damaged or oversized page: the link still comes in, and is fetched instead.
        yield problemEvent(row, input.file, `its saved page could not be read (${(error as Error).message})`);
      }
    }
    yield linkOrProblem(link);
  }
}

export const readOmnivoreJson = (input: ImportInput): AsyncGenerator<ImportEvent> => readItems(input, null);

const rangeStart = (entry: ZipEntry): number => Number(/metadata_(\d+)_to_/i.exec(entry.name)?.[1] ?? 0);

export async function* readOmnivoreZip(zip: ZipArchive): AsyncGenerator<ImportEvent> {
  const byName = new Map(zip.entries.map((entry) => [entry.name, entry]));
  const metadata = zip.entries.filter((e) => /(^|\/)metadata_\d+_to_\d+\.json$/i.test(e.name)).sort((a, b) => rangeStart(a) - rangeStart(b));
  if (metadata.length === 0) yield problemEvent(0, null, 'no metadata_*.json in this Omnivore zip');
  for (const entry of metadata) {
    // content/ and highlights/ sit beside the metadata files, wherever the zip put them.
    const folder = entry.name.slice(0, entry.name.lastIndexOf('/') + 1);
    const read = async (name: string, max: number): Promise<string | null> => {
      const found = byName.get(name);
      return found ? readText(zip.input(found), max) : null;
    };
    yield* readItems(zip.input(entry), {
      html: (slug) => read(`${folder}content/${slug}.html`, MAX_PAGE),
      highlights: async (slug) => markdownHighlights((await read(`${folder}highlights/${slug}.md`, MAX_PAGE)) ?? ''),
    });
  }
}
