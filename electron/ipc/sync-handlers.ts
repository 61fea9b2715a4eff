// Handlers for sync's settings and state. A set-up that fails (wrong passphrase, unreachable
// server) answers its reason and changes nothing; round failures show in the status instead.
import { SyncSetupError, type SyncService } from '../sync/sync-service.ts';
import type { Api, Result } from './api.ts';

export interface SyncDeps {
  sync: SyncService;
}

type SyncApi = Pick<Api, 'getSyncStatus' | 'configureSync' | 'syncNow' | 'disableSync' | 'setSyncKeepOffline'>;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function createSyncHandlers({ sync }: SyncDeps): SyncApi {
  return {
    async getSyncStatus() {
      return ok(sync.status());
    },
    async configureSync(settings) {
      try {
        return ok(await sync.configure(settings));
      } catch (error) {
        if (error instanceof SyncSetupError) return { ok: false, error: { code: 'invalid-argument', message: error.message } };
        throw error;
      }
    },
    async syncNow() {
      return ok(await sync.syncNow());
    },
    async disableSync() {
      return ok(await sync.disable());
    },
    async setSyncKeepOffline(keepOffline) {
      return ok(sync.setKeepOffline(keepOffline));
    },
  };
}
