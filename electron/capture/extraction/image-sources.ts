// Choosing one concrete image URL from src / srcset / lazy-loading attributes, the way a
// browser on a reasonably large screen would, so the saved copy has one real file per image.

export interface SrcsetCandidate {
  url: string;
  /** Width descriptor ("800w"), if any. */
  width: number | null;
  /** Density descriptor ("2x"); 1 when the candidate has no descriptor. */
  density: number | null;
}

/** Parses a srcset per the HTML spec's rules (URLs may contain commas, e.g. image CDNs). */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let position = 0;
  while (position < srcset.length) {
    while (position < srcset.length && /[\s,]/.test(srcset[position] ?? '')) position++;
    if (position >= srcset.length) break;
    let end = position;
    while (end < srcset.length && !/\s/.test(srcset[end] ?? '')) end++;
    let url = srcset.slice(position, end);
    position = end;
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      while (position < srcset.length) {
        const char = srcset[position] ?? '';
        if (char === '(') depth++;
        else if (char === ')') depth = Math.max(0, depth - 1);
        else if (char === ',' && depth === 0) break;
        descriptor += char;
        position++;
      }
      position++;
    }
    if (!url) continue;
    const width = /(\d+)w\b/.exec(descriptor);
    const density = /(\d*\.?\d+)x\b/.exec(descriptor);
    candidates.push({
      url,
      width: width ? Number(width[1]) : null,
      density: density ? Number(density[1]) : width ? null : 1,
    });
  }
  return candidates;
}

// Wide enough for a reading column on a high-density screen, without hoarding 4K originals.
const PREFERRED_WIDTH = 1400;
const PREFERRED_DENSITY = 2;

export function chooseFromSrcset(srcset: string): string | null {
  const candidates = parseSrcset(srcset);
  const byWidth = candidates.filter((candidate) => candidate.width !== null).sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  if (byWidth.length > 0) {
    return (byWidth.find((candidate) => (candidate.width ?? 0) >= PREFERRED_WIDTH) ?? byWidth.at(-1))?.url ?? null;
  }
  const byDensity = candidates.sort((a, b) => (a.density ?? 1) - (b.density ?? 1));
  const upToPreferred = byDensity.filter((candidate) => (candidate.density ?? 1) <= PREFERRED_DENSITY);
  return (upToPreferred.at(-1) ?? byDensity[0])?.url ?? null;
}

const PLACEHOLDER_NAME = /(?:^|[/_.-])(?:blank|spacer|placeholder|pixel|transparent|lazy|lazyload|loading|loader|grey|gray|empty|dummy|1x1)(?:[._-]|$)/i;

/** A src that only holds the place for a script-loaded image. */
export function isPlaceholderSrc(src: string | null): boolean {
  if (!src || !src.trim()) return true;
  const value = src.trim();
  if (value === '#' || value.startsWith('about:') || value.startsWith('javascript:')) return true;
  if (/^data:/i.test(value)) {
    // Tiny inline GIF/SVG/PNG stand-ins; a real inline photo is tens of kilobytes.
    return value.length < 2000 || /^data:image\/(?:svg|gif)/i.test(value);
  }
  const path = value.split(/[?#]/)[0] ?? '';
  return PLACEHOLDER_NAME.test(path.split('/').pop() ?? '');
}

/** Attributes lazy-loading scripts read the real source from, most specific first. */
export const LAZY_SRC_ATTRIBUTES = [
  'data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src',
  'data-full-src', 'data-orig-src', 'data-original-src', 'data-img-src', 'data-echo', 'data-actualsrc',
];
export const LAZY_SRCSET_ATTRIBUTES = ['data-srcset', 'data-lazy-srcset', 'data-original-srcset'];

const IMAGE_URL = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

/** Finds a real image URL on a lazily-loaded <img>, or null. */
export function lazySourceOf(getAttribute: (name: string) => string | null, attributeNames: string[]): string | null {
  for (const name of LAZY_SRCSET_ATTRIBUTES) {
    const srcset = getAttribute(name);
    const chosen = srcset ? chooseFromSrcset(srcset) : null;
    if (chosen) return chosen;
  }
  for (const name of LAZY_SRC_ATTRIBUTES) {
    const value = getAttribute(name)?.trim();
    if (value && !isPlaceholderSrc(value)) return value;
  }
  // Unknown lazy-loaders: any data-* attribute whose value is an image URL.
  for (const name of attributeNames) {
    if (!name.startsWith('data-')) continue;
    const value = getAttribute(name)?.trim();
    if (!value || /\s/.test(value)) continue;
    if (IMAGE_URL.test(value)) return value;
  }
  return null;
}
