import { normalizeSpace, wordsOf } from './boilerplate.ts';
import { closestTag, elementsUnder, shortTextOf } from '../dom-walk.ts';

// Short lines inside an article's container that describe, sell or point away from it, told
// by their wording in English, German, French, Spanish, Portuguese and Polish: "Lea también:"
// and a link; a photo credit; "Published: 3 May 2021"; "Follow us on …"; a copyright line after
// the story; "Bei den Verlinkungen handelt es sich um Affiliate-Links". Each test reads only a
// short block (a sentence of the story is never one of these), and takes the block whole.

const READ_MORE = new RegExp(
  '^(?:' +
    [
      'read (?:also|more|next)|also read|see also|more on this(?: story)?|related(?: articles?| stories| posts)?|recommended(?: reading)?',
      'lesen sie (?:auch|mehr|hier|weiter)|auch lesen|lies auch|mehr lesen|weiterlesen|zum weiterlesen|schon gelesen|lesetipps?|mehr zum thema|siehe auch|verwandte (?:artikel|beiträge)|passend (?:dazu|zum thema)',
      'auch interessant|ebenfalls interessant|das (?:thema )?könnte (?:dich|sie) (?:auch )?interessieren|diese artikel könnten (?:dich|sie) (?:auch|ebenfalls) interessieren',
      '(?:à |a )?lire (?:aussi|également|encore)|lisez (?:aussi|également)|voir aussi|sur le même sujet',
      'lea(?: también| más| además)?|lee (?:también|más)|mire|mira|vea (?:también|más)|ver (?:también|más)|puedes ver|(?:le|te) puede interesar|te recomendamos|noticias? relacionadas?',
      'leia (?:também|mais)|veja (?:também|mais)|saiba mais|leggi anche|czytaj (?:też|także|więcej)|zobacz (?:też|także)|lue (?:aiheesta )?(?:lisää|myös)',
    ].join('|') +
    ')\\s*[:：]\\s*(.*)$',
  'iu',
);

const PROMO = /\b(?:subscribe (?:now|to|today)|sign(?:ing)? up (?:for|to|here)|download (?:the|our) .{0,40}apps?\b|follow (?:us|the \w+) on|never miss (?:the|a|an)|newsletter abonnieren|abonnieren sie (?:unser|jetzt|den)|jetzt abonnieren|folgen sie uns|besuchen sie unseren|suscr[ií]bete|s[ií]guenos|nos siga|abonnez-vous|suivez-nous|zapraszamy (?:też )?do subskrypcji|canal de youtube|do you want to be informed|submit your letter|puede escribirnos|inscreva-se)/iu;
const COPYRIGHT = /©\s*(?:\d{4}|\p{L})|\bcopyright\s+(?:©\s*)?(?:\d{4}|by\b)|\ball rights reserved\b|\balle rechte vorbehalten\b|\btous droits réservés\b|\btodos los derechos reservados\b|\bmateriał chroniony prawem\b|\bcopyrighted property\b/iu;
const DISCLAIMER = /\bnot (?:be )?responsible for the (?:opinions|content)\b|\bgibt die meinung de[sr] (?:autors|autorin|verfassers)\b|\bnicht (?:notwendigerweise|unbedingt) die (?:meinung )?der redaktion\b|\b(?:affiliate|partner|provisions)-?links?\b|\bbei den verlinkungen handelt es sich um\b|\bsofern nicht anders (?:ausgewiesen|angegeben|vermerkt)\b/iu;
const DATE_LABEL = /^(?:publikacja|opublikowano|aktualizacja|veröffentlicht(?: am)?|veröffentlichung|aktualisiert(?: am)?|erstellt am|zuletzt aktualisiert|publié le|mis à jour(?: le)?|publicado(?: el)?|actualizado(?: el)?|published(?: on)?|updated(?: on)?|posted(?: on)?|release date|der beitrag wurde am)\b\s*:?\s*(.*)$/iu;
// What follows a date label is a date ("3 May", "12.03.2024", "Tuesday"), not a sentence ("Published in 1851, …").
const DATE_START = /^(?:(?:on|am|le|el|the)\s+)?(?:\d|jan|feb|m[aä]r|apr|ma[yi]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|juin|juil|ao[uû]|d[ée]c|f[ée]v|avr|janv|ene|abr|ago|dic|mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)/iu;
const DATE_ONLY = /^(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.? [\p{L}]{3,12}\.? \d{4}|[\p{L}]{3,12} \d{1,2},? \d{4})(?:[,\s|–-]+\d{1,2}[:.]\d{2}(?:\s?(?:uhr|am|pm|h))?)?$/iu;
const CREDIT_LINE = /^(?:©|\(c\)\s|(?:foto|fotos|bild|bilder|photo|photos|image|imagen|credits?|crédits?(?: photos?)?|fot\.|zdjęcie|źródło|quelle|source|fuente|beitragsbild|titelbild)\s*(?::|©|via\b))/iu;
// Outside a caption, "Quelle: …" may cite the story's source: only a caption's counts.
const SOURCE_LABEL = /^(?:quelle|source|fuente|źródło)\b/i;
const STOCK = /(?:getty images|shutterstock|istock(?:photo)?(?:\.com)?|adobe ?stock|stock\.adobe\.com|imago(?: images)?|picture[- ]alliance|dpa|afp|reuters|keystone|unsplash|pixabay|pexels|wenn\.com|ap photo)\s*$/iu;

