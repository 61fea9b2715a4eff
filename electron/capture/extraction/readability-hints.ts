import { normalizeSpace, proseParagraphs } from './cleanup/boilerplate.ts';
import type { ElementIndex } from './dom-walk.ts';

// Readability reads class and id names as hints, and a few of its hints misfire on markup
// that is common in articles. These steps run on the prepared page, just before it.

// Readability's own patterns (v0.6): a node whose class/id matches UNLIKELY but not MAYBE is
// dropped unseen, with everything inside it.
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|shadow/i;
const HEADINGS = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'];

// Labels of a recipe card's detail line ("Prep Time 15 mins", "Servings 10"); the line is
// often classed "meta", which Readability penalises as a byline/date line.
const RECIPE_DETAIL = /^(?:(?:prep|preparation|cook|cooking|total|active|bake|baking|rest|resting|chill|chilling) time|servings|serves|yield|makes)$/i;

const matchString = (element: Element): string => `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
const isUnlikely = (element: Element): boolean => {
  const names = matchString(element);
  return UNLIKELY.test(names) && !MAYBE.test(names);
};

/**
 * A heading classed "…-header" (a recipe card's "Ingredients") is a header by nature; the
 * word says nothing about page chrome, but Readability drops it as an unlikely candidate.
 */
function unflagHeadings(index: ElementIndex): void {
  for (const tag of HEADINGS) {
    for (const heading of index.byTag.get(tag) ?? []) {
      const classes = heading.getAttribute('class');
      if (!classes || !/header/i.test(classes)) continue;
      heading.setAttribute('class', classes.split(/\s+/).filter((name) => !/header/i.test(name)).join(' '));
    }
  }
}

/**
 * Inline spans inside a paragraph are words of it: a wire service's dateline
 * (`<span class="legendSpanClass">ELY, Nev.</span>`) matches "legends" and would be cut out of
 * the sentence. Their class names are cleared when they match Readability's unlikely pattern.
 */
function unflagInlineSpans(index: ElementIndex): void {
  for (const span of index.byTag.get('SPAN') ?? []) {
    if (!span.hasAttributes() || !isUnlikely(span)) continue;
    let inParagraph = false;
    for (let node = span.parentElement, depth = 0; node && depth < 4 && !inParagraph; node = node.parentElement, depth++) inParagraph = node.tagName === 'P';
    if (!inParagraph) continue;
    span.removeAttribute('class');
    span.removeAttribute('id');
  }
}

function unflagRecipeDetails(index: ElementIndex): void {
  for (const span of [...(index.byTag.get('SPAN') ?? []), ...(index.byTag.get('DT') ?? [])]) {
    if (!RECIPE_DETAIL.test(normalizeSpace(span.textContent ?? ''))) continue;
    for (let node = span.parentElement; node && node.tagName !== 'BODY'; node = node.parentElement) {
      const classes = node.getAttribute('class');
      if (classes && /meta/i.test(classes)) node.setAttribute('class', classes.split(/\s+/).filter((name) => !/meta/i.test(name)).join(' '));
      if (node.tagName === 'ARTICLE' || node.tagName === 'MAIN') break;
    }
  }
}

const titleHeading = (document: Document, index: ElementIndex, title: string): Element | undefined => {
  const wanted = normalizeSpace(title).toLowerCase();
  return (index.byTag.get('H1') ?? []).find((h1) => normalizeSpace(h1.textContent ?? '').toLowerCase() === wanted && document.body?.contains(h1));
};

/**
 * Readability removes the first <h1>/<h2> that looks like the title. When the page's own title
 * heading sits in a container it drops unseen (`<header class="entry-header">`), that removal
 * lands on the next look-alike instead: a recipe card's name, a product box's heading. The
 * title heading is moved to the start of the body, where Readability meets (and drops) it first.
 */
function hoistTitleHeading(document: Document, index: ElementIndex, title: string | null): void {
  const body = document.body;
  const heading = title ? titleHeading(document, index, title) : undefined;
  if (!heading || !body) return;
  let dropped = false;
  for (let node = heading.parentElement; node && node !== body; node = node.parentElement) if (isUnlikely(node)) dropped = true;
  if (!dropped) return;
  const copy = document.createElement('h1');
  copy.textContent = heading.textContent;
  heading.remove();
  body.insertBefore(copy, body.firstChild);
}

// A standfirst names itself, or is a sentence too long for a kicker or a byline line.
const STANDFIRST_CLASS = /standfirst|\bdek\b|deck|subhead|sub-?title|summary|lede|\blead\b|excerpt|intro|strap|description/i;
const NOT_STANDFIRST_CLASS = /byline|author|date|meta|kicker|credit|share|social|tags?\b|categor|breadcrumb/i;

function isStandfirst(paragraph: Element): boolean {
  const text = normalizeSpace(paragraph.textContent ?? '');
  const classes = `${paragraph.getAttribute('class') ?? ''} ${paragraph.parentElement?.getAttribute('class') ?? ''}`;
  if (text.length < 40 || NOT_STANDFIRST_CLASS.test(classes) || /^by\s/i.test(text)) return false;
  if (paragraph.querySelector('time, [rel~="author"], [itemprop~="author"]')) return false;
  return STANDFIRST_CLASS.test(paragraph.getAttribute('class') ?? '') || text.length >= 80;
}

const hasImage = (element: Element): boolean => element.querySelector('img, picture') !== null;

/** "Lecture 4" in "Lecture 4 — Course", but not "Garden Notes" in "Seeds indoors – Garden Notes". */
function namesTheArticle(heading: string, pageTitle: string): boolean {
  const [h, t] = [normalizeSpace(heading).toLowerCase(), normalizeSpace(pageTitle).toLowerCase()];
  return t.startsWith(h) || (t.includes(h) && h.length * 2 >= t.length);
}

/**
 * The article's own header (`<header class="entry-header">`: the title, a standfirst, the lead
 * figure) reads as page chrome to Readability, which drops it whole or leaves it outside the
 * body it picks. Its standfirst and lead figure, and a lead figure between it and the body, are
 * moved to the start of the body, where they are read as the article's first blocks. The title
 * and the byline/date lines stay behind (the reader shows those as metadata).
 *
 * Only the header around the article's title (the <h1> that the page's title names, not a
 * blog's name), and only when the header is not itself wrapped round the body.
 */
function liftArticleHeader(document: Document, index: ElementIndex, heading: string | null, pageTitle: string | null): void {
  if (!heading || !pageTitle || !namesTheArticle(heading, pageTitle)) return;
  const h1 = titleHeading(document, index, heading);
  let header: Element | null = null;
  for (let node = h1?.parentElement ?? null, depth = 0; node && depth < 3 && !header; node = node.parentElement, depth++) {
    if (['ARTICLE', 'MAIN', 'BODY'].includes(node.tagName)) break;
    if (node.tagName === 'HEADER' || /header/i.test(node.getAttribute('class') ?? '')) header = node;
  }
  if (!header || proseParagraphs(header) >= 2) return;
  let found = bodyAfter(header);
  // A hero block (Vox Media's "c-entry-hero") puts the standfirst beside the title's header and
  // the body after a wrapper or two: climb while no prose is passed, up to the article.
  for (let scope = header.parentElement; !found.body && scope && !['ARTICLE', 'MAIN', 'BODY'].includes(scope.tagName) && proseParagraphs(scope) < 2; scope = scope.parentElement) {
    header = scope;
    found = bodyAfter(scope);
  }
  const { body, between } = found;
  if (!body) return;
  // In document order; a paragraph inside a lifted figure (its caption) goes with the figure.
  const figures = [...header.querySelectorAll('figure')].filter((figure) => hasImage(figure) && !figure.parentElement?.closest('figure'));
  const standfirsts = [...header.querySelectorAll('p')].filter((p) => !p.closest('figure') && isStandfirst(p)).slice(0, 2);
  const chosen = new Set<Element>([...figures, ...standfirsts]);
  const inHeader = [...header.querySelectorAll('p, figure')].filter((element) => chosen.has(element));
  const lifted = [...inHeader, ...between.filter((element) => element.tagName === 'FIGURE' && hasImage(element))];
  for (const element of lifted.reverse()) body.insertBefore(element, body.firstChild);
}

/** The first block with prose among the few that follow `header`, and the blocks before it. */
function bodyAfter(header: Element): { body: Element | null; between: Element[] } {
  const between: Element[] = [];
  for (let sibling = header.nextElementSibling; sibling && between.length < 4; sibling = sibling.nextElementSibling) {
    if (proseParagraphs(sibling) >= 2) return { body: sibling, between };
    between.push(sibling);
  }
  return { body: null, between };
}

/** `title`: the page's single <h1>, if it has one; `pageTitle`: its title from metadata. */
export function applyReadabilityHints(document: Document, index: ElementIndex, title: string | null, pageTitle: string | null = title): void {
  unflagHeadings(index);
  unflagRecipeDetails(index);
  unflagInlineSpans(index);
  liftArticleHeader(document, index, title, pageTitle);
  hoistTitleHeading(document, index, title);
}
