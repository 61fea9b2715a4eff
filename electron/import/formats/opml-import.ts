// Feed subscriptions from OPML, as every feed reader exports them: an outline with an xmlUrl
// is a feed; an outline around feeds is a folder (the innermost one is kept).
import { XMLParser } from 'fast-xml-parser';
import { addressProblem, problemEvent, readText, text, titleOf, type ImportEvent, type ImportInput } from '../imported-link.ts';

const MAX_OPML = 50 * 1_048_576;

type Node = Record<string, unknown>;

/** An outline's attribute, whatever its case (readers write xmlUrl, xmlurl, XMLURL). */
function attribute(node: Node, name: string): unknown {
  const key = Object.keys(node).find((k) => k.toLowerCase() === `@_${name.toLowerCase()}`);
  return key === undefined ? undefined : node[key];
}

const outlines = (node: unknown): Node[] => {
  const list = node && typeof node === 'object' ? (node as Node).outline : undefined;
  return (Array.isArray(list) ? list : list === undefined ? [] : [list]).filter((o): o is Node => !!o && typeof o === 'object');
};

export async function* readOpml(input: ImportInput): AsyncGenerator<ImportEvent> {
  let body: unknown;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      isArray: (name) => name === 'outline',
      htmlEntities: true,
      parseAttributeValue: false,
      parseTagValue: false,
      processEntities: true,
    });
    const doc = parser.parse(await readText(input, MAX_OPML)) as Node;
    const opml = Object.entries(doc).find(([name]) => name.toLowerCase() === 'opml')?.[1] as Node | undefined;
    body = opml && typeof opml === 'object' ? Object.entries(opml).find(([name]) => name.toLowerCase() === 'body')?.[1] : undefined;
  } catch (error) {
    yield problemEvent(0, input.file, `not valid OPML (${(error as Error).message})`);
    return;
  }
  if (!body || typeof body !== 'object') {
    yield problemEvent(0, input.file, 'not an OPML file: no <opml><body>');
    return;
  }
  let row = 0;
  // Depth-first in file order; folders keep their own title for the feeds inside them.
  const stack: Array<{ nodes: Node[]; index: number; folder: string | null }> = [{ nodes: outlines(body), index: 0, folder: null }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const node = top.nodes[top.index++];
    if (!node) {
      stack.pop();
      continue;
    }
    const xmlUrl = attribute(node, 'xmlUrl');
    const title = titleOf(attribute(node, 'title')) ?? titleOf(attribute(node, 'text'));
    if (xmlUrl === undefined) {
      if (stack.length < 64) stack.push({ nodes: outlines(node), index: 0, folder: title ?? top.folder });
      continue;
    }
    row++;
    const url = typeof xmlUrl === 'string' ? xmlUrl.trim() : '';
    const problem = url ? addressProblem(url) : 'a feed outline with an empty xmlUrl';
    if (problem) {
      yield problemEvent(row, input.file, problem);
      continue;
    }
    const siteUrl = text(attribute(node, 'htmlUrl'), 8_000);
    yield { kind: 'feed', feed: { row, url, title, siteUrl: siteUrl && !addressProblem(siteUrl) ? siteUrl : null, folder: top.folder } };
  }
  if (row === 0) yield problemEvent(0, input.file, 'no feeds (outlines with an xmlUrl) in this OPML file');
}
