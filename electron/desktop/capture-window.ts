// The capture window: a separate browsing session in which the user can log in to a site and
// then save the page as they see it. It runs web content with none of the app's powers: its
// own persistent partition (its cookies stay there, and can be cleared), sandboxed, isolated,
// with no preload and no Node. main.ts opens it; the decisions are here, in plain Node.
import { z } from 'zod';
import { NO_PRELOAD_PREFERENCES } from '../app/window-policy.ts';
import type { SavePageRequest } from '../shared/connector-protocol.ts';
import { CONNECTOR_LIMITS } from '../shared/connector-protocol.ts';

export const CAPTURE_PARTITION = 'persist:capture';
export const CAPTURE_WINDOW_TITLE = 'Lectern capture window';

/** BrowserWindow options; webPreferences are spelled out, not left to defaults that may change. */
export const CAPTURE_WINDOW_OPTIONS = {
  width: 1100,
  height: 800,
  title: CAPTURE_WINDOW_TITLE,
  webPreferences: { partition: CAPTURE_PARTITION, ...NO_PRELOAD_PREFERENCES },
} as const;

/** A page the capture window may open or navigate to: http(s) without credentials in the address. */
export function captureUrlAllowed(url: string): boolean {
  if (url.length > 8192 || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.username && !parsed.password;
}

/** The world id the page reader runs in: the page's own scripts cannot see or change it. */
export const READ_PAGE_WORLD_ID = 1001;

/** Run in an isolated world: the DOM as the user sees it, and the selection if there is one. */
export const READ_PAGE_SCRIPT = `(() => {
  const selection = window.getSelection();
  let selectionHtml;
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
    const holder = document.createElement('div');
    for (let i = 0; i < selection.rangeCount; i++) holder.appendChild(selection.getRangeAt(i).cloneContents());
    selectionHtml = holder.innerHTML;
  }
  return { url: location.href, title: document.title, html: document.documentElement.outerHTML, selectionHtml };
})()`;

const pageRead = z.object({
  url: z.string().max(8192),
  title: z.string().transform((t) => t.slice(0, 1000)),
  html: z.string().max(CONNECTOR_LIMITS.pageBodyBytes),
  selectionHtml: z.string().max(CONNECTOR_LIMITS.pageBodyBytes).optional(),
});

/** What the script answered, checked like a connector request (the page can shape the DOM). */
export function toSavePageRequest(result: unknown): SavePageRequest | null {
  const parsed = pageRead.safeParse(result);
  if (!parsed.success || !captureUrlAllowed(parsed.data.url)) return null;
  const { url, title, html, selectionHtml } = parsed.data;
  return { url, html, ...(title ? { title } : {}), ...(selectionHtml ? { selectionHtml } : {}) };
}
