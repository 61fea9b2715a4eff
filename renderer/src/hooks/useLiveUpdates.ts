import { useEffect, useRef } from 'react';
import { subscribe } from '../lib/bridge.ts';

/**
 * Calls `onChange(id)` whenever the core reports an article changed or a capture job moved
 * on. Bursts are coalesced: one call per id per tick of `delayMs`.
 */
export function useLiveUpdates(onChange: (ids: Set<string>) => void, delayMs = 60): void {
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const queue = (id: string) => {
      pending.add(id);
      timer ??= setTimeout(() => {
        const ids = pending;
        pending = new Set();
        timer = null;
        latest.current(ids);
      }, delayMs);
    };
    const offChanged = subscribe('articleChanged', (payload) => queue(payload.id));
    const offProgress = subscribe('jobProgress', (payload) => queue(payload.id));
    return () => {
      offChanged();
      offProgress();
      if (timer) clearTimeout(timer);
    };
  }, [delayMs]);
}
