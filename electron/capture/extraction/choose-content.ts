import { articleBlocks } from './content-finder.ts';
import { normalizeSpace, proseChars } from './cleanup/boilerplate.ts';

// Which of the candidate article bodies a page gets, in one place.
//
// 1. Ours (Readability after our preparation and hints, then our clean-up) is the most precise
//    on most pages, and is taken unless it is suspect: short of article size, it holds less
//    than half the prose the untouched page has, or nothing. A preparation step may have hidden the body, or
//    Readability settled on a header, a caption or a cookie notice.
// 2. Then plain Readability (light preparation only) runs on a fresh parse, if our preparation
//    removed much of the missing prose or ours is a scrap, and replaces ours when it holds
//    clearly more article text.
// 3. When what we have is still only a scrap, the density finder, which shares nothing with
//    Readability's heuristics, gets its turn under the same rule.
// 4. With no article text anywhere, the page's body after preparation is better than nothing:
//    a page with words on it never comes back as "no article".
// "Article text" is measured the same way for all of them: blocks of sentences with few links.

export type CandidateName = 'lectern' | 'readability' | 'density' | 'body';

export interface Candidate {
  name: CandidateName;
  /** The article body, cleaned; null when this finder found nothing. */
  content: Element | null;
}

export type Finder = () => Candidate;

// Ours is suspect below this share of the page's prose, unless it is article-sized on its own…
const SUSPECT_SHARE = 0.5;
const ARTICLE_SIZED = 1200;
const ARTICLE_SHARE = 0.2;
const REMOVED_SHARE = 0.25;
// …and another finder's body replaces it only when it holds this much more article text.
const MARGIN = 1.3;
// Below this many characters of article text, a body is a scrap: the density finder is asked.
const SCRAP = 500;
// …and its body must hold this share of the scrap's article text.
const KEEPS = 0.6;

interface Measured {
  candidate: Candidate;
  blocks: string[];
  chars: number;
}

function measure(candidate: Candidate): Measured {
  const blocks = candidate.content ? articleBlocks(candidate.content) : [];
  return { candidate, blocks, chars: blocks.reduce((sum, block) => sum + block.length, 0) };
}

/** How much of `inner`'s article text `outer` holds too, 0..1. */
function overlap(inner: Measured, outer: Measured): number {
  if (inner.chars === 0) return 0;
  const text = normalizeSpace(outer.candidate.content?.textContent ?? '');
  return inner.blocks.reduce((sum, block) => sum + (text.includes(block) ? block.length : 0), 0) / inner.chars;
}

export interface PageProse {
  /** The untouched page's prose paragraphs, in characters. */
  pageProse: number;
  /** How much of it our preparation removed before Readability ran. */
  removedProse: number;
}

/** Null only when no finder found anything. */
export function chooseContent(primary: Candidate, { pageProse, removedProse }: PageProse, finders: { readability: Finder; density: Finder; body: Finder }): Candidate | null {
  // The cheap test first, in the page's own measure (paragraphs of prose): most pages stop here.
  const primaryProse = primary.content ? proseChars(primary.content) : 0;
  if (primary.content && (primaryProse >= pageProse * SUSPECT_SHARE || primaryProse >= Math.max(ARTICLE_SIZED, pageProse * ARTICLE_SHARE)) && primaryProse > 0) return primary;
  let best = measure(primary);
  // A page written without <p> has no prose to compare with: enough article text of ours will do.
  if (best.candidate.content && pageProse === 0 && best.chars >= SCRAP) return primary;
  const better = (next: Measured): boolean => next.candidate.content !== null && (!best.candidate.content || next.chars > best.chars * MARGIN);
  // Plain Readability differs from ours by what our preparation removed: it is asked when that
  // was much of the prose we lack, or when ours is a scrap.
  if (best.chars < SCRAP || removedProse >= (pageProse - primaryProse) * REMOVED_SHARE) {
    const readability = measure(finders.readability());
    if (better(readability)) best = readability;
  }
  if (best.chars < SCRAP) {
    // Density alone misreads a short page's teaser list as its article: it may replace a scrap
    // of article text only by holding that scrap too.
    const density = measure(finders.density());
    if (better(density) && (best.chars === 0 || overlap(best, density) >= KEEPS)) best = density;
  }
  if (best.chars === 0) {
    const body = measure(finders.body());
    if (body.candidate.content && (!best.candidate.content || body.chars > 0)) best = body;
  }
  return best.candidate.content ? best.candidate : null;
}
