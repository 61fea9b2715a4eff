// The connector's settings in the real renderer against the real core and its loopback server:
// a pairing request sent over HTTP (as the extension sends it) is shown with its code, Allow
// pairs the browser, it appears under Connected browsers, and Revoke removes it.
import AxeBuilder from '@axe-core/playwright';
import { CONNECTOR_PATHS, type PairFinishResponse, type PairStartResponse } from '../../electron/shared/connector-protocol.ts';
import { expect, test, type LecternApp } from './harness.ts';

test.use({ coreOptions: { connector: { ports: [0], version: 'test' } } });

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

async function connector(app: LecternApp) {
  const port = await app.core.connectorPort();
  if (!port) throw new Error('the connector did not start');
  const send = async <T>(path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { origin: ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as T;
  };
  return {
    start: (client: string) => send<PairStartResponse>(CONNECTOR_PATHS.pairStart, { client }),
    finish: (pairingId: string) => send<PairFinishResponse>(CONNECTOR_PATHS.pairFinish, { pairingId }),
    paired: async (token: string) => (await send<{ paired: boolean }>(CONNECTOR_PATHS.status, undefined, token)).paired,
  };
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

test('a pairing request is shown with its code; Allow pairs the browser and Revoke removes it', async ({ app }) => {
  await app.open('/');
  const http = await connector(app);
  const request = await http.start('Chromium on Linux');

  const prompt = app.page.getByRole('dialog', { name: 'Allow Chromium on Linux to save to Lectern?' });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByText(`Code ${request.code}`)).toBeVisible();
  const { violations } = await new AxeBuilder({ page: app.page }).include('.connector-pairing').withTags(AXE_TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(await http.finish(request.pairingId)).toEqual({ status: 'pending' });

  await prompt.getByRole('button', { name: 'Allow' }).click();
  await expect(prompt).toBeHidden();
  const approved = await http.finish(request.pairingId);
  if (approved.status !== 'approved') throw new Error(`pairing ended ${approved.status}`);
  expect(await http.paired(approved.token)).toBe(true);

  await app.page.getByRole('button', { name: 'Connected browsers' }).click();
  const settings = app.page.getByRole('dialog', { name: 'Connected browsers' });
  await expect(settings.getByRole('list', { name: 'Connected browsers' }).getByText('Chromium on Linux')).toBeVisible();
  const settingsAxe = await new AxeBuilder({ page: app.page }).include('.connected-browsers').withTags(AXE_TAGS).analyze();
  expect(settingsAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await settings.getByRole('button', { name: 'Revoke Chromium on Linux' }).click();
  await expect(settings.getByText('No browser is connected.')).toBeVisible();
  expect(await http.paired(approved.token)).toBe(false);
  expect(app.pageErrors).toEqual([]);
});

test('Deny refuses the browser, and a request made before the window opened is still shown', async ({ app }) => {
  const http = await connector(app);
  const request = await http.start('Firefox on Linux');
  await app.open('/');

  const prompt = app.page.getByRole('dialog', { name: 'Allow Firefox on Linux to save to Lectern?' });
  await expect(prompt.getByText(`Code ${request.code}`)).toBeVisible();
  await prompt.getByRole('button', { name: 'Deny' }).click();
  await expect(prompt).toBeHidden();
  expect(await http.finish(request.pairingId)).toEqual({ status: 'refused' });

  await app.page.getByRole('button', { name: 'Connected browsers' }).click();
  await expect(app.page.getByRole('dialog', { name: 'Connected browsers' }).getByText('No browser is connected.')).toBeVisible();
});
