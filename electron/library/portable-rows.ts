// Reading every article with all its fields, and writing one back with its id and states
// intact: what the portable JSON export and the full backup are made of.
import type { PortableArticle, PortableFeed } from '../shared/portable.ts';
import type { StatementCache } from './db.ts';

/** Every live article, oldest first, a page at a time so memory stays bounded. */
export function* readPortableArticles(stmts: StatementCache): Generator<PortableArticle> {
  void stmts;
  throw new Error('not implemented');
}

/** Inserts an exported article as it was. 'duplicate' when its id or address is already live. */
export function restorePortableArticle(stmts: StatementCache, article: PortableArticle): 'added' | 'duplicate' {
  void stmts;
  void article;
  throw new Error('not implemented');
}

export function readPortableFeeds(stmts: StatementCache): PortableFeed[] {
  void stmts;
  throw new Error('not implemented');
}

/** Subscribes an exported feed with its settings; 'duplicate' when its address is subscribed. */
export function restorePortableFeed(stmts: StatementCache, feed: PortableFeed): 'added' | 'duplicate' {
  void stmts;
  void feed;
  throw new Error('not implemented');
}
