// The renderer's own sanitiser is a second fence: even HTML that never went through the
// capture sanitiser (written straight into the library here) cannot run script, load
// anything from the web, or navigate the window.
import { expect, test } from './harness.ts';
import { seedArticles } from './seed.ts';

const HOSTILE_BODY = `
<p>First paragraph, which is perfectly ordinary.</p>
<script>window.__lecternPwned('script')</script>
<img src="/no-such-asset" onerror="window.__lecternPwned('onerror')" alt="bad">
<img src="https://tracker.example/pixel.png" alt="remote">
<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="svg data">
<svg><script>window.__lecternPwned('svg script')</script></svg>
<iframe src="javascript:parent.__lecternPwned('iframe')"></iframe>
<form action="https://evil.example/"><button formaction="javascript:alert(1)">Go</button></form>
<p style="color:red" onclick="window.__lecternPwned('onclick')">Styled paragraph with a handler.</p>
<p><a href="javascript:window.__lecternPwned('link')">A javascript link</a>,
<a href="file:///etc/passwd">a file link</a> and <a href="https://example.com/ok">a web link</a>.</p>
<math><mtext><table><mglyph><style><img src=x onerror="window.__lecternPwned('mxss')"></style></mglyph></table></mtext></math>
<p>Last paragraph.</p>`;

test('unsanitised HTML in the library is still made inert by the renderer', async ({ app }) => {
  const { page } = app;
  const fired: string[] = [];
  await page.exposeBinding('__lecternPwned', (_source, what: string) => void fired.push(what));
  seedArticles(app.dataDir, { count: 1, html: () => HOSTILE_BODY });
  await app.open();
  await page.locator('.row').filter({ hasText: 'Article number 0' }).getByRole('link').click();
  const body = page.locator('.reader-body');
  await expect(body).toContainText('Last paragraph.');

  await expect(body.locator('script, iframe, svg, math, form, button, style, [style], [onerror], [onclick]')).toHaveCount(0);
  await expect(body.locator('img')).toHaveCount(0);
  await expect(body.locator('a[href]')).toHaveCount(1);
  await expect(body.getByRole('link', { name: 'a web link' })).toHaveAttribute('href', 'https://example.com/ok');

  await body.getByText('A javascript link').click();
  await body.getByText('a file link').click();
  await body.getByText('Styled paragraph').click();
  await page.waitForTimeout(300);
  await expect(page.getByRole('heading', { level: 1, name: 'Article number 0' })).toBeVisible();
  expect(fired).toEqual([]);
  expect(app.outsideRequests).toEqual([]);
  expect(app.openedExternally).toEqual([]);
});
