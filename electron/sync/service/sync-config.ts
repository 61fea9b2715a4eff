// Sync's settings in the data folder (sync.json): the remote without its password, the
// "keep everything offline" choice and the last round. Secrets live in a SecretStore.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncRemoteSummary, SyncRoundSummary } from '../../shared/sync.ts';

export interface SyncConfig {
  remote: SyncRemoteSummary;
  keepOffline: boolean;
  lastSyncedAt: string | null;
  lastRound: SyncRoundSummary | null;
}

export const SYNC_CONFIG_FILE = 'sync.json';
export const PASSPHRASE_SECRET = 'sync.passphrase';
export const PASSWORD_SECRET = 'sync.password';

function isRemote(value: unknown): value is SyncRemoteSummary {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  if (r.kind === 'folder') return typeof r.path === 'string';
  return r.kind === 'webdav' && typeof r.url === 'string' && typeof r.username === 'string';
}

export function loadSyncConfig(dataDir: string): SyncConfig | null {
  const file = join(dataDir, SYNC_CONFIG_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SyncConfig>;
    if (!isRemote(parsed.remote)) return null;
    return {
      remote: parsed.remote,
      keepOffline: parsed.keepOffline === true,
      lastSyncedAt: typeof parsed.lastSyncedAt === 'string' ? parsed.lastSyncedAt : null,
      lastRound: parsed.lastRound && typeof parsed.lastRound === 'object' ? parsed.lastRound : null,
    };
  } catch {
    // A damaged settings file means sync is off until set up again; the library is untouched.
    return null;
  }
}

export function saveSyncConfig(dataDir: string, config: SyncConfig | null): void {
  const file = join(dataDir, SYNC_CONFIG_FILE);
  if (!config) {
    rmSync(file, { force: true });
    return;
  }
  writeFileSync(`${file}.tmp`, JSON.stringify(config, null, 2));
  renameSync(`${file}.tmp`, file);
}
