// Sync inside the app: keeps the settings, and runs the engine's rounds in the background a
// few seconds after local changes, on a timer, and on demand; one round at a time, none while
// offline. Its state (idle, syncing, offline, error) goes to the status bar.
import type { AssetStore } from '../capture/images/asset-store.ts';
import type { Library } from '../library/library.ts';
import type { SyncVault } from './crypto/sync-vault.ts';
import { fetchSyncedAsset, hasLocalChanges, syncRound, type SyncRoundReport } from './sync-engine.ts';
import { missingAssetHashes } from './service/missing-assets.ts';
import { describeSyncError, openVault, plainRemote } from './service/open-remote.ts';
import { fileSecretStore, type SecretStore } from './service/secret-store.ts';
import { loadSyncConfig, PASSPHRASE_SECRET, PASSWORD_SECRET, saveSyncConfig, type SyncConfig } from './service/sync-config.ts';
import type { SyncRoundSummary, SyncSettings, SyncState, SyncStatus } from '../shared/sync.ts';

export interface SyncServiceOptions {
  library: Library;
  assets: AssetStore;
  dataDir: string;
  /** Where the passphrase and password are kept; a 0600 file in dataDir by default. */
  secrets?: SecretStore;
  onStatus?: (status: SyncStatus) => void;
  /** A round brought changes from another device (views reload). */
  onApplied?: (report: SyncRoundReport) => void;
  /** Quiet time after a local change before a round starts. */
  debounceMs?: number;
  /** Rounds on a timer, to pick up other devices' changes. */
  intervalMs?: number;
}

/** A set-up that failed (a wrong passphrase, an unreachable server): nothing was saved. */
export class SyncSetupError extends Error {
  override name = 'SyncSetupError';
}

export function summarize(report: SyncRoundReport): SyncRoundSummary {
  const { pushed, pulled, applied, conflicts, bytesUp, bytesDown } = report;
  return { pushed, pulled, applied, conflicts, rejected: report.rejected.length, bytesUp, bytesDown };
}

