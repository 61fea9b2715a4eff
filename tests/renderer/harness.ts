// Runs the built renderer in Chromium against the REAL core, in this test process. Only
// Electron's IPC transport is replaced: the app origin is routed to core.handleRequest (the
// same function Electron's protocol handler calls) and window.lectern is a thin binding to
// core.invoke / core.on. Nothing else is faked.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core.ts';
import type { ArticleSummary, Result } from '../../electron/ipc/api.ts';
import { loopbackOnly } from '../support/fixture-server.ts';
import { APP_ORIGIN, connectPageToCore } from './app-origin.ts';

export { APP_ORIGIN };
/** Captures stay on loopback (allowFetch), so they take well under a second; this is headroom. */
export const CAPTURE_TIMEOUT = 15_000;
/** The built renderer; LECTERN_RENDERER_DIR points elsewhere (a build of one's own, beside another's). */
export const RENDERER_DIR = process.env.LECTERN_RENDERER_DIR ?? resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

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
  /** Answers to this operation wait (the core has already answered) until released. */
  holdReplies(name: string): { waiting(): number; release(): void };
}

export const test = base.extend<{ app: LecternApp; coreOptions: Partial<CoreOptions> }>({
  /** Extra core options for a spec, e.g. test.use({ coreOptions: { connector: { ports: [0] } } }). */
  coreOptions: [{}, { option: true }],
  app: async ({ page, coreOptions }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lectern-renderer-'));
    const openedExternally: string[] = [];
    const core = createCore({
      dataDir,
      rendererDir: RENDERER_DIR,
      openExternal: async (url) => void openedExternally.push(url),
      allowFetch: loopbackOnly,
      // Feeds refresh when a test says so (Refresh now / Refresh all), never on a timer mid-test.
      refreshFeeds: false,
      ...coreOptions,
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
    const held = new Map<string, { gate: Promise<void>; waiting: number }>();
    const unsubscribe = await connectPageToCore(page, core, {
      onOutsideRequest: (url) => outsideRequests.push(url),
      beforeReply: (name) => {
        const hold = held.get(name);
        if (!hold) return undefined;
        hold.waiting++;
        return hold.gate;
      },
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
      holdReplies(name) {
        let open = (): void => {};
        const hold = { gate: new Promise<void>((resolve) => (open = resolve)), waiting: 0 };
        held.set(name, hold);
        return {
          waiting: () => hold.waiting,
          release: () => {
            held.delete(name);
            open();
          },
        };
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

/** A core answer's value; a failed one fails the test with its message. */
export function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** Saves `url` through the core, waits for the capture, and opens the article in the reader. */
export async function saveAndOpen(app: LecternApp, url: string): Promise<string> {
  const { id } = unwrap<ArticleSummary>(await app.core.invoke('saveUrl', [url]));
  await app.core.idle();
  await app.open(`/#/read/${id}`);
  await expect(app.page.locator('.reader-body')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  return id;
}
