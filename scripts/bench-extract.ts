// Scores our extractor against a corpus, next to plain Readability on linkedom (and jsdom) run
// in the same process on the same pages, and prints the speed ratio to Readability on linkedom.
//   npm run bench:extract -- <corpus-dir> [--runs 3] [--verbose] [--jsdom] [--candidates] [--json details.json]
// Two corpus formats:
// - Readability's test pages (<dir>/<page>/source.html, expected.html, expected-metadata.json),
//   extracted as http://fakehost/test/page.html: agreement with Readability's output;
// - pages people annotated (<dir>/evaldata.json and <dir>/pages/): precision, recall and F1 of
//   the snippets they marked as article text and as boilerplate.
import { benchAnnotatedCorpus, isAnnotatedCorpus } from './bench/annotated-corpus.ts';
import { REFERENCE } from './bench/extractors.ts';
import { benchReadabilityCorpus, isReadabilityCorpus } from './bench/readability-corpus.ts';

const argv = process.argv.slice(2);
const option = (name: string): string | null => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] ?? null : null;
};
const dir = argv[0];
if (!dir || dir.startsWith('--')) {
  process.stderr.write('usage: bench-extract <corpus-dir> [--runs N] [--verbose] [--jsdom] [--candidates] [--json details.json]\n');
  process.exit(2);
}
const runs = Math.max(1, Number(option('--runs')) || 3);
const verbose = argv.includes('--verbose');
const log = (line: string) => verbose && process.stderr.write(`${line}\n`);

if (isAnnotatedCorpus(dir)) {
  // jsdom takes several times as long as linkedom on these larger pages; asked for by name.
  const names = ['lectern', REFERENCE, ...(argv.includes('--jsdom') ? ['readability+jsdom'] : []), ...(argv.includes('--candidates') ? ['lectern:readability', 'lectern:density'] : [])];
  benchAnnotatedCorpus(dir, runs, names, log, option('--json'));
} else if (isReadabilityCorpus(dir)) {
  benchReadabilityCorpus(dir, runs, ['lectern', 'readability+jsdom', REFERENCE], log);
} else {
  process.stderr.write(`${dir}: neither evaldata.json nor <page>/expected.html found\n`);
  process.exit(2);
}
