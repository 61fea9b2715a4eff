// Listing the library: which view, in what order, one keyset-paginated page at a time.
import type { ArticleSummary } from './article.ts';

export type ListView = 'unread' | 'starred' | 'archive' | 'all';
/** newest/oldest: by saved date; published: newest published first; title: A to Z. */
export type ListSort = 'newest' | 'oldest' | 'longest' | 'shortest' | 'published' | 'title';

export interface ListQuery {
  view: ListView;
  tag?: string;
  site?: string;
  /** A feed's id: only the articles that came from it. */
  feed?: string;
  sort?: ListSort;
  /** Opaque keyset cursor from the previous page. */
  cursor?: string | null;
  limit?: number;
}

export interface ListPage {
  items: ArticleSummary[];
  nextCursor: string | null;
  total: number;
}
