// Subscriptions in and out as OPML, the format every feed reader imports and exports. An outline
// with an xmlUrl is a feed; outlines around feeds are folders ("Tech/Rust" when nested).
import { XMLParser } from 'fast-xml-parser';
import { decodeEntities, plainText, webUrl } from './feed-values.ts';

export interface OpmlFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  folder: string | null;
}

export interface OpmlProblem {
  /** 1-based position of the outline among all outlines in the file; 0 for the file itself. */
  row: number;
  reason: string;
}

type Node = Record<string, unknown>;

const MAX_DEPTH = 64;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => name.toLowerCase() === 'outline',
  // References are decoded below, where HTML's names (&eacute;) are known too.
  processEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** A child or attribute whatever its case (readers write xmlUrl, xmlurl, XMLURL; OPML, opml). */
function field(node: Node, name: string): unknown {
  const key = Object.keys(node).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : node[key];
}

function attribute(node: Node, name: string): string | undefined {
  const value = field(node, `@_${name}`);
  return typeof value === 'string' ? decodeEntities(value) : undefined;
}

function outlines(node: unknown): Node[] {
  const list = node && typeof node === 'object' ? field(node as Node, 'outline') : undefined;
  return (Array.isArray(list) ? list : list === undefined ? [] : [list]).filter((o): o is Node => !!o && typeof o === 'object');
}

/** An old reader's feed:// (or feed:https://) address as the web address it stands for. */
const unfeed = (url: string): string => url.replace(/^feed:(?:\/\/)?(?=https?:)/i, '').replace(/^feed:\/\//i, 'http://');

function xmlUrlProblem(raw: string): { url: string } | { reason: string } {
  const value = raw.trim();
  if (!value) return { reason: 'a feed outline with an empty xmlUrl' };
  const url = webUrl(unfeed(value), null);
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return url ? { url } : { reason: `“${shown}” is not a feed address (only http and https addresses can be subscribed to)` };
}

function readBody(text: string): { body: Node } | { problem: string } {
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch {
    return { problem: 'not an OPML file: its XML is broken' };
  }
  const opml = doc && typeof doc === 'object' ? field(doc, 'opml') : undefined;
  const body = opml && typeof opml === 'object' && !Array.isArray(opml) ? field(opml as Node, 'body') : undefined;
  if (body === undefined || Array.isArray(body)) return { problem: 'not an OPML file: no <opml><body>' };
  // An empty <body></body> comes back as "": a file with no feeds, not a file that is not OPML.
  return { body: body && typeof body === 'object' ? (body as Node) : {} };
}

/** Each outline that is a feed, or a problem, with its row: what an import reports by. */
export type OpmlEntry = { row: number; feed: OpmlFeed } | { row: number; reason: string };

export function opmlEntries(text: string): OpmlEntry[] {
  const read = readBody(typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '');
  if ('problem' in read) return [{ row: 0, reason: read.problem }];
  const entries: OpmlEntry[] = [];
  let row = 0;
  // Depth-first in file order, without recursion: a hostile file can nest thousands deep.
  const stack: Array<{ nodes: Node[]; index: number; folder: string[] }> = [{ nodes: outlines(read.body), index: 0, folder: [] }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const node = top.nodes[top.index++];
    if (!node) {
      stack.pop();
      continue;
    }
    row++;
    const xmlUrl = attribute(node, 'xmlUrl');
    const text = plainText(attribute(node, 'text'), false);
    const title = plainText(attribute(node, 'title'), false) ?? text;
    if (xmlUrl === undefined) {
      if (stack.length < MAX_DEPTH) stack.push({ nodes: outlines(node), index: 0, folder: title ? [...top.folder, title] : top.folder });
      continue;
    }
    const checked = xmlUrlProblem(xmlUrl);
    if ('reason' in checked) {
      entries.push({ row, reason: checked.reason });
      continue;
    }
    // We write a feed with no title as text="its address": that is no title.
    const ownTitle = title === checked.url || title === xmlUrl ? null : title;
    entries.push({ row, feed: { url: checked.url, title: ownTitle, siteUrl: webUrl(attribute(node, 'htmlUrl'), null), folder: top.folder.length ? top.folder.join('/') : null } });
  }
  if (entries.length === 0) entries.push({ row: 0, reason: 'no feeds (outlines with an xmlUrl) in this OPML file' });
  return entries;
}

export function parseOpml(text: string): { feeds: OpmlFeed[]; problems: OpmlProblem[] } {
  const entries = opmlEntries(text);
  return {
    feeds: entries.flatMap((e) => ('feed' in e ? [e.feed] : [])),
    problems: entries.flatMap((e) => ('reason' in e ? [{ row: e.row, reason: e.reason }] : [])),
  };
}

// --- Writing ----------------------------------------------------------------------------------

// XML 1.0 cannot carry most control characters or lone surrogates, even escaped.
// eslint-disable-next-line no-control-regex -- matching them is the point
const UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for a double-quoted attribute: markup escaped, and line breaks kept as references. */
const escapeAttribute = (value: string): string =>
  value
    .replace(UNWRITABLE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');

const attributes = (pairs: Array<[string, string | null]>): string =>
  pairs.filter((pair): pair is [string, string] => pair[1] !== null).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');

interface Folder {
  name: string;
  feeds: OpmlFeed[];
  folders: Map<string, Folder>;
}

const folderPath = (folder: string | null): string[] => (folder ?? '').split('/').map((part) => part.trim()).filter(Boolean);

function writeFolder(folder: Folder, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  for (const feed of folder.feeds) {
    const title = feed.title?.trim() || null;
    lines.push(`${indent}<outline${attributes([['type', 'rss'], ['text', title ?? feed.url], ['title', title], ['xmlUrl', feed.url], ['htmlUrl', feed.siteUrl]])}/>`);
  }
  for (const child of folder.folders.values()) {
    lines.push(`${indent}<outline${attributes([['text', child.name], ['title', child.name]])}>`);
    writeFolder(child, depth + 1, lines);
    lines.push(`${indent}</outline>`);
  }
}

export function writeOpml(feeds: OpmlFeed[], title = 'Lectern subscriptions'): string {
  const root: Folder = { name: '', feeds: [], folders: new Map() };
  for (const feed of feeds) {
    let folder = root;
    for (const name of folderPath(feed.folder)) {
      let child = folder.folders.get(name);
      if (!child) folder.folders.set(name, (child = { name, feeds: [], folders: new Map() }));
      folder = child;
    }
    folder.feeds.push(feed);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeAttribute(title)}</title>`,
    `    <dateCreated>${new Date().toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  writeFolder(root, 2, lines);
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
