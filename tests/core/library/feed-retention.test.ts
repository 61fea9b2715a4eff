import { describe, expect, it } from 'vitest';
import { freshLibrary } from './helpers.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString();

/** A feed with one article per day for `count` days, newest first in the returned ids. */
function feedWithItems(count: number) {
  const { lib } = freshLibrary();
  const { feed } = lib.feeds.add({ url: 'https://blog.example/feed', title: 'Blog' });
  const ids = Array.from({ length: count }, (_, i) => lib.addPending(`https://blog.example/post-${i}`, daysAgo(i), { title: `Post ${i}`, feedId: feed.id }).article.id);
  return { lib, feedId: feed.id, ids };
}

describe('feed retention', () => {
  it('keeps N days: older articles go, unless starred, tagged, noted or highlighted', () => {
    const { lib, feedId, ids } = feedWithItems(10);
    lib.setStarred(ids[7]!, true);
    lib.addTags(ids[8]!, ['keep']);
    lib.setNote(ids[9]!, 'mine');
    lib.highlights.add(ids[6]!, { quote: 'Post' });
    const removed = lib.removeExpiredFeedArticles(feedId, { keepDays: 3, keepItems: null }, NOW);
    // Posts 4 and 5 are older than three days and nothing holds them; 0–3 are young enough.
    expect(removed).toBe(2);
    const left = lib.list({ view: 'all', feed: feedId }).items.map((a) => a.title).sort();
    expect(left).toEqual(['Post 0', 'Post 1', 'Post 2', 'Post 3', 'Post 6', 'Post 7', 'Post 8', 'Post 9']);
  });

  it('keeps N items: the newest N of those nothing holds, and every held one besides', () => {
    const { lib, feedId, ids } = feedWithItems(6);
    lib.setStarred(ids[0]!, true);
    expect(lib.removeExpiredFeedArticles(feedId, { keepDays: null, keepItems: 2 }, NOW)).toBe(3);
    expect(lib.list({ view: 'all', feed: feedId }).items.map((a) => a.title)).toEqual(['Post 0', 'Post 1', 'Post 2']);
  });

  it('keeps everything without a retention, and unsubscribing keeps what the reader holds', () => {
    const { lib, feedId, ids } = feedWithItems(4);
    expect(lib.removeExpiredFeedArticles(feedId, { keepDays: null, keepItems: null }, NOW)).toBe(0);
    lib.setArchived(ids[1]!, true);
    lib.setStarred(ids[2]!, true);
    expect(lib.unsubscribe(feedId)).toEqual({ removed: 2, kept: 2 });
    expect(lib.feeds.get(feedId)).toBeNull();
    expect(lib.list({ view: 'all' }).items.map((a) => a.title).sort()).toEqual(['Post 1', 'Post 2']);
  });
});
