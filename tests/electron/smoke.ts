// Electron smoke test: launches the real app where an Electron binary is installed and checks
// the security baseline from inside (Electron's checklist, as far as a running app shows it).
// Without the binary (this CI cannot download it) it says so on one line and passes, rather
// than pretending.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { _electron } from '@playwright/test';
import { APP_CSP } from '../../electron/app/app-handler.ts';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
// Requiring 'electron' would try to download the binary; look for it instead.
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null;

if (!binary || !existsSync(binary)) {
  console.log('SKIPPED: no Electron binary (node_modules/electron has none; it downloads on first `npm start`)');
  process.exit(0);
}

type Bridge = { invoke(name: string, ...args: unknown[]): Promise<{ ok: boolean }> };
const checks: string[] = [];
/** Polls until done() holds: events reach main on their own time, so no fixed sleep. */
const waitUntil = async (what: string, done: () => Promise<boolean>) => {
  for (const deadline = Date.now() + 5_000; !(await done()); ) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const check = async (name: string, body: () => Promise<void>) => {
  await body();
  checks.push(name);
};

// npm is npm.cmd on Windows, which only a shell finds.
execFileSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
const userData = mkdtempSync(join(tmpdir(), 'lectern-smoke-'));
const app = await _electron.launch({
  executablePath: binary,
  args: ['.', `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
try {
  // The OS browser is not launched by a test: record what main would have opened instead.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { openedExternally?: string[] }).openedExternally = opened;
    shell.openExternal = async (url: string) => void opened.push(url);
  });
  const openedExternally = () => app.evaluate(() => (globalThis as { openedExternally?: string[] }).openedExternally ?? []);

  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  assert.match(page.url(), /^lectern:\/\/app\//);

  await check('context isolation, the sandbox and no Node in the renderer', async () => {
    // Electron exposes no getter for webPreferences; each setting shows in its effect instead.
    // The renderer process is sandboxed (the OS reports it on Windows and macOS only):
    const sandboxed = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]?.webContents.getOSProcessId();
      return electronApp.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed ?? null;
    });
    assert.notEqual(sandboxed, false);
    // No Node in the page, and the bridge is there: contextBridge throws without context isolation.
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { lectern: object }).lectern).sort(),
    }));
    assert.deepEqual(globals, { require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
  });

  await check('IPC answers the app and validates its arguments', async () => {
    const listed = await page.evaluate(() => (window as unknown as { lectern: Bridge }).lectern.invoke('listArticles', { view: 'unread' }));
    assert.equal(listed.ok, true);
    const refused = await page.evaluate(() => (window as unknown as { lectern: Bridge }).lectern.invoke('getArticle', 42));
    assert.equal(refused.ok, false);
  });

  await check('the CSP on the page, a bundle file and a 404', async () => {
    const policies = await page.evaluate(async () => {
      const script = document.querySelector<HTMLScriptElement>('script[src]')?.src ?? '/missing';
      return Promise.all(['/', script, '/no-such-file.js'].map(async (url) => (await fetch(url)).headers.get('content-security-policy')));
    });
    assert.deepEqual(policies, [APP_CSP, APP_CSP, APP_CSP]);
  });

  await check('window.open opens no window, not even the app', async () => {
    const opened = await page.evaluate(() => window.open('lectern://app/#/starred') === null);
    assert.equal(opened, true);
    assert.equal(app.windows().length, 1);
    await page.evaluate(() => window.open('https://example.com/opened'));
    await waitUntil('window.open handed to the browser', async () => (await openedExternally()).includes('https://example.com/opened'));
    assert.equal(app.windows().length, 1);
  });

  await check('permission requests are denied', async () => {
    const states = await page.evaluate(async () => ({
      notification: await Notification.requestPermission(),
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
    }));
    assert.deepEqual(states, { notification: 'denied', geolocation: 'denied' });
  });

  await check('navigation away from the app is denied; a web link goes to the browser', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/navigated';
    });
    await waitUntil('the link handed to the browser', async () => (await openedExternally()).includes('https://example.com/navigated'));
    assert.match(page.url(), /^lectern:\/\/app\//);
    assert.equal(await page.evaluate(() => location.origin), 'lectern://app');
  });

  console.log(`${checks.length} passed, 0 failed: electron smoke (${checks.join('; ')})`);
} finally {
  await app.close();
}
