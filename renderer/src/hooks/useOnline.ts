import { useEffect, useState } from 'react';
import { call, subscribe } from '../lib/bridge.ts';

/** Whether the core can reach the network (captures pause while it cannot). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    let current = true;
    call('queueStatus')
      .then((status) => current && setOnline(status.online))
      .catch(() => undefined);
    const off = subscribe('networkChanged', (payload) => setOnline(payload.online));
    return () => {
      current = false;
      off();
    };
  }, []);
  return online;
}
