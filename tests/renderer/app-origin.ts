// Serves the built renderer at a stand-in app origin from the REAL core, and gives the page the
// preload's surface (window.lectern) backed by core.invoke / core.on. Shared by the Playwright
// harness and scripts/bench-renderer.ts, so both run the app the same way.
import type { Page, Route } from '@playwright/test';
import type { Core } from '../../electron/core.ts';
import type { ApiEventName } from '../../electron/ipc/api.ts';

export const APP_ORIGIN = 'http://lectern.test';

/** In the page: the same surface the preload exposes, backed by the exposed binding. */
function installBridge() {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const w = window as unknown as {
    __lecternInvoke(name: string, args: unknown[]): Promise<unknown>;
    __lecternEmit?: (event: string, payload: unknown) => void;
  };
  Object.defineProperty(window, '__lecternEmit', {
    value: (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  });
  const bridge = Object.freeze({
    invoke: (name: string, ...args: unknown[]) => w.__lecternInvoke(name, args),
    on: (event: string, listener: Listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
  });
  Object.defineProperty(window, 'lectern', { value: bridge, enumerable: true });
}

async function toWebRequest(route: Route): Promise<Request> {
  const request = route.request();
  const headers = new Headers();
  for (const [name, value] of Object.entries(await request.allHeaders())) {
    if (!name.startsWith(':')) headers.set(name, value);
  }
  const method = request.method();
  const data = method === 'GET' || method === 'HEAD' ? null : request.postDataBuffer();
  return new Request(request.url(), { method, headers, body: data ? new Uint8Array(data) : null });
}

export interface ConnectOptions {
  /** Called with every request the page makes outside the app origin (all are refused). */
  onOutsideRequest?: (url: string) => void;
  /** Before an answer goes back to the page: a promise here holds it (a slow reply, in order). */
  beforeReply?: (name: string) => Promise<void> | undefined;
}

/**
 * Routes the app origin to core.handleRequest (what Electron's protocol handler calls), refuses
 * every other origin, and installs the bridge before any page script runs. Returns a function
 * that stops forwarding core events to the page.
 */
export async function connectPageToCore(page: Page, core: Core, options: ConnectOptions = {}): Promise<() => void> {
  await page.route(
    (url) => url.origin !== APP_ORIGIN,
    async (route) => {
      options.onOutsideRequest?.(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  await page.route(`${APP_ORIGIN}/**`, async (route) => {
    const response = await core.handleRequest(await toWebRequest(route));
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
  // Electron's IPC carries Uint8Array by structured clone (importFile's bytes, an export's file).
  // Playwright's binding does too, both ways (checked with 1.65: a Uint8Array arrives as one, not
  // as an index-keyed object), so arguments and results pass through untouched, as in the app.
  await page.exposeBinding('__lecternInvoke', async (_source, name: string, args: unknown[]) => {
    const answer = await core.invoke(name, args);
    await options.beforeReply?.(name);
    return answer;
  });
  await page.addInitScript(installBridge);
  return core.on((event: ApiEventName, payload: unknown) => {
    // Like webContents.send: delivered if a page is there, dropped during a reload.
    page
      .evaluate(([e, p]) => (window as unknown as { __lecternEmit?: (e: string, p: unknown) => void }).__lecternEmit?.(e, p), [event, payload] as const)
      .catch(() => undefined);
  });
}
