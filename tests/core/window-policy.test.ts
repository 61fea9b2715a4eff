// Electron's security checklist, item by item, as the decisions main.ts wires to its events.
import { describe, expect, it } from 'vitest';
import { APP_CSP } from '../../electron/app/app-handler.ts';
import {
  allowPermission,
  allowRedirect,
  APP_ORIGIN,
  decideNavigation,
  decideWindowOpen,
  isAppUrl,
  isTrustedSender,
  mayOpenExternally,
  WEB_PREFERENCES,
} from '../../electron/app/window-policy.ts';

/** Addresses that are not our page, though some look like it. */
const NOT_THE_APP = [
  'lectern://app.evil/',
  'lectern://evil/app/',
  'lectern://app@evil/',
  'lectern://user:pw@app/',
  'lectern://app:8080/',
  'lectern:app/',
  'lectern://APP/',
  'http://app/',
  'https://lectern.app/',
  'file:///etc/passwd',
  'about:blank',
  'data:text/html,<script>1</script>',
  'javascript:alert(1)',
  'devtools://devtools/bundled/inspector.html',
  '',
  'not a url',
];

/** Links that must never reach shell.openExternal: they would run or open something local. */
const NOT_FOR_THE_BROWSER = [
  'file:///C:/Windows/System32/calc.exe',
  'smb://server/share',
  'ms-msdt:/id PCWDiagnostic',
  'javascript:alert(1)',
  'vbscript:msgbox',
  'data:text/html,hi',
  'mailto:someone@example.com',
  'lectern://app/',
  'chrome://settings',
  'http://',
  'not a url',
];

describe('window policy', () => {
  it('webPreferences: context isolation, the sandbox, no Node anywhere in the renderer', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(WEB_PREFERENCES.preload).toMatch(/preload\.cjs$/);
  });

  it('recognises only lectern://app as the app', () => {
    for (const url of [`${APP_ORIGIN}`, `${APP_ORIGIN}/`, `${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/#/article/1?x=1`]) {
      expect([url, isAppUrl(url)]).toEqual([url, true]);
    }
    for (const url of NOT_THE_APP) expect([url, isAppUrl(url)]).toEqual([url, false]);
  });

  it('opens only http(s) links in the system browser', () => {
    for (const url of ['https://example.com/a?b=1#c', 'http://127.0.0.1:8080/', 'HTTPS://EXAMPLE.COM/']) {
      expect([url, mayOpenExternally(url)]).toEqual([url, true]);
    }
    for (const url of NOT_FOR_THE_BROWSER) expect([url, mayOpenExternally(url)]).toEqual([url, false]);
  });

  it('navigation stays on the app; a web link goes to the browser; anything else is dropped', () => {
    expect(decideNavigation(`${APP_ORIGIN}/#/starred`)).toBe('allow');
    expect(decideNavigation('https://example.com/')).toBe('open-externally');
    for (const url of [...NOT_THE_APP, ...NOT_FOR_THE_BROWSER].filter((u) => !mayOpenExternally(u) && !isAppUrl(u))) {
      expect([url, decideNavigation(url)]).toEqual([url, 'deny']);
    }
  });

  it('window.open never opens an Electron window, not even one of the app', () => {
    expect(decideWindowOpen(`${APP_ORIGIN}/`)).toBe('deny');
    expect(decideWindowOpen('https://example.com/')).toBe('open-externally');
    for (const url of NOT_FOR_THE_BROWSER) expect([url, decideWindowOpen(url)]).toEqual([url, 'deny']);
  });

  it('redirects may not leave the app', () => {
    expect(allowRedirect(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const url of ['https://example.com/', ...NOT_THE_APP]) expect([url, allowRedirect(url)]).toEqual([url, false]);
  });

  it('denies every permission, but the app’s own clipboard write for Copy link', () => {
    const permissions = [
      'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal',
      'display-capture', 'clipboard-read', 'idle-detection', 'hid', 'serial', 'usb', 'window-management', 'unknown',
    ];
    for (const permission of permissions) {
      expect([permission, allowPermission(permission, `${APP_ORIGIN}/`)]).toEqual([permission, false]);
    }
    expect(allowPermission('clipboard-sanitized-write', `${APP_ORIGIN}/`)).toBe(true);
    for (const url of NOT_THE_APP) expect([url, allowPermission('clipboard-sanitized-write', url)]).toEqual([url, false]);
  });

  it('accepts IPC only from a frame showing the app', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/` })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/#/article/1` })).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    for (const url of NOT_THE_APP) expect([url, isTrustedSender({ url })]).toEqual([url, false]);
  });

  it('privileged windows load no remote content: the CSP names no other origin', () => {
    const sources = APP_CSP.split(';').flatMap((directive) => directive.trim().split(/\s+/).slice(1));
    for (const source of sources) expect(["'self'", "'none'", 'data:']).toContain(source);
  });
});
