// What sync looks like from outside the engine: its settings as the renderer sends them, and
// its state for the status bar. Types only: sync and the IPC contract (api.ts, which re-exports them) share them.

/** Where sync keeps its files. The WebDAV password travels here only when it is being set. */
export type SyncRemoteSettings =
  | { kind: 'folder'; path: string }
  | { kind: 'webdav'; url: string; username: string; password: string };

/** What configureSync takes: `create` sets up a new remote; otherwise an existing one is joined. */
export interface SyncSettings {
  remote: SyncRemoteSettings;
  passphrase: string;
  create: boolean;
  /** Pull every image after each round, not only when an article is opened. */
  keepOffline?: boolean;
}

/** The remote as the status shows it: never a password or the passphrase. */
export type SyncRemoteSummary = { kind: 'folder'; path: string } | { kind: 'webdav'; url: string; username: string };

/** One round's counts (the engine's SyncRoundReport, with the rejected files counted). */
export interface SyncRoundSummary {
  pushed: number;
  pulled: number;
  applied: number;
  conflicts: number;
  rejected: number;
  bytesUp: number;
  bytesDown: number;
}

export type SyncState = 'off' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  remote: SyncRemoteSummary | null;
  keepOffline: boolean;
  /** When the last round completed (ISO 8601), or null if none has. */
  lastSyncedAt: string | null;
  /** Why the last round failed (state 'error'), or what it left aside (rejected files). */
  message: string | null;
  lastRound: SyncRoundSummary | null;
}
