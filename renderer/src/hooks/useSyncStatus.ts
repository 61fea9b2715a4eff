import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../electron/ipc/api.ts';
import { call, subscribe } from '../lib/bridge.ts';

const OFF: SyncStatus = { state: 'off', remote: null, keepOffline: false, lastSyncedAt: null, message: null, lastRound: null };

/** Sync's state as the core reports it: read once, then kept current by its events. */
export function useSyncStatus(): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>(OFF);
  useEffect(() => {
    let current = true;
    // An event may overtake the first read; the event is the newer news.
    let heard = false;
    const off = subscribe('syncStatusChanged', (next) => {
      heard = true;
      setStatus(next);
    });
    call('getSyncStatus')
      .then((next) => current && !heard && setStatus(next))
      .catch(() => undefined);
    return () => {
      current = false;
      off();
    };
  }, []);
  return status;
}
