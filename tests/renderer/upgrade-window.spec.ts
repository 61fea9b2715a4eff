// The page of the window shown while an older library is upgraded (electron/desktop/
// upgrade-window.ts), in real Chromium: it shows its text, its CSP admits no script at all,
// and it has no serious accessibility violations in either colour scheme.
import { expect, test } from '@playwright/test';
import { UPGRADE_PAGE_URL } from '../../electron/desktop/upgrade-window.ts';
import { expectNoSeriousViolations } from './axe.ts';

test('the upgrade page shows what is happening and runs no script, even one put into it', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(UPGRADE_PAGE_URL);
  await expect(page.getByRole('heading', { name: 'Upgrading your library for this version of Lectern' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Upgrading' })).toBeVisible();
  // An inline script added to the page is refused by its own policy.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.title = "ran"';
    document.body.append(script);
  });
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  expect(await page.title()).not.toBe('ran');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the upgrade page has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto(UPGRADE_PAGE_URL);
    await expectNoSeriousViolations(page, `upgrade page (${colorScheme})`);
  });
}
