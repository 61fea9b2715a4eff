// Electron smoke test: launches the real app where an Electron binary is installed and checks
// the security baseline from inside. Without the binary (this CI cannot download it) it says
// so on one line and passes, rather than pretending.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { _electron } from '@playwright/test';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
// Requiring 'electron' would try to download the binary; look for it instead.
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null;

if (!binary || !existsSync(binary)) {
  console.log('SKIPPED: no Electron binary (node_modules/electron has none; it downloads on first `npm start`)');
  process.exit(0);
}

execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
const userData = mkdtempSync(join(tmpdir(), 'lectern-smoke-'));
const app = await _electron.launch({
  executablePath: binary,
  args: ['.', `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
try {
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  assert.match(page.url(), /^lectern:\/\/app\//);
  const bridge = await page.evaluate(() => Object.keys((window as unknown as { lectern: object }).lectern).sort());
  assert.deepEqual(bridge, ['invoke', 'on']);
  assert.equal(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
  const listed = await page.evaluate(() =>
    (window as unknown as { lectern: { invoke(n: string, q: object): Promise<{ ok: boolean }> } }).lectern.invoke('listArticles', { view: 'unread' }),
  );
  assert.equal(listed.ok, true);
  const refused = await page.evaluate(() =>
    (window as unknown as { lectern: { invoke(n: string, q: unknown): Promise<{ ok: boolean }> } }).lectern.invoke('getArticle', 42),
  );
  assert.equal(refused.ok, false);
  await page.evaluate(() => { window.location.href = 'https://example.com/'; });
  await page.waitForTimeout(500);
  assert.match(page.url(), /^lectern:\/\/app\//, 'navigation away from the app is denied');
  console.log('1 passed, 0 failed: electron smoke');
} finally {
  await app.close();
}
