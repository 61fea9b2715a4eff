// Reads the export files of the readers people move from: Pocket (HTML and CSV), Instapaper
// (CSV), wallabag and Omnivore (JSON), or a plain list of URLs. Rows it cannot read become
// problems with a reason; everything else comes through.
import { parseHTML } from 'linkedom';
import { cleanTags, savedDate, truthy, type ImportedLink, type ImportProblem, type ParsedImport } from './imported-link.ts';
import { parseCsv } from './parse-csv.ts';

const link = (row: number, url: string, extra: Partial<ImportedLink> = {}): ImportedLink => ({
  row,
  url: url.trim(),
  title: extra.title?.trim() || null,
  tags: extra.tags ?? [],
  archived: extra.archived ?? false,
  starred: extra.starred ?? false,
  savedAt: extra.savedAt ?? null,
});

export function parseExport(text: string): ParsedImport {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return parseJson(start);
  if (/^<(!doctype|html|ul|h1|title|head|body)/i.test(start)) return parsePocketHtml(start);
  const firstLine = start.split(/\r?\n/, 1)[0]?.toLowerCase() ?? '';
  if (firstLine.includes(',') && /\burl\b/.test(firstLine)) return parseCsvExport(start);
  return parseUrlList(start);
}

function parsePocketHtml(html: string): ParsedImport {
  const { document } = parseHTML(html);
  const links: ImportedLink[] = [];
  const problems: ImportProblem[] = [];
  let archived = false;
  let row = 0;
  // Pocket lists unread links under <h1>Unread</h1> and the rest under <h1>Read Archive</h1>.
  for (const element of document.querySelectorAll('h1, a')) {
    if (element.tagName === 'H1') {
      archived = /archive|read\b/i.test(element.textContent ?? '') && !/unread/i.test(element.textContent ?? '');
      continue;
    }
    row++;
    const href = element.getAttribute('href');
    if (!href) problems.push({ row, reason: 'link without an address' });
    else links.push(link(row, href, { title: element.textContent ?? '', tags: cleanTags(element.getAttribute('tags') ?? ''), archived, savedAt: savedDate(element.getAttribute('time_added')) }));
  }
  return { format: 'pocket-html', links, problems };
}

function parseCsvExport(text: string): ParsedImport {
  const { rows: [header, ...rows], unclosedQuoteLine } = parseCsv(text);
  const names = (header?.fields ?? []).map((f) => f.trim().toLowerCase());
  const column = (name: string) => names.indexOf(name);
  const url = column('url');
  const title = column('title');
  const folder = column('folder');
  const status = column('status');
  const tags = column('tags');
  // Pocket writes time_added, Instapaper Timestamp: Unix seconds both.
  const time = column('time_added') >= 0 ? column('time_added') : column('timestamp');
  const links: ImportedLink[] = [];
  const problems: ImportProblem[] = [];
  if (unclosedQuoteLine !== null) {
    problems.push({ row: unclosedQuoteLine, reason: 'a quote opened here is never closed; the rest of the file was not read' });
  }
  for (const { line, fields } of rows) {
    const address = fields[url]?.trim();
    if (!address) {
      problems.push({ row: line, reason: 'no URL in this row' });
      continue;
    }
    // Instapaper: Folder is Unread, Archive, Starred or a folder of the user's (kept as a tag).
    const place = folder >= 0 ? (fields[folder] ?? '').trim() : '';
    const state = status >= 0 ? (fields[status] ?? '').trim().toLowerCase() : '';
    const folderTag = place && !/^(unread|archive|starred)$/i.test(place) ? [place] : [];
    links.push(
      link(line, address, {
        title: title >= 0 ? fields[title] ?? '' : '',
        tags: cleanTags([...cleanTags(tags >= 0 ? fields[tags] ?? '' : ''), ...folderTag]),
        archived: /^archive$/i.test(place) || state === 'archive' || state === 'archived',
        starred: /^starred$/i.test(place),
        savedAt: time >= 0 ? savedDate(fields[time]) : null,
      }),
    );
  }
  return { format: folder >= 0 ? 'instapaper-csv' : 'pocket-csv', links, problems };
}

function parseJson(text: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { format: 'json', links: [], problems: [{ row: 0, reason: `not valid JSON (${(error as Error).message})` }] };
  }
  const items = Array.isArray(data) ? data : Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : null;
  if (!items) return { format: 'json', links: [], problems: [{ row: 0, reason: 'expected a list of saved items' }] };
  const links: ImportedLink[] = [];
  const problems: ImportProblem[] = [];
  items.forEach((item, index) => {
    const row = index + 1;
    const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : null;
    const url = record?.url ?? record?.originalArticleUrl ?? record?.given_url;
    if (typeof url !== 'string' || !url.trim()) {
      problems.push({ row, reason: 'no URL in this item' });
      return;
    }
    // wallabag: is_archived/is_starred/tags[{label}]; Omnivore: state/labels; both have title.
    const rawTags = (record!.tags ?? record!.labels ?? []) as unknown;
    const tagNames = Array.isArray(rawTags) ? rawTags.map((t) => (t && typeof t === 'object' ? (t as { label?: unknown; name?: unknown }).label ?? (t as { name?: unknown }).name : t)) : rawTags;
    links.push(
      link(row, url, {
        title: typeof record!.title === 'string' ? record!.title : '',
        tags: cleanTags(tagNames),
        archived: truthy(record!.is_archived) || truthy(record!.archived) || /^archived$/i.test(String(record!.state ?? '')),
        starred: truthy(record!.is_starred) || truthy(record!.starred) || truthy(record!.favorite),
        // wallabag: created_at; Omnivore: savedAt.
        savedAt: savedDate(record!.savedAt ?? record!.created_at ?? record!.createdAt),
      }),
    );
  });
  return { format: 'json', links, problems };
}

function parseUrlList(text: string): ParsedImport {
  const links: ImportedLink[] = [];
  const problems: ImportProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (/^\S+$/.test(line)) links.push(link(index + 1, line));
    else problems.push({ row: index + 1, reason: 'not a URL' });
  });
  return { format: 'url-list', links, problems };
}
