#!/usr/bin/env node
// `lectern` / `npm run cli --`: the command line entry. Ctrl-C stops an import between chunks.
import { runCli } from './run-cli.ts';

const abort = new AbortController();
process.once('SIGINT', () => abort.abort(new Error('interrupted')));

const code = await runCli(process.argv.slice(2), {
  print: (line) => process.stdout.write(`${line}\n`),
  note: (line) => process.stderr.write(`${line}\n`),
  signal: abort.signal,
});
process.exitCode = code;
