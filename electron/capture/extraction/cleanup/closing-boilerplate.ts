import { normalizeSpace } from './boilerplate.ts';
import { shortTextOf } from '../dom-walk.ts';

// What a press release (and many company blogs) put after the story: the "About <Company>"
// boilerplate, the media contact and the wire's "SOURCE <Company>" line. They describe the
// sender, not the news. Only a closing section goes: the label must come after some prose, and
// nothing but more such sections (and the wire's logo) may follow it.

const CLOSING_LABEL = new RegExp(
  '^(?:' +
    [
      "about [\\p{L}\\p{N}&.,' -]{1,60}", '(?:media|press|investor|news)(?: relations)? (?:contacts?|inquiries|enquiries)', 'contacts?', 'for (?:further|more) information', 'for media inquiries',
      // German, French, Spanish ("Über uns" is left out: it heads real "about us" pages)
      '(?:presse)?kontakt(?:e|person)?', 'ansprechpartner(?:in|innen)?(?: zum thema| für die presse| für (?:rückfragen|medien))?', 'pressekontakt', 'medienkontakt', 'für rückfragen',
      'weitere informationen', 'zusatzinformationen', 'mehr informationen', 'contacts? (?:presse|médias)', "pour plus d'informations", 'contacto(?: de prensa)?', 'para más información',
    ].join('|') +
    ')\\s*:?$',
  'iu',
);
// "About Northwind Grid", "About the company": a name follows, not a sentence ("About time").
const ABOUT_NAME = /^about (?:the |us\b|\p{Lu})/u;
const SOURCE_LINE = /^SOURCE\s+\S/;
const LABEL_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6', 'P']);
const MIN_PROSE_BEFORE = 3;

/** A heading, or a paragraph whose text is all one bold label that opens the paragraph. */
function closingLabel(block: Element): boolean {
  const tag = block.tagName.toUpperCase();
  if (!LABEL_TAGS.has(tag)) return false;
  const lead = tag === 'P' ? block.firstElementChild : block;
  if (!lead || (tag === 'P' && !/^(?:B|STRONG)$/.test(lead.tagName.toUpperCase()))) return false;
  const text = shortTextOf(lead, 80);
  const label = normalizeSpace(text ?? '');
  if (text === null || !CLOSING_LABEL.test(label) || (/^about /i.test(label) && !ABOUT_NAME.test(`a${label.slice(1)}`))) return false;
  // The label opens its paragraph ("<b>Media contact</b><br>Priya Raman…").
  return tag !== 'P' || normalizeSpace(block.textContent ?? '').startsWith(normalizeSpace(text));
}

const isSourceLine = (block: Element): boolean => {
  const text = shortTextOf(block, 80);
  return text !== null && SOURCE_LINE.test(normalizeSpace(text));
};

/** Removes the closing boilerplate section of the article in `root`, if it has one. */
export function removeClosingBoilerplate(root: Element): void {
  const blocks = [...root.querySelectorAll('p, h2, h3, h4, h5, h6')];
  const at = blocks.findIndex(closingLabel);
  const label = blocks[at];
  if (!label?.parentElement) return;
  const prose = blocks.slice(0, at).filter((p) => p.tagName.toUpperCase() === 'P' && (p.textContent ?? '').length > 100).length;
  if (prose < MIN_PROSE_BEFORE) return;
  const following: Element[] = [];
  for (let next = label.nextElementSibling; next; next = next.nextElementSibling) {
    // Another section with a heading of its own is more article: leave everything.
    if (/^H[1-6]$/.test(next.tagName.toUpperCase()) && !closingLabel(next)) return;
    following.push(next);
  }
  for (const element of [label, ...following]) element.remove();
  for (const p of root.querySelectorAll('p')) if (isSourceLine(p)) p.remove();
}
