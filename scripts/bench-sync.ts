// Two libraries meet for the first time through sync (A pushes, B pulls and pushes, A pulls):
//   npm run bench:sync [-- --articles 20000] [--shared 2000] [--webdav] [--json FILE]
// Prints the time and the bytes moved through a folder remote (and through Apache mod_dav with
// --webdav, when apache2 is installed). Beside it, in the same run, two references for the
// same two libraries: moving them by a full-backup export and an import each way (what a
// person without sync would do), and a plain copy of the bytes sync wrote to the folder.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetStore } from '../electron/capture/images/asset-store.ts';
import { exportLibrary } from '../electron/export/export-library.ts';
import { restoreAsImport } from '../electron/export/restore-as-import.ts';
import { openLibrary } from '../electron/library/library.ts';
import { createFolderRemote } from '../electron/sync/remote/folder-remote.ts';
import { createWebdavRemote } from '../electron/sync/remote/webdav-remote.ts';
import type { SyncRemote } from '../electron/sync/remote/sync-remote.ts';
import { bulkArticles, digestOf, makeLibrary, meet, type Meeting } from '../tests/core/sync/scale/meeting.ts';
import { startWebdavServer } from '../tests/support/webdav-server.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
};
const articles = Number(option('--articles', '20000'));
const shared = Number(option('--shared', String(Math.round(articles / 10))));
const jsonOut = argv.includes('--json') ? option('--json', '') : '';
const PASSPHRASE = 'bench passphrase';

const root = mkdtempSync(join(tmpdir(), 'lectern-bench-sync-'));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true })
    .map((name) => statSync(join(dir, String(name))))
    .filter((st) => st.isFile())
    .reduce((n, st) => n + st.size, 0);
}

/** Fresh copies of the two generated libraries (generated once, copied per run). */
function pair(name: string, templates: { a: string; b: string }): { a: string; b: string } {
  const a = join(root, name, 'a');
  const b = join(root, name, 'b');
  cpSync(templates.a, a, { recursive: true });
  cpSync(templates.b, b, { recursive: true });
  return { a, b };
}

async function syncMeeting(name: string, templates: { a: string; b: string }, remote: SyncRemote): Promise<Meeting> {
  const { a, b } = pair(name, templates);
  const meeting = await meet(a, b, remote, PASSPHRASE);
  const [da, db] = [digestOf(a), digestOf(b)];
  if (da.digest !== db.digest || da.articles !== 2 * articles - shared) throw new Error(`${name}: the libraries did not converge (${da.articles} vs ${db.articles})`);
  return meeting;
}

/** Each library exported as a full backup and imported into the other. */
async function exportImport(templates: { a: string; b: string }): Promise<{ ms: number; bytes: number }> {
  const { a, b } = pair('export-import', templates);
  const started = performance.now();
  let bytes = 0;
  const zips: string[] = [];
  for (const dir of [a, b]) {
    const library = openLibrary(join(dir, 'library.db'), { checkIntegrity: false });
    const zip = join(root, `export-${zips.length}.zip`);
    await exportLibrary('backup', { library, assets: new AssetStore(join(dir, 'assets')) }, zip);
    library.close();
    bytes += statSync(zip).size * 2; // written, then read by the other side
    zips.push(zip);
  }
  for (const [dir, zip] of [[b, zips[0]!], [a, zips[1]!]] as const) {
    const library = openLibrary(join(dir, 'library.db'), { checkIntegrity: false });
    await restoreAsImport(library, new AssetStore(join(dir, 'assets')), zip);
    library.close();
  }
  return { ms: performance.now() - started, bytes };
}

/** The same meeting through Apache's mod_dav on loopback, or null (said why) without Apache. */
async function webdavMeeting(templates: { a: string; b: string }): Promise<Meeting | null> {
  let server;
  try {
    server = await startWebdavServer();
  } catch (error) {
    console.log(`  WebDAV skipped: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
  try {
    mkdirSync(join(server.davFolder, 'bench'));
    if (process.getuid?.() === 0) execFileSync('chown', ['www-data:www-data', join(server.davFolder, 'bench')]);
    const remote = createWebdavRemote({ url: server.url('basic', 'bench'), username: server.username, password: server.password, auth: 'basic' });
    return await syncMeeting('webdav', templates, remote);
  } finally {
    await server.dispose();
  }
}

function plainCopy(from: string): { ms: number; bytes: number } {
  const started = performance.now();
  cpSync(from, join(root, 'plain-copy'), { recursive: true });
  return { ms: performance.now() - started, bytes: folderBytes(from) };
}

try {
  console.log(`Two libraries of ${articles} articles each (${shared} at the same addresses) meet through sync`);
  const templates = { a: join(root, 'template-a'), b: join(root, 'template-b') };
  for (const dir of Object.values(templates)) mkdirSync(dir);
  const t = performance.now();
  makeLibrary(templates.a, bulkArticles('alpha', articles, shared));
  makeLibrary(templates.b, bulkArticles('beta', articles, shared));
  console.log(`  (made the libraries by bulk insert in ${s(performance.now() - t)})`);

  const folder = join(root, 'remote');
  mkdirSync(folder);
  const ours = await syncMeeting('folder', templates, createFolderRemote(folder));
  const remoteBytes = folderBytes(folder);
  const rows: Array<[string, string, string, string]> = [];
  const row = (what: string, ms: number, moved: number, ratio: string) => rows.push([what, s(ms), mb(moved), ratio]);
  row('sync, folder remote', ours.ms, ours.bytesUp + ours.bytesDown, '1.00');
  for (const r of ours.rounds) row(`  round ${r.device}`, r.ms, r.report.bytesUp + r.report.bytesDown, `${r.report.pushed} pushed, ${r.report.applied} applied`);

  let webdav: Meeting | null = null;
  if (argv.includes('--webdav')) webdav = await webdavMeeting(templates);
  if (webdav) row('sync, WebDAV (Apache mod_dav, loopback)', webdav.ms, webdav.bytesUp + webdav.bytesDown, (webdav.ms / ours.ms).toFixed(2));

  const reference = await exportImport(templates);
  row('reference: full backup export + import, each way', reference.ms, reference.bytes, (reference.ms / ours.ms).toFixed(2));
  const copy = plainCopy(folder);
  row('reference: plain copy of the remote folder', copy.ms, copy.bytes, (copy.ms / ours.ms).toFixed(2));

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'what'.padEnd(width)}  ${'time'.padStart(9)}  ${'moved'.padStart(9)}  vs sync`);
  for (const [what, time, moved, ratio] of rows) console.log(`${what.padEnd(width)}  ${time.padStart(9)}  ${moved.padStart(9)}  ${ratio}`);
  console.log(`\nremote folder after the meeting: ${mb(remoteBytes)}; both libraries hold ${2 * articles - shared} articles, same digest`);
  console.log(`sync took ${(ours.ms / reference.ms).toFixed(2)}× the time of moving the libraries by export and import, moving ${((ours.bytesUp + ours.bytesDown) / reference.bytes).toFixed(2)}× the bytes`);
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify({ articles, shared, ours: { ms: ours.ms, bytesUp: ours.bytesUp, bytesDown: ours.bytesDown, remoteBytes }, webdav: webdav && { ms: webdav.ms, bytesUp: webdav.bytesUp, bytesDown: webdav.bytesDown }, reference, copy }, null, 2));
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
