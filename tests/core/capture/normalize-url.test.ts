import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../../electron/capture/capture-error.ts';
import { normalizeUrl } from '../../../electron/capture/normalize-url.ts';

describe('normalizeUrl', () => {
  it('trims, lowercases the host, drops the fragment and default port', () => {
    expect(normalizeUrl('  HTTPS://News.Example.COM:443/Path/To?id=5#section  ')).toBe('https://news.example.com/Path/To?id=5');
  });

  it('drops click-tracking parameters and keeps the rest in order', () => {
    expect(normalizeUrl('https://a.example/p?b=2&utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&a=1&mc_eid=3')).toBe('https://a.example/p?b=2&a=1');
    expect(normalizeUrl('https://a.example/p?utm_campaign=z')).toBe('https://a.example/p');
    expect(normalizeUrl('https://a.example/p?')).toBe('https://a.example/p');
  });

  it('adds nothing: a bare host is not a web address', () => {
    expect(() => normalizeUrl('example.com/article')).toThrow(CaptureError);
    expect(() => normalizeUrl('example.com/article')).toThrow(/not a web address/);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.com/', 'data:text/html,x', 'mailto:a@b.c', ''])('refuses %j', (input) => {
    expect(() => normalizeUrl(input)).toThrow(/not a web address/);
  });
});
