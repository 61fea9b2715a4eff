import { useEffect, useState } from 'react';
import type { QueueStatus } from '../../../electron/ipc/api.ts';
import { call, subscribe } from '../lib/bridge.ts';

/**
 * The capture queue as the core reports it: whether it can reach the network (captures pause
 * while it cannot) and how many captures are running or waiting. Re-read as jobs move on.
 */
export function useQueueStatus(refreshMs = 150): QueueStatus {
  const [status, setStatus] = useState<QueueStatus>({ online: true, waiting: 0, fetching: 0 });
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      call('queueStatus')
        .then((next) => current && setStatus(next))
        .catch(() => undefined);
    };
    // Bursts of progress events become one read.
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, refreshMs);
    };
    refresh();
    const offProgress = subscribe('jobProgress', schedule);
    const offChanged = subscribe('articleChanged', schedule);
    const offNetwork = subscribe('networkChanged', (payload) => {
      setStatus((prev) => ({ ...prev, online: payload.online }));
      schedule();
    });
    return () => {
      current = false;
      clearTimeout(timer);
      offProgress();
      offChanged();
      offNetwork();
    };
  }, [refreshMs]);
  return status;
}
