// File names from titles, for every export that writes an article as a file of its own (the
// core's zips and folders, the reader's downloads).

/** Letters, digits and dashes from the title, never empty, never one already in `used`. */
export function fileSlug(title: string, extension: string, used: Set<string> = new Set()): string {
  const base =
    title
      .normalize('NFKD')
      // Latin accents go (é → e); other scripts' marks (Arabic hamza, Devanagari vowels) stay.
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .normalize('NFC')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '')
      .toLowerCase() || 'article';
  let name = `${base}.${extension}`;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}.${extension}`;
  used.add(name);
  return name;
}
