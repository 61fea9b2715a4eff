// A small HTML → Markdown converter for exporting articles: headings, paragraphs, links,
// emphasis, lists (nested), images, code (inline and blocks), quotes, rules and line breaks.
// Anything else contributes its text. Input is the already-sanitised article HTML; it is
// parsed inert (DOMParser runs no script and loads nothing).

const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'DETAILS', 'SUMMARY', 'DL']);

/** Escapes characters that would otherwise start Markdown syntax in running text. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/^(\s*)([#>+-]|\d+\.)(?=\s)/gm, '$1\\$2');
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');
const urlOf = (value: string | null) => (value ?? '').replace(/[()\s]/g, (c) => encodeURIComponent(c));

function inline(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return escapeText(collapse(node.textContent ?? ''));
  if (!(node instanceof Element)) return '';
  const inner = () => Array.from(node.childNodes, inline).join('');
  switch (node.tagName) {
    case 'STRONG':
    case 'B': {
      const text = inner().trim();
      return text ? `**${text}**` : '';
    }
    case 'EM':
    case 'I': {
      const text = inner().trim();
      return text ? `*${text}*` : '';
    }
    case 'CODE': {
      const text = node.textContent ?? '';
      const fence = text.includes('`') ? '``' : '`';
      return `${fence}${text}${fence}`;
    }
    case 'A': {
      const text = inner().trim();
      const href = node.getAttribute('href');
      return href ? `[${text || href}](${urlOf(href)})` : text;
    }
    case 'IMG':
      return `![${escapeText(node.getAttribute('alt') ?? '')}](${urlOf(node.getAttribute('src'))})`;
    case 'BR':
      return '  \n';
    default:
      return inner();
  }
}

function list(element: Element): string {
  const ordered = element.tagName === 'OL';
  let n = Number(element.getAttribute('start') ?? 1) || 1;
  const items: string[] = [];
  for (const child of Array.from(element.children)) {
    if (child.tagName !== 'LI') continue;
    const marker = ordered ? `${n++}.` : '-';
    const body = blocks(child).trim();
    const pad = ' '.repeat(marker.length + 1);
    // Continuation lines (and nested lists) line up under the item's text.
    items.push(`${marker} ${body.split('\n').join(`\n${pad}`)}`);
  }
  return items.join('\n');
}

/** Converts children into Markdown blocks separated by blank lines. */
function blocks(parent: Node): string {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    if (run.trim()) out.push(run.trim());
    run = '';
  };
  for (const node of Array.from(parent.childNodes)) {
    if (!(node instanceof Element) || !isBlock(node)) {
      run += inline(node);
      continue;
    }
    flush();
    const tag = node.tagName;
    if (/^H[1-6]$/.test(tag)) out.push(`${'#'.repeat(Number(tag[1]))} ${inline(node).trim()}`);
    else if (tag === 'UL' || tag === 'OL') out.push(list(node));
    else if (tag === 'PRE') {
      const text = (node.textContent ?? '').replace(/\n$/, '');
      const fence = text.includes('```') ? '````' : '```';
      out.push(`${fence}\n${text}\n${fence}`);
    } else if (tag === 'BLOCKQUOTE') {
      out.push(blocks(node).split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n'));
    } else if (tag === 'HR') out.push('---');
    else {
      const text = BLOCKS.has(tag) && !hasBlockChild(node) ? inline(node).trim() : blocks(node);
      if (text) out.push(text);
    }
  }
  flush();
  return out.join('\n\n');
}

const BLOCK_TAGS = new Set([...BLOCKS, 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'HR', 'LI', 'TR', 'TBODY', 'THEAD']);
const isBlock = (el: Element) => BLOCK_TAGS.has(el.tagName);
const hasBlockChild = (el: Element) => Array.from(el.children).some(isBlock);

export function htmlToMarkdown(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return `${blocks(doc.body).replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