const SENTENCE_BREAK = /[.!?…]\s+\S/u;
// "Photo: a single image can tell a story, she said." is a sentence, not a credit.
const SENTENCE = /(?:\S+\s+){5,}\S*[.!?]$/u;
const CAPTION_WORDS = new Set(['caption', 'captions', 'credit', 'credits', 'copyright', 'legend', 'imagedescription', 'subcaption', 'bildunterschrift', 'bildnachweis', 'photocredit', 'figcaption']);
const CREDIT_WORDS = new Set(['credit', 'credits', 'copyright', 'photographer', 'fotograf', 'source', 'sources', 'bildnachweis', 'photocredit', 'quelle']);

const tags = (...names: string[]): ReadonlySet<string> => new Set(names);
const READ_MORE_HOLDERS = tags('P', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'DIV', 'BLOCKQUOTE');
const WORDING_HOLDERS = tags('P', 'LI', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'EM', 'STRONG', 'SMALL', 'SPAN');
const DATE_HOLDERS = tags('P', 'DIV', 'SPAN', 'TIME', 'SMALL');
const CAPTIONS = tags('FIGURE', 'FIGCAPTION');
// Where a credit line is written; with the holders above, the only elements read at all.
const CREDIT_HOLDERS = tags('P', 'DIV', 'SPAN', 'SMALL', 'EM', 'I', 'B', 'STRONG', 'FIGCAPTION', 'LI', 'CITE', 'FOOTER');
const READ = new Set([...READ_MORE_HOLDERS, ...WORDING_HOLDERS, ...DATE_HOLDERS, ...CREDIT_HOLDERS]);
// A quick look at the class attribute before it is split into words.
const CAPTION_HINT = /caption|credit|copyright|legend|description|bildunter|bildnach/i;

const classWords = (element: Element): string[] => (element.hasAttributes() ? (element.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).flatMap(wordsOf) : []);

const linkChars = (element: Element): number =>
  (element.tagName.toUpperCase() === 'A' ? [element] : [...element.querySelectorAll('a')]).reduce((sum, a) => sum + normalizeSpace(a.textContent ?? '').length, 0);

const MEDIA = 'img, picture, video, audio, iframe, table, svg';
const VERBATIM = tags('TABLE', 'PRE', 'CODE');
const INLINE = tags('SPAN', 'EM', 'STRONG', 'SMALL', 'TIME', 'I', 'B', 'CITE', 'A');

/**
 * An inline element is a line of its own unless its block is a sentence: "The council met on
 * <time>3 May 2021</time> and voted." keeps its date; "<span>27.01.2022</span> | Meldung"
 * and a caption's credit span are lines.
 */
function isWholeLine(element: Element, text: string, inCaption: boolean): boolean {
  if (inCaption || !INLINE.has(element.tagName.toUpperCase())) return true;
  let block = element.parentElement;
  while (block && INLINE.has(block.tagName.toUpperCase())) block = block.parentElement;
  if (!block) return true;
  const whole = shortTextOf(block, 100);
  if (whole === null) return false;
  const line = normalizeSpace(whole);
  return line === text || !/[\p{L})"”»]\s*[.!?]$/u.test(line);
}

/** The outermost ancestor below `root` that holds nothing but this element's text (and no image). */
function widen(element: Element, root: Element, text: string, lengths: Map<Element, number>): Element {
  let block = element;
  for (let parent = block.parentElement; parent && parent !== root && (lengths.get(parent) ?? 0) <= MAX_RAW && normalizeSpace(parent.textContent ?? '') === text && !parent.querySelector(MEDIA); parent = parent.parentElement) block = parent;
  return block;
}

/** "Lea también: <a>…</a>": a read-more label, then mostly a link. A bare label is a section heading's business. */
function isReadMoreLine(element: Element, text: string): boolean {
  if (text.length > 250) return false;
  const rest = READ_MORE.exec(text)?.[1]?.length ?? 0;
  return rest > 0 && linkChars(element) >= rest * 0.5;
}

