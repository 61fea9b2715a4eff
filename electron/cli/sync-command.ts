// `lectern sync`: one round with a remote given on the command line (a WebDAV address or a
// folder). The first round on an empty remote sets it up with the passphrase.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeSyncError, openVault, plainRemote, VAULT_PARAMETERS_FILE } from '../sync/service/open-remote.ts';
import type { SyncRemoteSummary } from '../shared/sync.ts';
import { syncRound } from '../sync/sync-engine.ts';
import type { CommandResult } from './article-commands.ts';
import type { CliContext } from './cli-context.ts';
import { EXIT, UsageError } from './exit-codes.ts';

export interface SyncArgs {
  remote?: string;
  'passphrase-file'?: string;
  user?: string;
  'password-file'?: string;
}

/** A secret file's text without its final line break (editors add one). */
function readSecret(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} file ${file}: ${(error as Error).message}`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (!secret) throw new UsageError(`the ${what} file ${file} is empty`);
  return secret;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export async function syncCommand(ctx: CliContext, args: SyncArgs, signal: AbortSignal): Promise<CommandResult> {
  if (!args.remote) throw new UsageError('sync needs --remote URL|FOLDER');
  if (!args['passphrase-file']) throw new UsageError('sync needs --passphrase-file FILE');
  const passphrase = readSecret(args['passphrase-file'], 'passphrase');
  const password = args['password-file'] ? readSecret(args['password-file'], 'password') : null;
  const remote: SyncRemoteSummary = /^https?:\/\//i.test(args.remote)
    ? { kind: 'webdav', url: args.remote, username: args.user ?? '' }
    : { kind: 'folder', path: resolve(args.remote) };
  const started = performance.now();
  const plain = plainRemote(remote, password);
  try {
    const setUp = (await plain.read(VAULT_PARAMETERS_FILE)) === null;
    const vault = await openVault(plain, passphrase, setUp);
    const report = await syncRound(ctx.library, vault, { signal, assets: ctx.assets });
    const durationMs = Math.round(performance.now() - started);
    if (!ctx.json) {
      ctx.print(`${setUp ? 'Set up and synced' : 'Synced'} with ${plain.label} in ${(durationMs / 1000).toFixed(1)} s`);
      ctx.print(`  pushed ${report.pushed}, pulled ${report.pulled}, applied ${report.applied}, conflicts ${report.conflicts}, refused ${report.rejected.length}`);
      ctx.print(`  ${kb(report.bytesUp)} up, ${kb(report.bytesDown)} down`);
      for (const r of report.rejected.slice(0, 20)) ctx.print(`  refused ${r.name}: ${r.reason}`);
    }
    return { code: report.rejected.length > 0 ? EXIT.partial : EXIT.ok, json: { remote: plain.label, setUp, durationMs, ...report } };
  } catch (error) {
    if (signal.aborted) throw error;
    const message = describeSyncError(error);
    ctx.note(message);
    // The round did not happen: "it ran, but failed", the code scripts already retry on.
    return { code: EXIT.partial, json: { error: 'sync', remote: plain.label, message } };
  }
}
