// A text/plain page as an article: prose becomes paragraphs (hard-wrapped lines rejoined),
// anything laid out with spaces (code, tables, ASCII art) stays in <pre>.

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Lines indented or aligned with runs of spaces mean the layout carries meaning. */
function looksPreformatted(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return false;
  const laidOut = lines.filter((line) => /^(?: {2,}|\t)|\S {3,}\S|\t/.test(line)).length;
  return laidOut / lines.length > 0.2;
}

export function textToArticleHtml(raw: string): { html: string; text: string; title: string | null } {
  const text = raw.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const firstLine = text.split('\n').find((line) => line.trim() !== '')?.trim() ?? null;
  const title = firstLine && firstLine.length <= 120 ? firstLine : null;
  if (looksPreformatted(text)) {
    const trimmed = text.replace(/^\n+|\s+$/g, '');
    return { html: `<pre>${escapeHtml(trimmed)}</pre>`, text: trimmed, title };
  }
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()).join(' ').trim())
    .filter(Boolean);
  return { html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'), text: paragraphs.join('\n\n'), title };
}
