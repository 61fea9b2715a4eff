// Child process for the sync fault tests: one round for the library in <dataDir> with the
// folder remote <remoteDir>, until it ends or is SIGKILLed. Every remote read and write is
// announced on stdout first (`read <n> <name>`, `write <n> <name>`); with a pause point
// (`write:<n>`: before the n-th write; `read:<n>`: after the n-th read, before the engine
// sees its bytes) it says `paused` and waits there to be killed. `done <report json>` at the end.
// Usage: node sync-worker.ts <dataDir> <remoteDir> <passphrase> <none|write:N|read:N>
import { join } from 'node:path';
import { AssetStore } from '../../../../electron/capture/images/asset-store.ts';
import { openLibrary } from '../../../../electron/library/library.ts';
import { createFolderRemote } from '../../../../electron/sync/remote/folder-remote.ts';
import type { SyncRemote } from '../../../../electron/sync/remote/sync-remote.ts';
import { openVault } from '../../../../electron/sync/service/open-remote.ts';
import { syncRound } from '../../../../electron/sync/sync-engine.ts';

const [dataDir, remoteDir, passphrase, pause] = process.argv.slice(2) as [string, string, string, string];
const [pauseKind, pauseAtText] = pause.split(':');
const pauseAt = Number(pauseAtText);

// stdout to a pipe is synchronous on Linux: a line is in the parent's hands once written.
const say = (line: string) => process.stdout.write(`${line}\n`);
const hang = () => {
  say('paused');
  setInterval(() => undefined, 60_000);
  return new Promise<never>(() => undefined);
};

function announced(remote: SyncRemote): SyncRemote {
  let reads = 0;
  let writes = 0;
  return {
    label: remote.label,
    list: (folder) => remote.list(folder),
    async read(name) {
      const bytes = await remote.read(name);
      say(`read ${++reads} ${name}`);
      if (pauseKind === 'read' && reads === pauseAt) await hang();
      return bytes;
    },
    async write(name, bytes) {
      say(`write ${++writes} ${name}`);
      if (pauseKind === 'write' && writes === pauseAt) await hang();
      await remote.write(name, bytes);
    },
    remove: (name) => remote.remove(name),
  };
}

const library = openLibrary(join(dataDir, 'library.db'));
say('ready');
const vault = await openVault(announced(createFolderRemote(remoteDir)), passphrase, true);
const report = await syncRound(library, vault, { assets: new AssetStore(join(dataDir, 'assets')) });
library.close();
say(`done ${JSON.stringify(report)}`);
