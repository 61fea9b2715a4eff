// Electron's security checklist as plain decisions, so that tests can hold each one without an
// Electron binary; main.ts only wires them to Electron's events.
// https://www.electronjs.org/docs/latest/tutorial/security
import { PRELOAD_FILE } from './built-paths.ts';

export const APP_SCHEME = 'lectern';
const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** A standard, secure scheme: the renderer gets a real origin instead of file://. Vite's module
 * scripts load with crossorigin, hence corsEnabled. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/**
 * webPreferences for a window without the app's preload (the capture window, the upgrade
 * window): sandboxed, isolated, no Node anywhere, spelled out rather than left to defaults.
 */
export const NO_PRELOAD_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/**
 * Every window's webPreferences: context isolation, the sandbox and no Node in the renderer;
 * no <webview>, no insecure content, no experimental Blink features.
 */
export const WEB_PREFERENCES = {
  preload: PRELOAD_FILE,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
} as const;

function parse(url: string): URL | null {
  return URL.canParse(url) ? new URL(url) : null;
}

/** Our own page: lectern://app exactly (no user, no port, no look-alike host). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** shell.openExternal is given http(s) links only: never file:, custom schemes or javascript:. */
export function mayOpenExternally(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
}

export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

/** will-navigate: the window stays on the app; a web link goes to the browser instead. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  return mayOpenExternally(url) ? 'open-externally' : 'deny';
}

/** will-redirect: a redirect may only stay inside the app. */
export function allowRedirect(url: string): boolean {
  return isAppUrl(url);
}

/** setWindowOpenHandler: no new Electron window ever opens; a web link goes to the browser. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return mayOpenExternally(url) ? 'open-externally' : 'deny';
}

/**
 * Permission requests and checks are denied. The one exception is writing to the clipboard
 * from the app's own page: "Copy link" needs it (the async Clipboard API asks for it).
 */
export function allowPermission(permission: string, requestingUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}

/** IPC: only a frame showing our own page may call in, whatever window or frame it is. */
export function isTrustedSender(frame: { url: string } | null | undefined): boolean {
  return frame !== null && frame !== undefined && isAppUrl(frame.url);
}
