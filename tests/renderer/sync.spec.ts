// The Sync settings and the status bar, against the real core and a real folder remote: set
// up new sync, sync now, the status shows when it last synced; a second library joining with a
// wrong passphrase is told so; no serious accessibility issues in the dialog.
import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core.ts';
import type { SyncStatus } from '../../electron/ipc/api.ts';
import { expect, test } from './harness.ts';
import { expectNoSeriousViolations } from './axe.ts';

let remote: string;
test.beforeEach(async () => {
  remote = await mkdtemp(join(tmpdir(), 'lectern-renderer-sync-'));
});
test.afterEach(async () => {
  await rm(remote, { recursive: true, force: true });
});

async function fillSetUp(page: Page, how: 'Set up new sync' | 'Join existing sync', passphrase: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Sync' });
  await dialog.getByRole('radio', { name: 'A folder' }).check();
  await dialog.getByRole('textbox', { name: 'Folder' }).fill(remote);
  await dialog.getByRole('radio', { name: how }).check();
  await dialog.getByLabel('Passphrase').fill(passphrase);
  await dialog.getByRole('button', { name: 'Turn on sync' }).click();
}

test('sets up sync with a folder, syncs now, and shows when it last synced', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Sync settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync' });
  await expect(dialog).toBeVisible();
  await expectNoSeriousViolations(page, 'sync set-up');

  await fillSetUp(page, 'Set up new sync', 'a passphrase for the test');
  await expect(dialog.getByText(`Syncing with the folder ${remote}.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Sync now' }).click();
  await expect(dialog.getByRole('status')).toContainText('last synced');
  await expectNoSeriousViolations(page, 'sync set up');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText(/^Synced \d/);

  const status = await app.core.invoke('getSyncStatus', []);
  expect(status.ok && (status.value as SyncStatus).lastSyncedAt).toBeTruthy();
});

test('joining an existing remote with a wrong passphrase says so and stays off', async ({ app }) => {
  // Another computer set the remote up first.
  const otherDir = await mkdtemp(join(tmpdir(), 'lectern-renderer-other-'));
  const other = createCore({ dataDir: otherDir, rendererDir: '/nonexistent', allowFetch: () => false, refreshFeeds: false });
  try {
    const setUp = await other.invoke('configureSync', [{ remote: { kind: 'folder', path: remote }, passphrase: 'the real passphrase', create: true }]);
    expect(setUp.ok).toBe(true);
    expect((await other.invoke('syncNow', [])).ok).toBe(true);
  } finally {
    await other.close();
    await rm(otherDir, { recursive: true, force: true });
  }

  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Sync settings' }).click();
  await fillSetUp(page, 'Join existing sync', 'a guess');
  const dialog = page.getByRole('dialog', { name: 'Sync' });
  await expect(dialog.getByRole('alert')).toContainText(/Wrong passphrase/);
  await expectNoSeriousViolations(page, 'wrong passphrase');
  await expect(dialog.getByRole('button', { name: 'Turn on sync' })).toBeEnabled();
  const status = await app.core.invoke('getSyncStatus', []);
  expect(status.ok && (status.value as SyncStatus).state).toBe('off');
});
