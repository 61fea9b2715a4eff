import { describe, expect, it } from 'vitest';
import { unreadableText } from '../../../electron/capture/fetching/unreadable-text.ts';

// The line between garbage and a real page with a flaw: the hostile cases show the garbage is
// refused; these show the real pages next to that line are still read.

const page = (body: string) => `<!doctype html><html><head><title>t</title></head><body><p>${body}</p></body></html>`;

describe('unreadableText', () => {
  it('reads real pages, in any script, with tabs, newlines, form feeds and a few bad bytes', () => {
    expect(unreadableText(page('Le café était fermé.\tÉté comme hiver.\n\f'))).toBeNull();
    expect(unreadableText(page('日本語の記事です。'.repeat(200)))).toBeNull();
    expect(unreadableText(page(`${'Plain words about the harbour. '.repeat(50)}\u0000\u0001 stray \uFFFD\uFFFD`))).toBeNull();
    // Fifteen bad characters in a page: a flaw, not an undecodable page.
    expect(unreadableText(page(`${'\uFFFD'.repeat(15)}`))).toBeNull();
    expect(unreadableText('')).toBeNull();
  });

  it('calls text made of control characters binary', () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode(i % 256)).join('');
    expect(unreadableText(bytes)).toBe('binary');
  });

  it('calls text whose non-ASCII characters are mostly replacement marks undecodable', () => {
    expect(unreadableText(page('\uFFFD\uFFFD\uFFFD text '.repeat(20)))).toBe('undecodable');
    // Mostly real non-ASCII text with some marks: still read.
    expect(unreadableText(page(`${'日本語の記事です。'.repeat(40)}${'\uFFFD'.repeat(20)}`))).toBeNull();
  });

  it('looks only at the start of a long page', () => {
    expect(unreadableText(`${page('fine '.repeat(20_000))}${'\u0000'.repeat(100_000)}`)).toBeNull();
  });
});
