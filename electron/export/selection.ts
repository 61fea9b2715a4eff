// Which articles an export holds: the ones picked, or the whole library. The link and page
// formats need only what the reader sees of an article, so picked ones are read one by one
// (a few out of 100,000 must not mean reading all 100,000).
import type { Library } from '../library/library.ts';
import type { PortableArticle } from '../shared/portable.ts';

export interface ExportedArticle {
  id: string;
  /** Where it is now (after redirects): what a bookmark should open. */
  url: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  html: string;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  publishedAt: string | null;
  createdAt: string;
  starred: boolean;
  archived: boolean;
  note: string;
  tags: string[];
}

const fromPortable = (a: PortableArticle): ExportedArticle => ({
  id: a.id,
  url: a.finalUrl ?? a.url,
  title: a.title,
  byline: a.byline,
  siteName: a.siteName,
  html: a.html,
  lang: a.lang,
  dir: a.dir,
  publishedAt: a.publishedAt,
  createdAt: a.createdAt,
  starred: a.starred,
  archived: a.archived,
  note: a.note,
  tags: a.tags,
});

/** The picked articles in the order given (unknown ids skipped), or every live one, oldest first. */
export function* selectedArticles(library: Library, ids: readonly string[] | null | undefined): Generator<ExportedArticle> {
  if (!ids) {
    for (const a of library.exportArticles()) yield fromPortable(a);
    return;
  }
  const picked = new Map([...library.exportArticles(ids)].map((a) => [a.id, a]));
  for (const id of new Set(ids)) {
    const a = picked.get(id);
    if (a) yield fromPortable(a);
  }
}

/** Seconds since 1970, as bookmark files and Pocket's CSV write dates. */
export const unixSeconds = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
};
