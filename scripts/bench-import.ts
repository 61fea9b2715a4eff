// Imports a generated Pocket CSV through the command line, as a person moving from Pocket
// would, and times it from start to report (process start included):
//   npm run bench:import [-- --rows 30000] [--runs 3] [--json FILE]
// Beside it, in the same run, a naive import: csv-parse's sync API into one plain SQLite table
// with a unique URL index, 500 rows to a transaction. Ours does more per row (address checks,
// duplicate lookups by three addresses, tags, the search index, a per-row report); the ratio
// says what that costs on this machine. Target: 30,000 rows in under 5 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parse } from 'csv-parse/sync';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
};
const rows = Number(option('--rows', '30000'));
const runs = Number(option('--runs', '3'));
const jsonOut = argv.includes('--json') ? option('--json', '') : '';
const CLI = resolve(import.meta.dirname, '..', 'electron', 'cli', 'lectern.ts');

/** Rows shaped like Pocket's export: titles with commas and quotes, tags, both states, some garbage. */
function pocketCsv(count: number): string {
  const lines = ['title,url,time_added,tags,status'];
  for (let i = 0; i < count; i++) {
    const title = i % 7 === 0 ? `"A title, with ""quotes"" ${i}"` : `Article number ${i}`;
    const tags = i % 3 === 0 ? 'reading|later' : i % 5 === 0 ? 'tech' : '';
    const url = i % 1000 === 999 ? 'not a link' : `https://site${i % 400}.example/posts/${i}?ref=pocket`;
    lines.push(`${title},${url},${1_500_000_000 + i * 60},${tags},${i % 4 === 0 ? 'archive' : 'unread'}`);
  }
  return `${lines.join('\n')}\n`;
}

function naiveImport(file: string, db: string): number {
  const started = performance.now();
  const conn = new DatabaseSync(db);
  conn.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE links (id INTEGER PRIMARY KEY, url TEXT UNIQUE, title TEXT, added INTEGER, tags TEXT, status TEXT)`);
  const records = parse(readFileSync(file), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
  const insert = conn.prepare('INSERT OR IGNORE INTO links (url, title, added, tags, status) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < records.length; i += 500) {
    conn.exec('BEGIN');
    for (const r of records.slice(i, i + 500)) insert.run(r.url ?? '', r.title ?? '', Number(r.time_added), r.tags ?? '', r.status ?? '');
    conn.exec('COMMIT');
  }
  conn.close();
  return performance.now() - started;
}

function oursImport(file: string, dataDir: string): { ms: number; report: Record<string, number> } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, 'import', 'pocket', file, '--json'], { encoding: 'utf8' });
  const ms = performance.now() - started;
  // Exit code 1 (some rows rejected) is expected: the file holds garbage rows on purpose.
  if (run.status !== 0 && run.status !== 1) throw new Error(`import failed (${run.status}): ${run.stderr}`);
  return { ms, report: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number> };
}

const work = mkdtempSync(join(tmpdir(), 'lectern-bench-import-'));
try {
  const file = join(work, 'pocket.csv');
  writeFileSync(file, pocketCsv(rows));
  const ours: number[] = [];
  const naive: number[] = [];
  let report: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    const result = oursImport(file, join(work, `ours-${run}`));
    ours.push(result.ms);
    report = result.report;
    naive.push(naiveImport(file, join(work, `naive-${run}.db`)));
  }
  const best = (xs: number[]) => Math.min(...xs);
  const oursMs = best(ours);
  const naiveMs = best(naive);
  console.log(`Pocket CSV import, ${rows.toLocaleString('en')} rows, best of ${runs} (process start included for Lectern)`);
  console.log('| | time | rows/s |');
  console.log('| --- | --- | --- |');
  console.log(`| Lectern CLI | ${(oursMs / 1000).toFixed(2)} s | ${Math.round(rows / (oursMs / 1000)).toLocaleString('en')} |`);
  console.log(`| naive (csv-parse + one table) | ${(naiveMs / 1000).toFixed(2)} s | ${Math.round(rows / (naiveMs / 1000)).toLocaleString('en')} |`);
  console.log(`ratio Lectern / naive: ${(oursMs / naiveMs).toFixed(2)}x; report: imported ${report.imported}, duplicates ${report.duplicates}, rejected ${report.rejected}`);
  console.log(`target: under 5 s for 30,000 rows: ${oursMs < 5000 ? 'met' : 'NOT met'}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, oursMs, naiveMs, ratio: oursMs / naiveMs, report }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
