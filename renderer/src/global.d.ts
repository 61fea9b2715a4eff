import type { LecternBridge } from '../../electron/ipc/api.ts';

// The preload (or the test harness) puts exactly this on window; nothing else crosses over.
declare global {
  interface Window {
    readonly lectern: LecternBridge;
  }
}

export {};
