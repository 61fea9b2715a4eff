// Listening, end to end through the real core, with the system's speech put behind the Web
// Speech API the app uses (headless Chromium has no voices): play from where reading is,
// the sentence shown and kept in view, pause and resume, a paragraph back and forward by
// button and key, speed and voice from the display settings (remembered), the article's
// language picking the voice or saying there is none, and axe with the bar showing.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { Article, Result } from '../../electron/ipc/api.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { expect, saveAndOpen, test, unwrap } from './harness.ts';
import { finishUtterance, installSystemSpeech, saying, spoken, type TestVoice } from './system-speech.ts';

const WORDS = ['meadow', 'heron', 'lock', 'embankment', 'footbridge', 'spire', 'ditch', 'brewery', 'gate', 'willow'];
/** Paragraph n: two sentences that say which paragraph they are. */
const sentences = (n: number) => [`Paragraph ${n} begins by the ${WORDS[n % 10]}.`, `It ends ${n} miles on, where the path turns to mud and nobody walks in spring.`];
const PARAGRAPHS = Array.from({ length: 30 }, (_, i) => sentences(i + 1).join(' '));

const page = (lang: string, title: string, paragraphs: string[]) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><article>
<h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<p>Before you go, run <code>tide --today</code> to check the water.</p>
<pre><code>print("not read aloud")</code></pre>
</article></body></html>`;

const FRENCH = Array.from({ length: 6 }, (_, i) => `Le chemin longe la rivière pendant ${i + 2} kilomètres. Au printemps, les prés sont inondés et personne ne passe.`);

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

const VOICES: TestVoice[] = [
  { voiceURI: 'urn:voice:en-us', name: 'Samantha', lang: 'en-US', default: true },
  { voiceURI: 'urn:voice:en-gb', name: 'Daniel', lang: 'en-GB' },
];
const FRENCH_VOICE: TestVoice = { voiceURI: 'urn:voice:fr', name: 'Amélie', lang: 'fr-FR' };

let server: FixtureServer;
test.beforeEach(async () => {
  server = await startFixtureServer({
    '/walk/': { body: page('en-GB', 'Walking the Old River Path', PARAGRAPHS) },
    '/chemin/': { body: page('fr', 'Le vieux chemin de la rivière', FRENCH) },
  });
});
test.afterEach(async () => {
  await server.close();
});

const controls = (page: Page) => page.getByRole('group', { name: 'Listen' });
/** The text the reader shows as being read (the CSS custom highlight), or null. */
const shownAsRead = (page: Page) =>
  page.evaluate(() => {
    const highlight = CSS.highlights.get('lectern-speaking');
    const range = highlight ? ([...highlight.values()][0] as Range | undefined) : undefined;
    return range ? range.toString() : null;
  });
const said = async (page: Page) => (await saying(page))?.text ?? null;

test('listen from the top: sentence by sentence, shown as read, pause and resume, skips by button and key', async ({ app }) => {
  await installSystemSpeech(app.page, VOICES);
  await saveAndOpen(app, server.url('/walk/'));
  const { page } = app;
  const listen = controls(page).getByRole('button', { name: 'Listen' });
  await expect(listen).toBeEnabled();
  await listen.click();

  const [first, second] = sentences(1);
  await expect.poll(() => said(page)).toBe(first);
  // The article's en-GB picks the British voice, not the system's default American one.
  expect((await spoken(page))[0]).toMatchObject({ lang: 'en-GB', voice: 'urn:voice:en-gb', rate: 1 });
  await expect.poll(() => shownAsRead(page)).toBe(first);
  await expect(controls(page)).toContainText('Paragraph 1 of 31');
  await expect(controls(page)).toContainText('Daniel');

  await finishUtterance(page);
  await expect.poll(() => said(page)).toBe(second);
  await expect.poll(() => shownAsRead(page)).toBe(second);

  await controls(page).getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => said(page)).toBeNull();
  await expect(controls(page).getByRole('button', { name: 'Resume' })).toBeVisible();
  await controls(page).getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => said(page)).toBe(second);

  await controls(page).getByRole('button', { name: 'Next paragraph' }).click();
  await expect.poll(() => said(page)).toBe(sentences(2)[0]);
  await page.keyboard.press(']');
  await expect.poll(() => said(page)).toBe(sentences(3)[0]);
  await finishUtterance(page);
  await expect.poll(() => said(page)).toBe(sentences(3)[1]);
  // Back: first to this paragraph's start, then to the one before.
  await page.keyboard.press('[');
  await expect.poll(() => said(page)).toBe(sentences(3)[0]);
  await controls(page).getByRole('button', { name: 'Previous paragraph' }).click();
  await expect.poll(() => said(page)).toBe(sentences(2)[0]);
  await page.keyboard.press('l');
  await expect.poll(() => said(page)).toBeNull();
  await expect(controls(page).getByRole('button', { name: 'Resume' })).toBeVisible();
  // To the last paragraph: inline code is read as part of its sentence, the code block after
  // it is not read at all, and listening ends there.
  await page.keyboard.press('l');
  for (let n = 0; n < 29; n++) await page.keyboard.press(']');
  await expect.poll(() => said(page)).toBe('Before you go, run tide --today to check the water.');
  await expect(controls(page)).toContainText('Paragraph 31 of 31');
  await finishUtterance(page);
  await expect(controls(page).getByRole('button', { name: 'Listen' })).toBeVisible();
  expect(await said(page)).toBeNull();
  expect((await spoken(page)).some((u) => u.text.includes('not read aloud'))).toBe(false);
  expect(app.pageErrors).toEqual([]);
});

test('listening keeps the page at the sentence, so reading continues there, and starts where reading stopped', async ({ app }) => {
  await installSystemSpeech(app.page, VOICES);
  const id = await saveAndOpen(app, server.url('/walk/'));
  const { page } = app;
  await page.setViewportSize({ width: 1000, height: 700 });

  // Reading stopped at paragraph 12: it is at the top of the window.
  await page.locator('.reader-body p', { hasText: 'Paragraph 12 begins' }).evaluate((p) => window.scrollTo({ top: p.getBoundingClientRect().top + window.scrollY - 100 }));
  await page.keyboard.press('l');
  await expect.poll(() => said(page)).toBe(sentences(12)[0]);

  // Listening on to paragraph 25 scrolls the page along with it.
  for (let n = 0; n < 13; n++) await page.keyboard.press(']');
  await expect.poll(() => said(page)).toBe(sentences(25)[0]);
  const sentenceBox = () =>
    page.evaluate(() => {
      const range = [...(CSS.highlights.get('lectern-speaking')?.values() ?? [])][0] as Range | undefined;
      const rect = range?.getBoundingClientRect();
      return rect ? { top: Math.round(rect.top), bottom: Math.round(rect.bottom), text: range!.toString() } : null;
    });
  await expect.poll(async () => { const box = await sentenceBox(); return box && box.text === sentences(25)[0] && box.top > 0 && box.bottom < 700; }).toBe(true);
  // …and the reading position saved is there: reopening the article shows paragraph 25.
  await page.keyboard.press('l');
  await expect.poll(async () => unwrap<Article>(await app.core.invoke('getArticle', [id])).progress).toBeGreaterThan(0.6);
  await page.reload();
  await expect(page.locator('.reader-body')).toBeVisible();
  await expect(page.locator('.reader-body p', { hasText: 'Paragraph 25 begins' })).toBeInViewport();
  // Listening again starts at the sentence it stopped in, which is on screen.
  await page.keyboard.press('l');
  await expect.poll(() => said(page)).toBe(sentences(25)[0]);
  // Scrolled on since: from the first sentence on screen.
  await page.keyboard.press('l');
  await page.locator('.reader-body p', { hasText: 'Paragraph 5 begins' }).evaluate((p) => window.scrollTo({ top: p.getBoundingClientRect().top + window.scrollY - 100 }));
  await page.reload();
  await expect(page.locator('.reader-body')).toBeVisible();
  await page.locator('.reader-body p', { hasText: 'Paragraph 5 begins' }).evaluate((p) => window.scrollTo({ top: p.getBoundingClientRect().top + window.scrollY - 100 }));
  await page.keyboard.press('l');
  await expect.poll(() => said(page)).toBe(sentences(5)[0]);
});

test('speed and voice come from the display settings, change the sentence being read, and are remembered', async ({ app }) => {
  await installSystemSpeech(app.page, [...VOICES, FRENCH_VOICE]);
  await saveAndOpen(app, server.url('/walk/'));
  const { page } = app;
  await page.keyboard.press('l');
  await expect.poll(() => said(page)).toBe(sentences(1)[0]);

  await page.getByRole('button', { name: 'Display settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Display settings' });
  await settings.getByLabel('Speed').selectOption('1.5');
  await expect.poll(async () => (await saying(page))?.rate).toBe(1.5);
  expect(await said(page)).toBe(sentences(1)[0]);
  await settings.getByLabel('Voice').selectOption('urn:voice:en-us');
  await expect.poll(async () => (await saying(page))?.voice).toBe('urn:voice:en-us');
  expect((await app.core.invoke('getPreferences', [])) as Result<unknown>).toMatchObject({ ok: true, value: { speechRate: 1.5, speechVoice: 'urn:voice:en-us' } });

  await page.reload();
  await expect(page.locator('.reader-body')).toBeVisible();
  await page.getByRole('button', { name: 'Display settings' }).click();
  await expect(settings.getByLabel('Speed')).toHaveValue('1.5');
  await expect(settings.getByLabel('Voice')).toHaveValue('urn:voice:en-us');
});

test('the article’s language picks its voice; with none for it, the reader says so', async ({ app }) => {
  await installSystemSpeech(app.page, [...VOICES, FRENCH_VOICE]);
  // An English voice chosen by hand still leaves French articles to the French voice.
  await app.core.invoke('setPreferences', [{ speechVoice: 'urn:voice:en-us' }]);
  await saveAndOpen(app, server.url('/chemin/'));
  await app.page.keyboard.press('l');
  await expect.poll(() => said(app.page)).toBe('Le chemin longe la rivière pendant 2 kilomètres.');
  expect((await spoken(app.page))[0]).toMatchObject({ lang: 'fr', voice: 'urn:voice:fr' });
});

test('no voice for the article’s language: Listen is off and says why', async ({ app }) => {
  await installSystemSpeech(app.page, VOICES);
  await saveAndOpen(app, server.url('/chemin/'));
  await expect(controls(app.page)).toContainText('No French voice is installed on this computer');
  await expect(controls(app.page).getByRole('button', { name: 'Listen' })).toBeDisabled();
  await app.page.keyboard.press('l');
  expect(await spoken(app.page)).toEqual([]);
});

test('no voices at all: the reader says so', async ({ app }) => {
  await installSystemSpeech(app.page, []);
  await saveAndOpen(app, server.url('/walk/'));
  await expect(controls(app.page)).toContainText('No voices are installed on this computer');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the listening controls have no serious accessibility violations (${theme})`, async ({ app }) => {
    await installSystemSpeech(app.page, VOICES);
    await app.core.invoke('setPreferences', [{ theme }]);
    await saveAndOpen(app, server.url('/walk/'));
    await app.page.keyboard.press('l');
    await expect.poll(() => said(app.page)).not.toBeNull();
    await app.page.screenshot({ path: join(SCREENSHOTS, `listening-${theme}.png`) });
    await app.page.getByRole('button', { name: 'Display settings' }).click();
    await app.page.screenshot({ path: join(SCREENSHOTS, `listening-settings-${theme}.png`) });
    const results = await new AxeBuilder({ page: app.page }).include('.listen-controls').include('.display-settings').analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });
}