export class SyncService {
  readonly #options: SyncServiceOptions;
  readonly #secrets: SecretStore;
  #config: SyncConfig | null;
  /** Bumped when sync is set up anew or turned off: a round of the old settings records nothing. */
  #generation = 0;
  #vault: Promise<SyncVault> | null = null;
  #state: SyncState;
  #message: string | null = null;
  #online = true;
  #started = false;
  #closed = false;
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;
  #abort: AbortController | null = null;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(options: SyncServiceOptions) {
    this.#options = options;
    this.#secrets = options.secrets ?? fileSecretStore(options.dataDir);
    this.#config = loadSyncConfig(options.dataDir);
    this.#state = this.#config ? 'idle' : 'off';
  }

  status(): SyncStatus {
    const config = this.#config;
    return {
      state: this.#state,
      remote: config?.remote ?? null,
      keepOffline: config?.keepOffline ?? false,
      lastSyncedAt: config?.lastSyncedAt ?? null,
      message: this.#message,
      lastRound: config?.lastRound ?? null,
    };
  }

  /** Starts the timer and a first round (the app calls it once its window shows). */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#interval = setInterval(() => void this.#queue(), this.#options.intervalMs ?? 5 * 60_000);
    this.#interval.unref();
    void this.#queue();
  }

  /**
   * Opens the remote with the passphrase (setting it up when `create`), and only then saves
   * the settings; a failure throws SyncSetupError and leaves the old settings as they were.
   */
  async configure(settings: SyncSettings): Promise<SyncStatus> {
    await this.#stopRound();
    const { remote } = settings;
    const password = remote.kind === 'webdav' ? remote.password : null;
    const summary = remote.kind === 'folder' ? { kind: 'folder' as const, path: remote.path } : { kind: 'webdav' as const, url: remote.url, username: remote.username };
    let vault: SyncVault;
    try {
      vault = await openVault(plainRemote(summary, password), settings.passphrase, settings.create);
    } catch (error) {
      throw new SyncSetupError(describeSyncError(error), { cause: error });
    }
    this.#secrets.set(PASSPHRASE_SECRET, settings.passphrase);
    if (password) this.#secrets.set(PASSWORD_SECRET, password);
    else this.#secrets.delete(PASSWORD_SECRET);
    this.#generation++;
    this.#config = { remote: summary, keepOffline: settings.keepOffline ?? false, lastSyncedAt: null, lastRound: null };
    saveSyncConfig(this.#options.dataDir, this.#config);
    this.#vault = Promise.resolve(vault);
    this.#setState(this.#online ? 'idle' : 'offline', null);
    if (this.#started) void this.#queue();
    return this.status();
  }

  setKeepOffline(keepOffline: boolean): SyncStatus {
    if (this.#config) {
      this.#config = { ...this.#config, keepOffline };
      saveSyncConfig(this.#options.dataDir, this.#config);
      this.#emit();
      if (keepOffline) void this.#queue();
    }
    return this.status();
  }

  /** Turns sync off here: forgets the settings and secrets; the remote and library stay. */
  async disable(): Promise<SyncStatus> {
    await this.#stopRound();
    this.#generation++;
    this.#config = null;
    this.#vault = null;
    saveSyncConfig(this.#options.dataDir, null);
    this.#secrets.delete(PASSPHRASE_SECRET);
    this.#secrets.delete(PASSWORD_SECRET);
    this.#setState('off', null);
    return this.status();
  }

  /** A round now (after the one running, if any); answers the state after it. */
  async syncNow(): Promise<SyncStatus> {
    await this.#queue();
    return this.status();
  }

  /** Something changed in the library: a round follows once changes settle. */
  localChanged(): void {
    if (!this.#config || this.#closed) return;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      // Changes a round itself applied announce themselves too; they need no round of their own.
      if (hasLocalChanges(this.#options.library)) void this.#queue();
    }, this.#options.debounceMs ?? 3_000);
    this.#debounce.unref();
  }

  setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    if (!this.#config) return;
    if (!online) {
      this.#abort?.abort();
      this.#setState('offline', null);
    } else {
      this.#setState('idle', null);
      if (this.#started) void this.#queue();
    }
  }

  /** A missing image of a synced article, fetched before the reader is told 404. */
  async fetchAsset(sha256: string): Promise<boolean> {
    if (!this.#config || !this.#online || this.#closed) return false;
    try {
      return await fetchSyncedAsset(this.#options.library, await this.#openedVault(), this.#options.assets, sha256);
    } catch {
      return false;
    }
  }

  /** Resolves when no round is running or waiting. */
  async idle(): Promise<void> {
    while (this.#running || this.#next) await (this.#next ?? this.#running);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#debounce);
    clearInterval(this.#interval);
    await this.#stopRound();
  }

  async #stopRound(): Promise<void> {
    this.#abort?.abort();
    await this.idle();
  }

  /** One round at a time: a request during a round runs one more after it (requests merge). */
  #queue(): Promise<void> {
    if (this.#running) {
      this.#next ??= this.#running.then(() => {
        this.#next = null;
        return this.#queue();
      });
      return this.#next;
    }
    this.#running = this.#round().finally(() => (this.#running = null));
    return this.#running;
  }

  #openedVault(): Promise<SyncVault> {
    const config = this.#config;
    if (!config) return Promise.reject(new Error('Sync is not set up.'));
    if (!this.#vault) {
      const passphrase = this.#secrets.get(PASSPHRASE_SECRET);
      if (passphrase === null) return Promise.reject(new Error('The passphrase is no longer stored here; set sync up again.'));
      const opening = openVault(plainRemote(config.remote, this.#secrets.get(PASSWORD_SECRET)), passphrase, false);
      // A failed open is tried afresh next time (the server may be back).
      opening.catch(() => this.#vault === opening && (this.#vault = null));
      this.#vault = opening;
    }
    return this.#vault;
  }

  async #round(): Promise<void> {
    const config = this.#config;
    if (!config || !this.#online || this.#closed) return;
    const generation = this.#generation;
    const abort = (this.#abort = new AbortController());
    const { library, assets } = this.#options;
    this.#setState('syncing', this.#message);
    try {
      const vault = await this.#openedVault();
      const report = await syncRound(library, vault, { signal: abort.signal, assets });
      if (config.keepOffline) await this.#pullImages(vault, abort.signal);
      if (this.#generation !== generation || !this.#config) return;
      this.#config = { ...this.#config, lastSyncedAt: new Date().toISOString(), lastRound: summarize(report) };
      saveSyncConfig(this.#options.dataDir, this.#config);
      const refused = report.rejected.length > 0 ? `${report.rejected.length} sync files were refused: ${report.rejected.map((r) => `${r.name} (${r.reason})`).join('; ')}` : null;
      this.#setState('idle', refused);
      if (report.applied > 0) this.#options.onApplied?.(report);
    } catch (error) {
      if (this.#generation !== generation) return;
      // Stopped on purpose (offline, closing, new settings): not an error; the next round resumes.
      if (abort.signal.aborted) this.#setState(this.#online ? 'idle' : 'offline', this.#message);
      else {
        this.#vault = null;
        this.#setState('error', describeSyncError(error));
      }
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  async #pullImages(vault: SyncVault, signal: AbortSignal): Promise<void> {
    const { library, assets } = this.#options;
    for (const hash of await missingAssetHashes(library, assets)) {
      signal.throwIfAborted();
      await fetchSyncedAsset(library, vault, assets, hash);
    }
  }

  #setState(state: SyncState, message: string | null): void {
    this.#state = state;
    this.#message = message;
    this.#emit();
  }

  #emit(): void {
    this.#options.onStatus?.(this.status());
  }
}