function isDateLabelLine(text: string): boolean {
  const rest = DATE_LABEL.exec(text)?.[1];
  return rest !== undefined && (rest === '' || DATE_START.test(rest));
}

const isDateLine = (element: Element, text: string): boolean =>
  text.length <= 80 &&
  (isDateLabelLine(text) || DATE_ONLY.test(text) ||
    // A <time> with a date in it; a live blog's "14.41 GMT" is the time of its entry, and stays.
    (element.tagName.toUpperCase() === 'TIME' && text.length < 40 && /\d{4}|\d{1,2}[./]\d{1,2}[./]/.test(text) && !/duration|time$/i.test(element.getAttribute('itemprop') ?? '')));

/** "Follow us on …" opens the line, or the line links where it sends you; "Many economists subscribe to the view" is prose. */
function isPromo(element: Element, text: string): boolean {
  const match = PROMO.exec(text);
  return match !== null && (match.index <= 2 || element.querySelector('a') !== null);
}

function isCredit(element: Element, text: string, inCaption: boolean): boolean {
  if (text.length > 120) return false;
  // "Demonstrators outside the Capitol. Jim Watson/AFP": a description that ends in its credit
  // is a caption; the credit alone goes where it is an element of its own.
  if (inCaption) return classWords(element).some((word) => CREDIT_WORDS.has(word)) || ((STOCK.test(text) || CREDIT_LINE.test(text)) && !SENTENCE_BREAK.test(text));
  return text.length <= 100 && CREDIT_LINE.test(text) && !SOURCE_LABEL.test(text) && (text.startsWith('©') || !SENTENCE.test(text));
}

// No line tested is longer than 400 visible characters; with room for indentation, an element
// with more text than this is not read at all (most of an article's paragraphs).
const MAX_RAW = 520;

/** Each element's text length, white space included, in one pass from the leaves up. */
function rawTextLengths(elements: Element[]): Map<Element, number> {
  const lengths = new Map<Element, number>();
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i] as Element;
    let length = 0;
    for (let node = element.firstChild; node; node = node.nextSibling) {
      length += node.nodeType === 1 ? (lengths.get(node as Element) ?? 0) : node.nodeType === 3 ? (node.nodeValue ?? '').length : 0;
    }
    lengths.set(element, length);
  }
  return lengths;
}

/** `elements`: those under `root` in document order; some may have been removed since (they are skipped). */
export function removeFurnitureLines(root: Element, elements: Element[] = elementsUnder(root)): void {
  const lengths = rawTextLengths(elements);
  // Elements inside a figure or a caption-classed element, found in one pass down the tree,
  // and the last paragraph of prose.
  const inCaption = new Set<Element>();
  let lastProse: Element | null = null;
  for (const element of elements) {
    const tag = element.tagName.toUpperCase();
    const parent = element.parentElement;
    if ((parent && inCaption.has(parent)) || CAPTIONS.has(tag) || (element.hasAttributes() && CAPTION_HINT.test(element.getAttribute('class') ?? '') && classWords(element).some((word) => CAPTION_WORDS.has(word)))) inCaption.add(element);
    if (tag === 'P' && (lengths.get(element) ?? 0) > 120) lastProse = element;
  }
  const afterProse = (element: Element): boolean => lastProse !== null && (lastProse === element || (lastProse.compareDocumentPosition(element) & 4) !== 0);
  for (const element of elements) {
    const tag = element.tagName.toUpperCase();
    const length = lengths.get(element) ?? 0;
    if (length === 0 || length > MAX_RAW || !READ.has(tag) || !root.contains(element)) continue;
    const raw = shortTextOf(element, 400);
    if (raw === null) continue;
    const text = normalizeSpace(raw);
    if (!text) continue;
    const wording = WORDING_HOLDERS.has(tag);
    const furniture =
      (READ_MORE_HOLDERS.has(tag) && isReadMoreLine(element, text)) ||
      (wording && text.length <= 300 && isPromo(element, text)) ||
      (wording && text.length <= 400 && DISCLAIMER.test(text)) ||
      (wording && text.length <= 300 && COPYRIGHT.test(text) && afterProse(element)) ||
      (DATE_HOLDERS.has(tag) && isDateLine(element, text)) ||
      (CREDIT_HOLDERS.has(tag) && isCredit(element, text, inCaption.has(element)));
    // A line never holds an image (a figure whose only text is its credit keeps the picture),
    // is never part of a sentence or a table cell ("met on <time>3 May</time> and voted").
    if (furniture && !element.querySelector(MEDIA) && !closestTag(element, VERBATIM) && isWholeLine(element, text, inCaption.has(element))) widen(element, root, text, lengths).remove();
  }
}
