// The application core: library, capture jobs, asset cache and the request handler, wired
// together as plain Node. Electron's main process and the renderer tests both drive this.
import Conf from 'conf';
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createAppHandler } from './app/app-handler.ts';
import { AssetStore } from './capture/images/asset-store.ts';
import { CaptureError } from './capture/capture-error.ts';
import { ExtractPool } from './capture/extraction/extract-pool.ts';
import { FetchScheduler } from './capture/fetching/fetch-scheduler.ts';
import type { FetchLimits, fetchResource } from './capture/fetching/fetch-resource.ts';
import type { ApiEventName, ApiEvents, Result } from './ipc/api.ts';
import { createHandlers } from './ipc/handlers.ts';
import { createConnector, type ConnectorOptions } from './connector/connector.ts';
import type { SavePageRequest, SaveResponse } from './shared/connector-protocol.ts';
import { runCaptureJob } from './jobs/capture-job.ts';
import { ImportJobs } from './jobs/import-jobs.ts';
import { FeedService } from './feeds/feed-service.ts';
import { exportLibrary } from './export/export-library.ts';
import { EXPORT_MIME, exportFileName, type ExportedFile, type ExportFormat } from './shared/export-file.ts';
import { argumentSchemas, isApiName } from './ipc/schemas.ts';
import { AssetKeeper } from './jobs/asset-keeper.ts';
import { CaptureQueue } from './jobs/capture-queue.ts';
import { checkIntegrityOffThread } from './library/background/library-tasks.ts';
import { fileIntegrityProblems } from './library/integrity.ts';
import { LibraryCorruptError, listBackups, openLibrary, storageFailureMessage } from './library/library.ts';
import type { KeyValueStore } from './preferences/reader-preferences.ts';
import type { SecretStore } from './sync/service/secret-store.ts';
import { SyncService } from './sync/sync-service.ts';

export interface CoreOptions {
  /** Where the database and the image cache live. */
  dataDir: string;
  /** The built renderer, served by handleRequest. */
  rendererDir: string;
  /** Opens a link in the system browser; absent in tests. */
  openExternal?: (url: string) => Promise<void>;
  fetchLimits?: Partial<FetchLimits>;
  /** electron-store in the app; by default a `conf` file (the same engine) in dataDir. */
  preferences?: KeyValueStore;
  /**
   * Decides which hosts captures may contact (page and image requests); all by default.
   * Tests allow loopback only, so no fixture can reach out to the real network.
   */
  allowFetch?: (url: URL) => boolean;
  /** Pages fetched at once. */
  concurrency?: number;
  /** Refresh feeds on their schedule (default true; tests that drive refreshes turn it off). */
  refreshFeeds?: boolean;
  /**
   * Fetch nothing (feed refreshes, captures left from the last run) until start(): the app
   * starts offline-first, showing its window before any request goes out.
   */
  deferStart?: boolean;
  /** The browser connector's loopback server (off unless given; the app turns it on). */
  connector?: ConnectorOptions | false;
  /** Opens a URL in the sandboxed capture window; absent outside Electron. */
  openCaptureWindow?: (url: string) => Promise<void>;
  /** Sync's passphrase and password: safeStorage in the app; a 0600 file in dataDir by default. */
  secrets?: SecretStore;
  /** Sync's quiet time after changes and its timer (tests shorten them). */
  sync?: { debounceMs?: number; intervalMs?: number };
  /**
   * The integrity check, which runs off the main thread once the core starts, found the
   * library damaged. No backup is taken of it from then on; main offers the newest backup.
   */
  onLibraryDamaged?: (damage: LibraryCorruptError) => void;
  /**
   * Check the file before opening it, as before an upgrade (default false: the check runs on a
   * worker after start()). Main asks for it when an upgrade off the main thread failed, so a
   * damaged file is refused with its backups instead of being migrated and backed up.
   */
  checkIntegrityAtOpen?: boolean;
}

export type CoreListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

export interface Core {
  /** Validates the arguments, then runs the operation; never throws. */
  invoke(name: string, args: unknown[]): Promise<Result<unknown>>;
  on(listener: CoreListener): () => void;
  handleRequest(request: Request): Promise<Response>;
  /** Resolves when no capture job is running. */
  idle(): Promise<void>;
  /** Resolves once start()'s integrity check, and the daily backup that follows it, are done. */
  checked(): Promise<void>;
  /** Main reports the network state; captures pause while offline and resume after. */
  setOnline(online: boolean): void;
  /** Starts the feed schedule and the captures waiting from the last run (once; see deferStart). */
  start(): void;
  close(): Promise<void>;
  /** The browser connector's port once it listens; null when it is off or could not start. */
  connectorPort(): Promise<number | null>;
  /** Saves a page from the HTML a browser rendered (the connector's save-page). */
  savePage(request: SavePageRequest): Promise<SaveResponse>;
}

