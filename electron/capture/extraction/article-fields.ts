import { normalizeSpace } from './cleanup/boilerplate.ts';

// The fields beside the body: title, byline and excerpt as the reader shows them, cleaned of
// the labels and site names pages wrap them in.

export const clean = (value: string | null | undefined): string | null => {
  const text = value ? normalizeSpace(value) : '';
  return text || null;
};

export function cleanByline(value: string | null | undefined): string | null {
  let text = clean(value);
  if (!text) return null;
  text = text.replace(/^(?:by|written by|posted by|von|par|por|di)\s*[:\s]\s*/i, '').replace(/^(?:文|記者|筆者|취재|글)\s*[・:：]\s*/, '').replace(/\s+(?:기자|記者|特派員)$/, '').replace(/\s*[-–—|·,]\s*$/, '').trim();
  if (!text || /^https?:\/\//i.test(text) || text.length > 120 || looksLikeDate(text)) return null;
  return text;
}

// A "byline" element that holds only the date ("Sunday, Feb 1, 2015 11:57 AM UTC") names nobody.
const looksLikeDate = (text: string): boolean =>
  /\d/.test(text) && !/\p{L}/u.test(text.replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:am|pm|utc|gmt|at|on|updated|published)\b/gi, ''));

/**
 * A <title> with no site name to match: "Headline – Site" loses its last part, the way
 * Readability does it (plus en and em dashes), unless that leaves too few words to be a title.
 */
export function stripTitleSuffix(title: string | null): string | null {
  if (!title) return null;
  const separators = [...title.matchAll(/ [|\-–—\\/>»] /g)];
  const hierarchical = / [\\/>»] /.test(title);
  const words = (text: string) => text.trim().split(/\s+/).length;
  let candidate = title;
  if (separators.length > 0) {
    candidate = title.slice(0, separators.at(-1)?.index);
    if (words(candidate) < 3) candidate = title.slice((separators[0]?.index ?? 0) + 3);
  }
  const kept = words(candidate);
  return kept <= 4 && (!hierarchical || kept !== words(title.replace(/[|\-–—\\/>»]+/g, '')) - 1) ? title : candidate.trim();
}

// "_" without spaces: Chinese sites write "标题_网站名"; a part must still equal the site name or <h1>.
const TITLE_SEPARATORS = /\s+[|\-–—·:»/｜]\s+|\s*[｜_]\s*/;

/** "Lake Varen - Encyclopedia" with an <h1> of "Lake Varen": the heading names the article. */
export function preferHeading(title: string, heading: string | null): string {
  if (!heading || heading === title) return title;
  const parts = title.split(TITLE_SEPARATORS).map((part) => part.trim());
  return parts.length > 1 && (parts[0] === heading || parts.at(-1) === heading) ? heading : title;
}

/** Readability's excerpt is the first paragraph it kept; it only counts if our clean-up kept it too. */
export const keptExcerpt = (excerpt: string | null, text: string): string | null =>
  excerpt && excerpt.length >= 20 && text.includes(excerpt) ? excerpt : null;

/** First real paragraph, for pages without a description; it starts where a sentence does. */
export function excerptOf(text: string): string | null {
  const blocks = text.split('\n\n').map(normalizeSpace).filter(Boolean);
  if (blocks.length === 0) return null;
  const chosen = Math.max(0, blocks.findIndex((block) => block.length >= 60));
  // <br><br> splits paragraphs mid-sentence ("dolor sit" / "amet, consectetur…"): back up to where it starts.
  let start = chosen;
  while (start > 0 && chosen - start < 3 && continuesSentence(blocks[start - 1] ?? '', blocks[start] ?? '')) start--;
  return shorten(blocks.slice(start, chosen + 1).join(' '));
}

const SENTENCE_END = /[.!?…。！？:;"”’»)\]]$/u;
const continuesSentence = (previous: string, block: string): boolean => !SENTENCE_END.test(previous) && /^\p{Ll}/u.test(block);

/** At most 300 characters, ending with a whole sentence when one ends late enough, else a whole word. */
function shorten(text: string): string {
  if (text.length <= 300) return text;
  const head = text.slice(0, 300);
  const sentenceEnd = Math.max(...[...head.matchAll(/[.!?。！？](?=\s|$)/gu)].map((match) => match.index + 1), 0);
  return sentenceEnd >= 120 ? head.slice(0, sentenceEnd) : `${head.slice(0, 297).replace(/\s+\S*$/, '')}…`;
}

/** "Headline | Site" → "Headline": drop a site name the page states, on either end. */
export function stripSiteName(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const site = siteName.toLowerCase();
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title;
  const separators = title.match(new RegExp(TITLE_SEPARATORS.source, 'g')) ?? [];
  if (parts.at(-1)?.toLowerCase() === site) return title.slice(0, title.lastIndexOf(separators.at(-1) ?? '')).trim();
  if (parts[0]?.toLowerCase() === site) return title.slice(title.indexOf(separators[0] ?? '') + (separators[0]?.length ?? 0)).trim();
  return title;
}

export const fallbackTitle = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

export function imageSources(html: string): string[] {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)) {
    if (match[1]) sources.add(decodeEntities(match[1]));
  }
  return [...sources];
}

const decodeEntities = (value: string): string =>
  value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
