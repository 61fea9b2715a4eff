import { isAffiliateDisclosure, normalizeSpace } from './boilerplate.ts';
import { elementsByTag, shortTextOf } from '../dom-walk.ts';

// The lines a page shows above the article's first paragraph that describe the page rather than
// say anything: an article-type/date strip ("Letter · Open access · Published: 11 June 2026")
// and a masthead or citation line that starts with the site's name ("Open Earth Letters 14,
// Article 412 (2026)"). The reader shows the date and site name from metadata.

const tagSet = (...tags: string[]): ReadonlySet<string> => new Set(tags);
const LEAD_BLOCKS = tagSet('P', 'UL', 'OL', 'DIV', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'PRE', 'BLOCKQUOTE', 'FIGURE');
const LISTS = tagSet('UL', 'OL');
const LINE_HOLDERS = tagSet('P', 'DIV');
const DISCLOSURE_HOLDERS = tagSet('P', 'DIV', 'EM', 'SMALL', 'SPAN');
const SHORT_ITEM = 40;
const SHORT_LINE = 100;
const DATE_ITEM = /^(?:published|posted|updated|received|accepted|issued|date)\b.{0,10}\d/i;

/** Blocks before the first paragraph of prose (or the first section heading), in document order. */
function leadBlocks(root: Element): Element[] {
  const lead: Element[] = [];
  for (const element of elementsByTag(root, LEAD_BLOCKS)) {
    if (/^H[2-6]$/.test(element.tagName.toUpperCase())) break;
    if (element.tagName.toUpperCase() === 'P' && shortTextOf(element, SHORT_LINE) === null) break;
    lead.push(element);
  }
  return lead;
}

const isMetadataStrip = (list: Element): boolean => {
  const items = [...list.children];
  if (items.length < 2 || items.some((item) => item.tagName.toUpperCase() !== 'LI' || item.querySelector('img'))) return false;
  const texts = items.map((item) => shortTextOf(item, SHORT_ITEM));
  if (texts.some((text) => text === null || /[.!?]$/.test(normalizeSpace(text)))) return false;
  return items.some((item, i) => item.querySelector('time') !== null || DATE_ITEM.test(normalizeSpace(texts[i] ?? '')));
};

export function removeLeadMetadata(root: Element, siteName: string | null): void {
  const site = siteName ? normalizeSpace(siteName).toLowerCase() : null;
  for (const block of leadBlocks(root)) {
    if (!root.contains(block)) continue;
    const tag = block.tagName.toUpperCase();
    if (LISTS.has(tag) && isMetadataStrip(block)) {
      block.remove();
      continue;
    }
    if (!site || !LINE_HOLDERS.has(tag) || block.querySelector('img')) continue;
    const text = shortTextOf(block, SHORT_LINE);
    if (text === null) continue;
    const line = normalizeSpace(text).toLowerCase();
    // "Open Earth Letters 14, Article 412": the name, then volume/issue numbers, not a sentence.
    if (line.startsWith(site) && line.length > site.length && /^[\s,:;·|–—-]*\d/.test(line.slice(site.length))) block.remove();
  }
}

/** "This post may contain affiliate links. Please read our disclosure policy." */
export function removeDisclosures(root: Element): void {
  for (const element of elementsByTag(root, DISCLOSURE_HOLDERS)) {
    if (!root.contains(element)) continue;
    const text = shortTextOf(element, 300);
    if (text === null || !isAffiliateDisclosure(normalizeSpace(text))) continue;
    let block: Element = element;
    while (block.parentElement && block.parentElement !== root && normalizeSpace(block.parentElement.textContent ?? '') === normalizeSpace(text)) block = block.parentElement;
    block.remove();
  }
}