export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const libraryFile = join(options.dataDir, 'library.db');
  const backupDir = join(options.dataDir, 'backups');
  // The integrity check reads the whole file (5.5 s at 100,000 articles): not before the
  // window, but on a worker once the core starts (see checkLibrary below). A file that is not
  // a database at all still fails here, at the first read.
  const checkedAtOpen = options.checkIntegrityAtOpen === true;
  const library = openLibrary(libraryFile, { backupDir, checkIntegrity: checkedAtOpen });
  const assets = new AssetStore(join(options.dataDir, 'assets'));
  // Readability can spin on hostile pages: extraction runs in workers with a time limit.
  const extractPool = new ExtractPool();
  // Retries with backoff for 429/5xx, and politeness limits per host and overall.
  const scheduler = new FetchScheduler();
  const allowFetch = options.allowFetch;
  // The guard goes down to fetchResource so that every redirect hop is checked too.
  const fetcher: typeof fetchResource = allowFetch
    ? (url, fetchOptions = {}) => scheduler.fetch(url, { ...fetchOptions, allowDestination: allowFetch })
    : scheduler.fetch;
  const listeners = new Set<CoreListener>();
  const emit: CoreListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  const keeper = new AssetKeeper(assets, library);
  const freeUnusedAssets = () => keeper.freeUnused();

  // A daily backup of the library (the last few are kept), checked once the library is known
  // to be sound and every hour after: a damaged file must never push a good backup out. One
  // at a time: a backup that outlasts the hour must not be started again beside itself.
  let backupRunning: Promise<unknown> | null = null;
  let sound = checkedAtOpen;
  const backup = () => {
    if (backupRunning || !sound || closing) return;
    backupRunning = library
      .backupIfDue()
      .catch((error: unknown) => console.error('daily backup failed', error))
      .finally(() => (backupRunning = null));
  };
  const backupTimer = setInterval(backup, 60 * 60 * 1000);
  backupTimer.unref();
  const stopCheck = new AbortController();
  let checking: Promise<void> | null = null;
  const checkLibrary = () => {
    checking = checkIntegrityOffThread(libraryFile, stopCheck.signal)
      .then(async (outcome) => {
        if (outcome.kind === 'stopped') return; // by close(): nothing learned
        let problems: string[];
        if (outcome.kind === 'checked') problems = outcome.problems;
        else {
          // Backups must not stop because the worker could not start: check here instead.
          console.error(`the integrity check could not run on a worker (${outcome.message}); checking on the main thread`);
          problems = fileIntegrityProblems(libraryFile);
        }
        if (problems.length === 0) {
          sound = true;
          backup();
          await backupRunning;
          return;
        }
        const damage = new LibraryCorruptError(libraryFile, problems, listBackups(backupDir));
        console.error(damage.message);
        options.onLibraryDamaged?.(damage);
      })
      .catch((error: unknown) => console.error('the integrity check failed', error));
  };

  let closing = false;
  const connector = createConnector(
    {
      dataDir: options.dataDir,
      library,
      keeper,
      kick: () => queue.kick(),
      online: () => queue.online,
      articleChanged: (id) => emit('articleChanged', { id, deleted: false }),
      pairingRequested: (request) => emit('connectorPairing', request),
      pairingClosed: (pairingId) => emit('connectorPairingClosed', { pairingId }),
    },
    options.connector ?? false,
  );
  const extract = (html: string, pageUrl: string) => extractPool.extract(html, pageUrl);
  const queue: CaptureQueue = new CaptureQueue({
    concurrency: options.concurrency ?? 4,
    // A page being spooled is not fetched meanwhile (see connector/page-inbox.ts).
    pendingIds: (limit) => library.pendingIds(limit + 8).filter((id) => !connector.inbox.isHeld(id)).slice(0, limit),
    run: (id, signal) =>
      runCaptureJob(id, signal, {
        library,
        keeper,
        fetcher,
        extract,
        suppliedPages: connector.inbox,
        ...(options.fetchLimits ? { limits: options.fetchLimits } : {}),
        closing: () => closing,
        online: () => queue.online,
        onProgress: (jobId, status, error) => emit('jobProgress', { id: jobId, status, error }),
        onChanged: (jobId) => {
          emit('articleChanged', { id: jobId, deleted: false });
          // A capture places the article's highlights again (re-anchored or orphaned).
          if (library.highlights.count(jobId) > 0) emit('highlightsChanged', { articleId: jobId });
        },
      }),
  });

  const feeds = new FeedService({
    library,
    fetcher,
    onChanged: (feedId, added) => {
      emit('feedsChanged', { id: feedId });
      if (added > 0) {
        emit('articleChanged', { id: '*', deleted: false });
        queue.kick();
      }
    },
  });

  const imports = new ImportJobs({
    library,
    assets,
    onProgress: (jobId, progress) => emit('importProgress', { jobId, ...progress }),
    onImported: (report) => {
      if (report.imported > 0 || report.duplicates > 0) emit('articleChanged', { id: '*', deleted: false });
      if (report.format === 'backup') void freeUnusedAssets();
      if (report.feeds > 0) {
        emit('feedsChanged', { id: null });
        void feeds.tick();
      }
      queue.kick();
    },
  });

  const exportFile = async (format: ExportFormat, ids: string[] | null): Promise<ExportedFile> => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-export-'));
    try {
      const target = join(dir, exportFileName(format));
      const { count } = await exportLibrary(format, { library, assets }, target, { ids });
      return { name: basename(target), mime: EXPORT_MIME[format], bytes: new Uint8Array(await readFile(target)), count };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  // Sync rounds run in the background after changes and on a timer; what they bring is announced.
  const sync = new SyncService({
    library,
    assets,
    dataDir: options.dataDir,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...options.sync,
    onStatus: (status) => emit('syncStatusChanged', status),
    onApplied: () => {
      emit('articleChanged', { id: '*', deleted: false });
      emit('feedsChanged', { id: null });
      queue.kick();
    },
  });
  listeners.add((event) => {
    if (event === 'articleChanged' || event === 'highlightsChanged' || event === 'feedsChanged') sync.localChanged();
  });

  const handlers = createHandlers({
    library,
    sync,
    queue,
    emit,
    feeds,
    imports,
    exportFile,
    freeUnusedAssets,
    openExternal: options.openExternal,
    connector: connector.controls,
    openCaptureWindow: options.openCaptureWindow,
    preferences: options.preferences ?? new Conf({ cwd: options.dataDir, configName: 'preferences', projectName: 'lectern' }),
  });

  const handleRequest = createAppHandler({
    rendererDir: options.rendererDir,
    readAsset: async (hash) => {
      // An image of a synced article comes from the remote the first time it is shown.
      const found = (await assets.read(hash)) ?? ((await sync.fetchAsset(hash)) ? await assets.read(hash) : null);
      return found ? { bytes: new Uint8Array(found.bytes), mime: found.mime } : null;
    },
  });

  // Jobs interrupted by a quit are pending again; pick them up (now, or once the app says).
  let started = false;
  const start = () => {
    if (started || closing) return;
    started = true;
    if (sound) backup();
    else checkLibrary();
    if (options.refreshFeeds !== false) feeds.start();
    queue.kick();
    sync.start();
  };
  if (!options.deferStart) start();

  return {
    async invoke(name, args) {
      if (!isApiName(name)) return { ok: false, error: { code: 'invalid-argument', message: `Unknown operation.` } };
      const parsed = argumentSchemas[name].safeParse(args);
      if (!parsed.success) {
        return { ok: false, error: { code: 'invalid-argument', message: parsed.error.issues[0]?.message ?? 'Invalid argument.' } };
      }
      try {
        const handler = handlers[name] as (...a: unknown[]) => Promise<Result<unknown>>;
        return await handler(...(parsed.data as unknown[]));
      } catch (error) {
        if (error instanceof CaptureError) return { ok: false, error: { code: 'invalid-argument', message: error.message } };
        // A disk that filled (or turned read-only) while running: say that, not "something went wrong".
        const storage = storageFailureMessage(error, libraryFile);
        if (storage) return { ok: false, error: { code: 'internal', message: storage } };
        console.error(`operation ${name} failed`, error);
        return { ok: false, error: { code: 'internal', message: 'Something went wrong; nothing was changed.' } };
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handleRequest,
    start,
    connectorPort: () => connector.port(),
    savePage: (request) => connector.savePage(request),
    idle: () => queue.idle(),
    checked: async () => {
      await checking;
      await backupRunning;
    },
    setOnline(online) {
      sync.setOnline(online);
      if (online === queue.online) return;
      // Before start(), coming online fetches nothing either: start() resumes the queue.
      queue.setOnline(online, started);
      emit('networkChanged', { online });
    },
    async close() {
      closing = true;
      clearInterval(backupTimer);
      stopCheck.abort();
      await connector.close();
      await Promise.all([queue.stop(), feeds.stop(), imports.stop(), checking, backupRunning, sync.close()]);
      await extractPool.close();
      library.close();
    },
  };
}
