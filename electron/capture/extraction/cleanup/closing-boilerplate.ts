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
    ].join('|') +
    ')\\s*:?$',
  'iu',
);
// The same in German, French and Spanish ("Über uns" is left out: it heads real "about us"
// pages). Words as common as "Kontakt" also head real sections, so these close the article
// only when what follows them is as short as a contact block.
const CONTACT_LABEL = new RegExp(
  '^(?:' +
    [
      '(?:presse)?kontakt(?:e|person)?', 'ansprechpartner(?:in|innen)?(?: zum thema| für die presse| für (?:rückfragen|medien))?', 'pressekontakt', 'medienkontakt', 'für rückfragen',
      'weitere informationen', 'zusatzinformationen', 'mehr informationen', 'contacts? (?:presse|médias)', "pour plus d'informations", 'contacto(?: de prensa)?', 'para más información',
    ].join('|') +
    ')\\s*:?$',
  'iu',
);
const MAX_CONTACT_BLOCK = 600;
// "About Northwind Grid", "About the company": a name follows, not a sentence ("About time").
const ABOUT_NAME = /^about (?:the |us\b|\p{Lu})/u;
const SOURCE_LINE = /^SOURCE\s+\S/;
const LABEL_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6', 'P']);
const MIN_PROSE_BEFORE = 3;

type LabelKind = 'closing' | 'contact' | null;

/** A heading, or a paragraph whose text is all one bold label that opens the paragraph. */
function closingLabel(block: Element): LabelKind {
  const tag = block.tagName.toUpperCase();
  if (!LABEL_TAGS.has(tag)) return null;
  const lead = tag === 'P' ? block.firstElementChild : block;
  if (!lead || (tag === 'P' && !/^(?:B|STRONG)$/.test(lead.tagName.toUpperCase()))) return null;
  const text = shortTextOf(lead, 80);
  const label = normalizeSpace(text ?? '');
  if (text === null) return null;
  const kind: LabelKind = CLOSING_LABEL.test(label) ? 'closing' : CONTACT_LABEL.test(label) ? 'contact' : null;
  if (!kind || (/^about /i.test(label) && !ABOUT_NAME.test(`a${label.slice(1)}`))) return null;
  if (tag !== 'P') return kind;
  // The label opens its paragraph ("<b>Media contact</b><br>Priya Raman…"); a word such as
  // "Kontakt" must stand alone there, not open a sentence ("<b>Kontakt</b> zu den Behörden …").
  const paragraph = normalizeSpace(block.textContent ?? '');
  if (!paragraph.startsWith(normalizeSpace(text))) return null;
  return kind === 'closing' || paragraph === label || lead.nextElementSibling?.tagName.toUpperCase() === 'BR' ? kind : null;
}

const isSourceLine = (block: Element): boolean => {
  const text = shortTextOf(block, 80);
  return text !== null && SOURCE_LINE.test(normalizeSpace(text));
};

/** Removes the closing boilerplate section of the article in `root`, if it has one. */
export function removeClosingBoilerplate(root: Element): void {
  const blocks = [...root.querySelectorAll('p, h2, h3, h4, h5, h6')];
  const at = blocks.findIndex((block) => closingLabel(block) !== null);
  const label = blocks[at];
  if (!label?.parentElement) return;
  const prose = blocks.slice(0, at).filter((p) => p.tagName.toUpperCase() === 'P' && (p.textContent ?? '').length > 100).length;
  if (prose < MIN_PROSE_BEFORE) return;
  const following: Element[] = [];
  for (let next = label.nextElementSibling; next; next = next.nextElementSibling) {
    // Another section with a heading of its own is more article: leave everything.
    if (/^H[1-6]$/.test(next.tagName.toUpperCase()) && closingLabel(next) === null) return;
    following.push(next);
  }
  const length = [label, ...following].reduce((sum, element) => sum + normalizeSpace(element.textContent ?? '').length, 0);
  // Names, numbers and addresses, not sentences of prose.
  const isProse = (element: Element): boolean => [element, ...element.querySelectorAll('p')].some((p) => /[\p{L})"”]\s*[.!?]$/u.test(normalizeSpace(p.textContent ?? '')) && (p.textContent ?? '').length > 100);
  if (closingLabel(label) === 'contact' && (length > MAX_CONTACT_BLOCK || following.some(isProse))) return;
  for (const element of [label, ...following]) element.remove();
  for (const p of root.querySelectorAll('p')) if (isSourceLine(p)) p.remove();
}
