// The capture window's plain parts: its isolation, the pages it may open, and the check on what
// the page reader answers (the page shapes its own DOM, so the answer is not trusted).
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  CAPTURE_PARTITION, CAPTURE_WINDOW_OPTIONS, captureUrlAllowed, READ_PAGE_SCRIPT, toSavePageRequest,
} from '../../../electron/desktop/capture-window.ts';
import { CONNECTOR_LIMITS } from '../../../electron/shared/connector-protocol.ts';

describe('capture window', () => {
  it('is its own persistent session, sandboxed and isolated, with no preload and no Node', () => {
    const prefs: Record<string, unknown> = CAPTURE_WINDOW_OPTIONS.webPreferences;
    expect(CAPTURE_PARTITION).toBe('persist:capture');
    expect(prefs).toMatchObject({ partition: 'persist:capture', sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(prefs.preload).toBeUndefined();
  });

  it.each([
    ['https://example.com/article', true],
    ['http://127.0.0.1:8080/page', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['lectern://app/', false],
    ['https://user:pw@example.com/', false],
    ['not a url', false],
    ['LONG', false],
  ])('opens %s: %s', (url, allowed) => {
    // LONG: an address past the 8,192 characters saveUrl takes.
    expect(captureUrlAllowed(url === 'LONG' ? `https://example.com/${'a'.repeat(9000)}` : url)).toBe(allowed);
  });

  it('turns what the page reader answered into a save-page request, and refuses anything else', () => {
    const html = '<html><body><p>Hello</p></body></html>';
    expect(toSavePageRequest({ url: 'https://example.com/a', title: 'A', html })).toEqual({ url: 'https://example.com/a', title: 'A', html });
    expect(toSavePageRequest({ url: 'https://example.com/a', title: '', html, selectionHtml: '<b>x</b>' })).toEqual({ url: 'https://example.com/a', html, selectionHtml: '<b>x</b>' });
    for (const bad of [null, 'html', { url: 'file:///x', title: '', html }, { url: 'https://example.com/', title: '', html: 42 }, { url: 'https://e.com/', title: '', html: 'x'.repeat(CONNECTOR_LIMITS.pageBodyBytes + 1) }]) {
      expect(toSavePageRequest(bad)).toBeNull();
    }
  });

  it('reads the page and its selection with the script it runs in the isolated world', () => {
    const { document } = parseHTML('<html><head><title>T</title></head><body><p id="p">Logged in as Ada</p></body></html>');
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('p')!);
    const selection = { rangeCount: 1, isCollapsed: false, getRangeAt: () => range };
    const run = new Function('window', 'document', 'location', `return ${READ_PAGE_SCRIPT};`) as (...a: unknown[]) => unknown;
    const read = run({ getSelection: () => selection }, document, { href: 'https://example.com/a' });
    expect(toSavePageRequest(read)).toMatchObject({ url: 'https://example.com/a', title: 'T', html: document.documentElement.outerHTML });
    expect(toSavePageRequest(read)?.selectionHtml).toContain('Logged in as Ada');
    // Nothing selected: no selection is sent, and the page is the article.
    const none = run({ getSelection: () => ({ rangeCount: 0, isCollapsed: true }) }, document, { href: 'https://example.com/a' });
    expect(toSavePageRequest(none)).not.toHaveProperty('selectionHtml');
  });
});
