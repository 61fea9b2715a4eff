// A library with one of everything an export must carry: every article state, a feed with its
// settings, highlights (one orphaned), and real image files in an asset store.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { sanitizeArticleHtml } from '../../../electron/capture/extraction/sanitize-article.ts';
import type { Library } from '../../../electron/library/library.ts';
import { assetUrl } from '../../../electron/shared/captured-article.ts';
import { capture, freshLibrary } from '../library/helpers.ts';

const IMAGES = join(import.meta.dirname, '../../fixtures/images');

export interface Fixture {
  lib: Library;
  dir: string;
  assets: AssetStore;
  ids: Record<'full' | 'rtl' | 'failed' | 'pending' | 'fromFeed' | 'cjk', string>;
  hashes: string[];
  feedId: string;
}

export function emptyLibrary(): { lib: Library; dir: string; assets: AssetStore } {
  const { lib, dir } = freshLibrary();
  return { lib, dir, assets: new AssetStore(join(dir, 'assets')) };
}

function done(lib: Library, url: string, overrides: Parameters<typeof capture>[0], extra: { feedId?: string; savedAt?: string } = {}): string {
  const { article } = lib.addPending(url, extra.savedAt ?? null, { feedId: extra.feedId ?? null });
  const html = overrides?.html === undefined ? undefined : sanitizeArticleHtml(overrides.html, 'assets');
  lib.completeCapture(article.id, capture({ url, ...overrides, ...(html === undefined ? {} : { html }) }));
  return article.id;
}

export async function fixtureLibrary(): Promise<Fixture> {
  const { lib, dir, assets } = emptyLibrary();
  const stored = await Promise.all(['photo-1.png', 'photo-2.jpg', 'photo-5.gif'].map(async (name) => assets.put(await readFile(join(IMAGES, name)))));
  const [body, lead, icon] = stored.map((s) => s.hash) as [string, string, string];

  const full = done(lib, 'https://example.com/full', {
    title: 'Growing tomatoes, "properly"',
    byline: 'Ada Writer',
    siteName: 'Example Gardens',
    canonicalUrl: 'https://example.com/full-canonical',
    text: 'Tomatoes need sun.\n\nWater them daily.',
    html: `<h2>Tomatoes</h2><p>Tomatoes need <a href="https://example.com/sun">sun</a>.</p><figure><img src="${assetUrl(body)}" alt="A tomato"></figure><p>Water them daily.</p>`,
    leadImage: assetUrl(lead),
    favicon: assetUrl(icon),
    publishedAt: '2025-06-01T08:00:00.000Z',
    assetHashes: [body, lead, icon],
  }, { savedAt: '2025-06-02T09:00:00.000Z' });
  lib.setStarred(full, true);
  lib.setProgress(full, 1);
  lib.setArchived(full, true);
  lib.setNote(full, 'A note, with "quotes"\nand a second line');
  lib.addTags(full, ['garden', 'Food & Drink']);

  const rtl = done(lib, 'https://example.org/ar', {
    title: 'مقالة عن الحدائق', lang: 'ar', dir: 'rtl', text: 'نص المقالة عن الحدائق', html: '<p>نص المقالة عن الحدائق</p>', byline: null,
  });
  lib.setProgress(rtl, 0.4);

  const { article: failedArticle } = lib.addPending('https://broken.example/x');
  lib.failCapture(failedArticle.id, 'The page could not be reached.');
  const pending = lib.addPending('https://later.example/y', '2024-01-01T00:00:00.000Z', { title: 'Read later' }).article.id;

  const { feed } = lib.feeds.add({ url: 'https://feeds.example/rss', title: 'Example Feed', siteUrl: 'https://feeds.example/', folder: 'News' });
  lib.feeds.update(feed.id, { title: 'My name for it', fetchFull: false, keepDays: 30, keepItems: 200 });
  const fromFeed = done(lib, 'https://feeds.example/item-1', { title: 'Feed item', text: 'An item about compost heaps', html: '<p>An item about compost heaps</p>' }, { feedId: feed.id });

  const cjk = done(lib, 'https://example.jp/a', { title: '東京の庭園', lang: 'ja', text: '東京都庁の近くの庭園について', html: '<p>東京都庁の近くの庭園について</p>' });

  // A deleted article: its tombstone is no part of any export.
  lib.delete(done(lib, 'https://example.com/gone', { title: 'Deleted' }));

  lib.highlights.add(full, { quote: 'Tomatoes need sun', prefix: '', suffix: '.', start: 0, end: 17, color: 'green', note: 'Important, "really"' });
  lib.highlights.add(full, { quote: 'Water them daily', color: 'pink' });
  // An imported highlight whose quote the saved page does not have: kept, orphaned.
  lib.highlights.add(rtl, { quote: 'حديقة الورود في الربيع', note: '' });
  lib.anchorHighlights(rtl);

  return { lib, dir, assets, ids: { full, rtl, failed: failedArticle.id, pending, fromFeed, cjk }, hashes: [body, lead, icon], feedId: feed.id };
}
