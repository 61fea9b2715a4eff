import { useCallback, useEffect, useRef, useState } from 'react';

export interface Toast {
  id: number;
  message: string;
  /** An undo (or other) action offered while the toast is up. */
  action?: { label: string; run: () => void };
  /** Runs when the toast goes away without its action: timed out, dismissed, or the window closed. */
  onExpire?: () => void;
}

export interface ToastsState {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id'>, timeoutMs?: number) => void;
  /** Runs the toast's action; its expiry then never runs. */
  act: (id: number) => void;
  dismiss: (id: number) => void;
}

export const TOAST_MS = 6_000;

/**
 * Short-lived notices, Gmail-style: an undoable action is shown as done at once, and only
 * carried out (onExpire) when its toast goes away without Undo. Closing the window commits.
 */
export function useToasts(): ToastsState {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const live = useRef(new Map<number, { toast: Toast; timer: ReturnType<typeof setTimeout> }>());
  const nextId = useRef(1);

  const finish = useCallback((id: number, how: 'act' | 'expire') => {
    const entry = live.current.get(id);
    if (!entry) return;
    live.current.delete(id);
    clearTimeout(entry.timer);
    setToasts((prev) => prev.filter((t) => t.id !== id));
    if (how === 'act') entry.toast.action?.run();
    else entry.toast.onExpire?.();
  }, []);

  const show = useCallback(
    (toast: Omit<Toast, 'id'>, timeoutMs = TOAST_MS) => {
      const full = { ...toast, id: nextId.current++ };
      const timer = setTimeout(() => finish(full.id, 'expire'), timeoutMs);
      live.current.set(full.id, { toast: full, timer });
      // A few at a time: the oldest goes (and commits) when a fourth arrives.
      setToasts((prev) => [...prev, full]);
      const ids = [...live.current.keys()];
      for (const old of ids.slice(0, Math.max(0, ids.length - 3))) finish(old, 'expire');
    },
    [finish],
  );

  useEffect(() => {
    const entries = live.current;
    const commitAll = () => {
      for (const id of [...entries.keys()]) finish(id, 'expire');
    };
    window.addEventListener('pagehide', commitAll);
    return () => {
      window.removeEventListener('pagehide', commitAll);
      commitAll();
    };
  }, [finish]);

  return {
    toasts,
    show,
    act: useCallback((id: number) => finish(id, 'act'), [finish]),
    dismiss: useCallback((id: number) => finish(id, 'expire'), [finish]),
  };
}
