// Runs the built renderer in Chromium against the REAL core, in this test process. Only
// Electron's IPC transport is replaced: the app origin is routed to core.handleRequest (the
// same function Electron's protocol handler calls) and window.lectern is a thin binding to
// core.invoke / core.on. Nothing else is faked.
import { test as base, expect, type Page, type Route } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../../electron/core.ts';
import type { ApiEventName } from '../../electron/ipc/api.ts';
import { loopbackOnly } from '../support/fixture-server.ts';

export const APP_ORIGIN = 'http://lectern.test';
/** Captures stay on loopback (allowFetch), so they take well under a second; this is headroom. */
export const CAPTURE_TIMEOUT = 15_000;
export const RENDERER_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

const COOP_ON_HTTP = /Cross-Origin-Opener-Policy header has been ignored/;

export interface LecternApp {
  page: Page;
  core: Core;
  dataDir: string;
  /** URLs the shell was asked to open (the OS browser is not launched in tests). */
  openedExternally: string[];
  /** Requests the page tried to make outside the app origin; all are refused. */
  outsideRequests: string[];
  /** Uncaught page errors and console errors (CSP violations land here). */
  pageErrors: string[];
  /** Loads the app at a path of the app origin, e.g. '/' or '/#/starred'. */
  open(path?: string): Promise<void>;
}

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

export const test = base.extend<{ app: LecternApp }>({
  app: async ({ page }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lectern-renderer-'));
    const openedExternally: string[] = [];
    const core = createCore({
      dataDir,
      rendererDir: RENDERER_DIR,
      openExternal: async (url) => void openedExternally.push(url),
      allowFetch: loopbackOnly,
    });
    const outsideRequests: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // Chromium notes that COOP needs a secure origin; http://lectern.test stands in for the
      // privileged lectern:// scheme, so that one line is about the test origin, not the app.
      if (message.type() === 'error' && !COOP_ON_HTTP.test(message.text())) pageErrors.push(message.text());
    });

    // The page may talk to the app origin only; anything else is recorded and refused.
    await page.route(
      (url) => url.origin !== APP_ORIGIN,
      async (route) => {
        outsideRequests.push(route.request().url());
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

    await page.exposeBinding('__lecternInvoke', (_source, name: string, args: unknown[]) => core.invoke(name, args));
    await page.addInitScript(installBridge);
    const unsubscribe = core.on((event: ApiEventName, payload: unknown) => {
      // Like webContents.send: delivered if a page is there, dropped during a reload.
      page
        .evaluate(([e, p]) => (window as unknown as { __lecternEmit?: (e: string, p: unknown) => void }).__lecternEmit?.(e, p), [event, payload] as const)
        .catch(() => undefined);
    });

    const app: LecternApp = {
      page,
      core,
      dataDir,
      openedExternally,
      outsideRequests,
      pageErrors,
      async open(path = '/') {
        await page.goto(`${APP_ORIGIN}${path}`);
        await expect(page.getByRole('textbox', { name: 'Save a link' })).toBeVisible();
      },
    };
    await use(app);

    unsubscribe();
    await page.close();
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };
