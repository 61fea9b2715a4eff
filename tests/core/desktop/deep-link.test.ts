import { describe, expect, it } from 'vitest';
import { findDeepLink, MAX_LINK_LENGTH, MAX_SAVED_URL_LENGTH, parseDeepLink } from '../../../electron/desktop/deep-link.ts';
import { LinkInbox } from '../../../electron/desktop/link-inbox.ts';

// What a bookmarklet builds: 'lectern://save?url=' + encodeURIComponent(location.href).
const bookmarklet = (href: string) => `lectern://save?url=${encodeURIComponent(href)}`;

describe('parseDeepLink', () => {
  it('returns the page a bookmarklet link asks to save', () => {
    const page = 'https://example.org/a/story?id=7&ref=feed#part-2';
    expect(parseDeepLink(bookmarklet(page))).toEqual({ ok: true, url: page });
    expect(parseDeepLink(`lectern://save/?url=${encodeURIComponent('http://example.org/')}`)).toEqual({ ok: true, url: 'http://example.org/' });
  });

  it('normalises the address the way the URL standard does', () => {
    expect(parseDeepLink(bookmarklet('  HTTPS://Example.ORG/ä b  '))).toEqual({ ok: true, url: 'https://example.org/%C3%A4%20b' });
  });

  it.each([
    ['another scheme', 'https://save?url=https%3A%2F%2Fexample.org%2F'],
    ['the app page itself', `lectern://app/?url=${encodeURIComponent('https://example.org/')}`],
    ['another action', `lectern://delete?url=${encodeURIComponent('https://example.org/')}`],
    ['a path after save', `lectern://save/more?url=${encodeURIComponent('https://example.org/')}`],
    ['no url', 'lectern://save'],
    ['an empty url', 'lectern://save?url='],
    ['two urls', `${bookmarklet('https://a.example/')}&url=${encodeURIComponent('https://b.example/')}`],
    ['a file', bookmarklet('file:///etc/passwd')],
    ['javascript', bookmarklet('javascript:alert(1)')],
    ['data', bookmarklet('data:text/html,<h1>x</h1>')],
    ['an ftp address', bookmarklet('ftp://example.org/file')],
    ['a relative address', bookmarklet('/just/a/path')],
    ['credentials', bookmarklet('https://user:secret@example.org/')],
    ['not a link', 'save this please'],
  ])('refuses %s', (_what, link) => {
    const parsed = parseDeepLink(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/\w/);
  });

  it('takes an address up to the core limit and refuses one past it', () => {
    const base = 'https://example.org/';
    const longest = base + 'a'.repeat(MAX_SAVED_URL_LENGTH - base.length);
    expect(parseDeepLink(bookmarklet(longest))).toEqual({ ok: true, url: longest });
    expect(parseDeepLink(bookmarklet(`${longest}a`)).ok).toBe(false);
  });

  it('refuses a link over the length limit before parsing it', () => {
    const link = `lectern://save?url=https://example.org/&pad=${'x'.repeat(MAX_LINK_LENGTH)}`;
    expect(parseDeepLink(link)).toEqual({ ok: false, reason: 'The link is too long.' });
  });
});

describe('findDeepLink', () => {
  it('finds the link wherever Chromium put it among the arguments', () => {
    const link = bookmarklet('https://example.org/');
    // A second Windows launch: the executable, switches Chromium added, then the link.
    expect(findDeepLink(['C:\\Lectern\\Lectern.exe', '--allow-file-access-from-files', link])).toBe(link);
    expect(findDeepLink(['/opt/Lectern/lectern', link, '--no-sandbox'])).toBe(link);
    expect(findDeepLink(['/opt/Lectern/lectern', 'LECTERN://save?url=x'])).toBe('LECTERN://save?url=x');
  });

  it('finds nothing in a plain launch', () => {
    expect(findDeepLink(['/opt/Lectern/lectern', '--enable-logging', 'https://example.org/'])).toBeNull();
    expect(findDeepLink([])).toBeNull();
  });
});

describe('LinkInbox', () => {
  it('holds pages until it opens, then saves them in order and later ones at once', () => {
    const inbox = new LinkInbox();
    const saved: string[] = [];
    expect(inbox.receive(bookmarklet('https://a.example/')).ok).toBe(true);
    expect(inbox.receive(bookmarklet('file:///x')).ok).toBe(false);
    inbox.receive(bookmarklet('https://b.example/'));
    expect(saved).toEqual([]);

    inbox.open((url) => saved.push(url));
    expect(saved).toEqual(['https://a.example/', 'https://b.example/']);
    inbox.receive(bookmarklet('https://c.example/'));
    expect(saved).toEqual(['https://a.example/', 'https://b.example/', 'https://c.example/']);
  });
});
