// Two or more real cores ("devices") syncing through a real folder, for the service tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../../electron/core.ts';
import type { ArticleSummary, Result, SyncSettings, SyncStatus } from '../../../../electron/ipc/api.ts';
import { loopbackOnly, startFixtureServer, type FixtureServer } from '../../../support/fixture-server.ts';
import { tempDir } from './temp-dirs.ts';

export { removeTempDirs, tempDir } from './temp-dirs.ts';

export const PNG = readFileSync(join(import.meta.dirname, '../../../fixtures/images/photo-1.png'));
export const PASSPHRASE = 'correct horse battery staple';

const paragraphs = (words: string) =>
  Array.from({ length: 8 }, (_, i) => `<p>${words} paragraph ${i} carries enough sentences to read as an article body, with more words after it.</p>`).join('');

/** A site with a few articles, each with one image of its own. */
export async function startArticleSite(count = 3): Promise<FixtureServer> {
  const server = await startFixtureServer();
  for (let i = 0; i < count; i++) {
    // Distinct bytes per image: a PNG with a different trailing chunk stays a PNG to the sniffer.
    server.route(`/img/${i}.png`, { headers: { 'content-type': 'image/png' }, body: Buffer.concat([PNG, Buffer.from(`image ${i}`)]) });
    server.route(`/post/${i}`, {
      body: `<!doctype html><html lang="en"><head><title>Post ${i}</title></head><body><article><h1>Post ${i}</h1><p><img src="${server.url(`/img/${i}.png`)}" alt="Picture ${i}"></p>${paragraphs(`Post ${i} says`)}</article></body></html>`,
    });
  }
  return server;
}

export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export interface Device {
  core: Core;
  dataDir: string;
  statuses: SyncStatus[];
  close(): Promise<void>;
}


export function openDevice(options: Partial<CoreOptions> = {}): Device {
  const dataDir = options.dataDir ?? tempDir('lectern-sync-device-');
  const core = createCore({ rendererDir: '/nonexistent', allowFetch: loopbackOnly, refreshFeeds: false, ...options, dataDir });
  const statuses: SyncStatus[] = [];
  core.on((event, payload) => {
    if (event === 'syncStatusChanged') statuses.push(payload as SyncStatus);
  });
  return { core, dataDir, statuses, close: () => core.close() };
}

export function folderSettings(path: string, create: boolean, passphrase = PASSPHRASE): SyncSettings {
  return { remote: { kind: 'folder', path }, passphrase, create };
}

export async function configure(device: Device, settings: SyncSettings): Promise<SyncStatus> {
  return value<SyncStatus>(await device.core.invoke('configureSync', [settings]));
}

export async function syncNow(device: Device): Promise<SyncStatus> {
  const status = value<SyncStatus>(await device.core.invoke('syncNow', []));
  if (status.state === 'error') throw new Error(`sync failed: ${status.message}`);
  return status;
}

/** Resolves with the first status (from now on) that satisfies `test`. */
export function nextStatus(device: Device, test: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const off = device.core.on((event, payload) => {
      if (event === 'syncStatusChanged' && test(payload as SyncStatus)) {
        off();
        resolve(payload as SyncStatus);
      }
    });
  });
}

export async function save(device: Device, url: string): Promise<ArticleSummary> {
  const saved = value<ArticleSummary>(await device.core.invoke('saveUrl', [url]));
  await device.core.idle();
  return saved;
}

export async function urls(device: Device): Promise<string[]> {
  const page = value<{ items: ArticleSummary[] }>(await device.core.invoke('listArticles', [{ view: 'all', limit: 500 }]));
  return page.items.map((a) => a.url).sort();
}
