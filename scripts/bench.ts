// Runs every benchmark in turn and prints their tables:
//   npm run bench [-- --articles 100000] [--corpus ../shared/corpus/readability-pages]
//                 [--annotated ../shared/corpus/trafilatura-dev]
// Search builds a synthetic library; extraction runs on both shared corpora, Readability's own
// pages and pages people annotated (each skipped, with a line saying so, when absent); the
// renderer bench needs Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
};
const articles = option('--articles', '100000');
const corpus = resolve(option('--corpus', '../shared/corpus/readability-pages'));
const annotated = resolve(option('--annotated', '../shared/corpus/trafilatura-dev'));

const node = process.execPath;
const runs: Array<{ title: string; command: string; args: string[]; skip?: string }> = [
  { title: `search, ${articles} articles`, command: node, args: ['scripts/bench-search.ts', '--articles', articles] },
  ...[corpus, annotated].map((dir) => ({
    title: `extraction, ${dir}`,
    command: node,
    args: ['scripts/bench-extract.ts', dir],
    ...(existsSync(dir) ? {} : { skip: `no corpus at ${dir}` }),
  })),
  { title: 'import, 30000-row Pocket CSV through the CLI', command: node, args: ['scripts/bench-import.ts'] },
  { title: 'sync, two libraries of 20000 articles meet', command: node, args: ['scripts/bench-sync.ts', '--webdav'] },
  // Through npm: it builds the renderer first.
  { title: 'renderer, 100000 articles', command: 'npm', args: ['run', '--silent', 'bench:renderer'] },
];

let failed = 0;
for (const run of runs) {
  console.log(`\n=== ${run.title}`);
  if (run.skip) {
    console.log(`SKIPPED: ${run.skip}`);
    continue;
  }
  const result = spawnSync(run.command, run.args, { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
