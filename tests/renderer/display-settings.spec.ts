// Theme and reading typography, chosen in the "Aa" popover, applied at once and kept by the
// core (so every window, and the next start, gets them).
import { join } from 'node:path';
import type { FixtureServer } from '../support/fixture-server.ts';
import { CAPTURE_TIMEOUT, expect, test } from './harness.ts';
import { NEWS_PATH, NEWS_TITLE, startNewsServer } from './fixtures.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: FixtureServer;
test.beforeEach(async () => {
  server = await startNewsServer();
});
test.afterEach(async () => {
  await server.close();
});

test('display settings change the theme and the reader typography, and persist', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open();
  await page.getByRole('textbox', { name: 'Save a link' }).fill(server.url(NEWS_PATH));
  await page.keyboard.press('Enter');
  await expect(page.locator('.row').filter({ hasText: NEWS_TITLE }).getByRole('link')).toBeVisible({ timeout: CAPTURE_TIMEOUT });
  await page.locator('.row').filter({ hasText: NEWS_TITLE }).getByRole('link').click();
  const body = page.locator('.reader-body');
  await expect(body).toContainText('jar of silt');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  expect(await body.evaluate((el) => getComputedStyle(el).fontSize)).toBe('19px');

  await page.getByRole('button', { name: 'Display settings' }).click();
  const panel = page.getByRole('dialog', { name: 'Display settings' });
  await expect(panel).toBeVisible();
  await panel.getByRole('radio', { name: 'Dark' }).check();
  await panel.getByRole('radio', { name: 'Sans' }).check();
  await panel.getByRole('button', { name: 'Larger text' }).click();
  await panel.getByRole('button', { name: 'Larger text' }).click();
  await panel.getByRole('radio', { name: 'Wide' }).check();
  await panel.getByRole('radio', { name: 'Loose' }).check();
  await expect(panel.locator('output')).toHaveText('21px');
  await page.screenshot({ path: join(SCREENSHOTS, 'display-settings.png') });

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  expect(await body.evaluate((el) => getComputedStyle(el).fontSize)).toBe('21px');
  expect(await body.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/system-ui/);
  expect(parseFloat(await body.evaluate((el) => getComputedStyle(el).lineHeight))).toBeCloseTo(21 * 1.8);
  await expect.poll(() => app.core.invoke('getPreferences', [])).toMatchObject({
    value: { theme: 'dark', font: 'sans', fontSize: 21, columnWidth: 'wide', lineHeight: 1.8 },
  });

  // Esc closes the popover and stays in the reader.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: NEWS_TITLE })).toBeVisible();

  // Keyboard: '-' steps the size back down.
  await page.keyboard.press('-');
  await expect.poll(() => body.evaluate((el) => getComputedStyle(el).fontSize)).toBe('20px');

  await page.reload();
  await expect(body).toContainText('jar of silt');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await body.evaluate((el) => getComputedStyle(el).fontSize)).toBe('20px');
  await page.screenshot({ path: join(SCREENSHOTS, 'reader-sans-dark.png') });

  // A change made elsewhere (another window) arrives as an event and applies here too.
  await app.core.invoke('setPreferences', [{ theme: 'sepia' }]);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');
  await page.screenshot({ path: join(SCREENSHOTS, 'reader-sepia.png') });

  // Back to following the system.
  await page.getByRole('button', { name: 'Display settings' }).click();
  await panel.getByRole('radio', { name: 'System' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  expect(await background()).toBe(light);
});

test('keyboard: ? lists the shortcuts, 1–4 switch views', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Archive, or move back to Unread');
  await page.screenshot({ path: join(SCREENSHOTS, 'shortcuts.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('2');
  await expect(page).toHaveURL(/#\/starred$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Starred');
  await page.keyboard.press('3');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
  await page.keyboard.press('4');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All');
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unread');
});

test('the last theme is applied before the first paint, not after the core answers', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await app.core.invoke('setPreferences', [{ theme: 'dark' }]);
  // What the page looks like as soon as it is parsed and its scripts have run: the core's
  // answer (an IPC round trip from an effect) cannot have arrived yet.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const w = window as unknown as { __themeAtLoad?: string; __backgroundAtLoad?: string };
      w.__themeAtLoad = document.documentElement.dataset.theme ?? 'none';
      w.__backgroundAtLoad = getComputedStyle(document.body).backgroundColor;
    });
  });
  const atLoad = () => page.evaluate(() => (window as unknown as { __themeAtLoad?: string }).__themeAtLoad);

  // First start: nothing cached, so the theme arrives from the core a moment later.
  await app.open();
  expect(await atLoad()).toBe('none');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  // Every start after: dark from the very first frame.
  await page.reload();
  expect(await atLoad()).toBe('dark');
  expect(await page.evaluate(() => (window as unknown as { __backgroundAtLoad?: string }).__backgroundAtLoad)).toBe(dark);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // Back to the system theme: the next start follows the system at once too.
  await app.core.invoke('setPreferences', [{ theme: 'system' }]);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  await page.reload();
  expect(await atLoad()).toBe('none');
});
