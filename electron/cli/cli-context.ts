// What a command works on: the library in the data folder, its image store, and (only when a
// command fetches) the same capture machinery the app uses, with the same limits and guard.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AssetStore } from '../capture/images/asset-store.ts';
import { ExtractPool } from '../capture/extraction/extract-pool.ts';
import { FetchScheduler } from '../capture/fetching/fetch-scheduler.ts';
import type { fetchResource } from '../capture/fetching/fetch-resource.ts';
import { openLibrary, type Library } from '../library/library.ts';

export interface CliOutput {
  /** Lines for people (stdout). */
  print(line: string): void;
  /** Progress and warnings (stderr). */
  note(line: string): void;
}

export interface CliContext extends CliOutput {
  dataDir: string;
  library: Library;
  assets: AssetStore;
  json: boolean;
  /** Fetching, created on first use: most commands never fetch. */
  fetching(): { fetcher: typeof fetchResource; extractPool: ExtractPool };
  close(): Promise<void>;
}

export interface ContextOptions {
  dataDir: string;
  json: boolean;
  output: CliOutput;
  /** Tests keep fetches on loopback. */
  allowFetch?: (url: URL) => boolean;
}

export function openContext(options: ContextOptions): CliContext {
  mkdirSync(options.dataDir, { recursive: true });
  // The app may have this library open: its WAL and busy timeout let both write. Rows it is
  // fetching stay its own (recoverInterrupted: false), and the full integrity check, which
  // reads the whole file, is the app's to run once it has started. An older library is
  // upgraded here as in the app, saying how far it is: at 100,000 articles that is a while.
  // A new library's schema is made through the same steps: said only for an upgrade, which
  // always backs up first.
  let upgrading = false;
  let said = -1;
  const library = openLibrary(join(options.dataDir, 'library.db'), {
    backupDir: join(options.dataDir, 'backups'),
    checkIntegrity: false,
    recoverInterrupted: false,
    onOpenProgress: (progress) => {
      if (progress.phase === 'backing-up') {
        upgrading = true;
        options.output.note('Backing up the library before upgrading it…');
      }
      if (progress.phase !== 'migrating' || !upgrading) return;
      const percent = Math.floor(((progress.step - 1 + progress.fraction) / progress.steps) * 10) * 10;
      if (percent > said) options.output.note(`Upgrading the library for this version: ${(said = percent)}%`);
    },
  });
  const assets = new AssetStore(join(options.dataDir, 'assets'));
  let fetching: { fetcher: typeof fetchResource; extractPool: ExtractPool } | null = null;
  return {
    ...options.output,
    dataDir: options.dataDir,
    library,
    assets,
    json: options.json,
    fetching() {
      if (!fetching) {
        const scheduler = new FetchScheduler();
        const allow = options.allowFetch;
        const fetcher: typeof fetchResource = allow ? (url, o = {}) => scheduler.fetch(url, { ...o, allowDestination: allow }) : scheduler.fetch;
        fetching = { fetcher, extractPool: new ExtractPool() };
      }
      return fetching;
    },
    async close() {
      await fetching?.extractPool.close();
      library.close();
    },
  };
}
