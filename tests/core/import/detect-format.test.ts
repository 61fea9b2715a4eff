import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, detectZipFormat } from '../../../electron/import/detect-format.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/imports/${name}`, import.meta.url));
const bytes = (text: string) => Buffer.from(text);

describe('detectFormat', () => {
  it('recognises every fixture by its content, whatever it is called', () => {
    const cases: Array<[string, string]> = [
      ['pocket.csv', 'pocket'],
      ['pocket-bom-crlf.csv', 'pocket'],
      ['ril_export.html', 'pocket'],
      ['instapaper.csv', 'instapaper'],
      ['readwise-reader.csv', 'readwise'],
      ['readwise-highlights.csv', 'readwise'],
      ['wallabag.json', 'wallabag'],
      ['omnivore-zip/metadata_0_to_20.json', 'omnivore'],
      ['lectern.json', 'json'],
      ['bookmarks.html', 'bookmarks'],
      ['feeds.opml', 'opml'],
      ['urls.txt', 'urls'],
    ];
    for (const [name, format] of cases) expect(detectFormat('upload.dat', fixture(name)), name).toBe(format);
  });

  it('puts content before the file name', () => {
    expect(detectFormat('bookmarks.html', fixture('instapaper.csv'))).toBe('instapaper');
    expect(detectFormat('export.zip', fixture('feeds.opml'))).toBe('opml');
    expect(detectFormat('notes.txt', Buffer.from([0x50, 0x4b, 3, 4, 20, 0]))).toBe('zip');
  });

  it('falls back on the name when the content does not say', () => {
    expect(detectFormat('subscriptions.opml', bytes(''))).toBe('opml');
    expect(detectFormat('export.zip', bytes(''))).toBe('zip');
    expect(detectFormat('data.json', bytes('not json at all'))).toBe('json');
    expect(detectFormat('something', bytes('hello there'))).toBeNull();
  });

  it('says null for binary content, even with a promising name', () => {
    const binary = Uint8Array.from({ length: 512 }, (_, i) => (i * 31 + 7) % 256);
    expect(detectFormat('pocket.csv', binary)).toBeNull();
  });

  it('reads a UTF-16 file by its byte-order mark', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('URL,Title,Selection,Folder,Timestamp\n', 'utf16le')]);
    expect(detectFormat('x.csv', utf16)).toBe('instapaper');
  });

  it('tells a JSON array of links from wallabag and Omnivore', () => {
    expect(detectFormat('x', bytes('[{"url": "https://a.example/", "title": "A"}]'))).toBe('json');
    expect(detectFormat('x', bytes('[{"is_archived": 0, "url": "https://a.example/"}]'))).toBe('wallabag');
    expect(detectFormat('x', bytes('[{"slug": "a", "savedAt": "2024-01-01", "url": "https://a.example/"}]'))).toBe('omnivore');
  });
});

describe('detectZipFormat', () => {
  it('knows Pocket and Omnivore zips by their files', () => {
    expect(detectZipFormat(['part_000000.csv', 'annotations/part_000000.json'])).toBe('pocket');
    expect(detectZipFormat(['annotations/part_000000.json'])).toBe('pocket');
    expect(detectZipFormat(['export/metadata_0_to_20.json', 'export/content/a.html'])).toBe('omnivore');
    expect(detectZipFormat(['library.json', 'assets/abc'])).toBeNull();
  });
});
