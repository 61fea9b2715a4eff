import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../electron/capture/fetching/decode-html.ts';
import { extractArticle, type Extracted } from '../../../electron/capture/extraction/extract-article.ts';
import { GOLDEN_BASE_URL, PAGES_DIR } from './support/fixtures.ts';
import { normalizeHtml } from './support/normalize-html.ts';

// Every tests/fixtures/pages/<name>/ holds source.html (raw bytes, any encoding), the
// expected.html we should extract and expected-metadata.json. UPDATE_GOLDEN=1 rewrites the
// expectations from the current output — review the diff before keeping it.

const METADATA_FIELDS = ['title', 'byline', 'siteName', 'publishedTime', 'lang', 'dir', 'excerpt', 'canonicalUrl', 'leadImageUrl'] as const;
type GoldenMetadata = Partial<Pick<Extracted, (typeof METADATA_FIELDS)[number]>>;

const pages = readdirSync(PAGES_DIR).filter((name) => existsSync(join(PAGES_DIR, name, 'source.html'))).sort();
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden pages', () => {
  it('has pages to check', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  for (const page of pages) {
    it(page, () => {
      const dir = join(PAGES_DIR, page);
      const { text: source } = decodeHtml(readFileSync(join(dir, 'source.html')));
      const extracted = extractArticle(source, GOLDEN_BASE_URL);
      const metadata = Object.fromEntries(METADATA_FIELDS.map((field) => [field, extracted[field]])) as GoldenMetadata;
      if (update) {
        writeFileSync(join(dir, 'expected.html'), `${extracted.html}\n`);
        writeFileSync(join(dir, 'expected-metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
      }
      const expectedHtml = readFileSync(join(dir, 'expected.html'), 'utf8');
      const expectedMetadata = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as GoldenMetadata;
      expect(normalizeHtml(extracted.html)).toBe(normalizeHtml(expectedHtml));
      for (const field of METADATA_FIELDS) {
        if (field in expectedMetadata) expect(extracted[field], field).toEqual(expectedMetadata[field]);
      }
    });
  }
});
