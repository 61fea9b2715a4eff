// Measures the feed parsers we could build on, over the broken real-world fixtures in
// tests/fixtures/feeds/ (expected values in tests/fixtures/feeds/expected.ts), one row per parser:
//   node scripts/compare-feed-parsers.ts [--runs 20] [--misses]
// Every candidate gets the same bytes → text step (charset, BOM, junk around the root element:
// feedText in parse-feed.ts) and the same value helpers (dates from strings, titles to text,
// links resolved to http(s), repeats dropped); what differs is what the library itself extracts.
// "all fields, raw text" scores the same checks on the bytes read as UTF-8 and left untrimmed.
// A fixture a parser throws on scores nothing for its fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed as rowanmanningParse } from '@rowanmanning/feed-parser';
import { FeedError } from '../electron/feeds/feed-error.ts';
import { feedDate, plainText, webUrl } from '../electron/feeds/feed-values.ts';
import { feedText, parseFeedText, withoutRepeats, type ParsedFeed, type ParsedFeedItem } from '../electron/feeds/parse-feed.ts';
import { FEED_FIXTURES, type ExpectedItem, type FeedFixture } from '../tests/fixtures/feeds/expected.ts';

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(argv[runsAt + 1]) : 20;
const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures', 'feeds');

interface Candidate {
  name: string;
  /** The library, mapped to our shape, on text (JSON or XML) fetched from `url`. */
  parse(text: string, json: boolean, url: string): ParsedFeed;
}

/** @rowanmanning/feed-parser mapped to our shape. It resolves xml:base itself; it has no JSON Feed. */
function rowanmanning(text: string, json: boolean, url: string): ParsedFeed {
  if (json) throw new FeedError('unreadable', 'JSON Feed is not supported');
  let feed: ReturnType<typeof rowanmanningParse>;
  try {
    feed = rowanmanningParse(text);
  } catch (error) {
    throw new FeedError('not-a-feed', String(error));
  }
  const items = feed.items.map((item): ParsedFeedItem => ({
    guid: item.id?.trim() || null,
    // As parse-feed.ts does: an http(s) GUID stands in for a missing link.
    url: webUrl(item.url, url) ?? (/^https?:/i.test(item.id?.trim() ?? '') ? webUrl(item.id, url) : null),
    title: plainText(item.title, true),
    author: plainText(item.authors[0]?.name, true),
    publishedAt: feedDate(item.published) ?? feedDate(item.updated),
    summaryHtml: item.description,
    contentHtml: item.content,
  }));
  const format = feed.meta.type === 'atom' ? 'atom' : /rdf/i.test(text.slice(0, 2000)) ? 'rdf' : 'rss';
  return { format, title: plainText(feed.title, true), siteUrl: webUrl(feed.url, url), items: withoutRepeats(items) };
}

const version = (name: string): string =>
  (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const CANDIDATES: Candidate[] = [
  { name: `feedsmith ${version('feedsmith')} (parse-feed.ts)`, parse: parseFeedText },
  { name: `@rowanmanning/feed-parser ${version('@rowanmanning/feed-parser')}`, parse: rowanmanning },
];

type Field = 'feed' | 'title' | 'url' | 'date' | 'guid' | 'author';

interface Score {
  /** Fixtures parsed (or, for the page that is not a feed, refused with a FeedError). */
  handled: number;
  itemsFound: number;
  itemsExpected: number;
  countsRight: number;
  fields: Record<Field, [right: number, checked: number]>;
  ms: number[];
  misses: string[];
}

const FIELD_OF = { title: 'title', url: 'url', publishedAt: 'date', guid: 'guid', author: 'author' } as const;

const NOTHING: ParsedFeed = { format: 'rss', title: null, siteUrl: null, items: [] };

/** Scores one parsed fixture; a fixture that threw is scored as NOTHING, quietly (its miss is the throw). */
function check(score: Score, fixture: FeedFixture, feed: ParsedFeed): void {
  const missesBefore = score.misses.length;
  const expectFeed: Array<[string, unknown, unknown]> = [['format', fixture.format, feed.format], ['title', fixture.title, feed.title], ['siteUrl', fixture.siteUrl, feed.siteUrl]];
  for (const [name, want, got] of expectFeed) {
    if (want === undefined) continue;
    score.fields.feed[1]++;
    if (want === got) score.fields.feed[0]++;
    else score.misses.push(`${fixture.file} feed.${name}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }
  const expected = fixture.items ?? [];
  score.itemsExpected += expected.length;
  score.itemsFound += feed.items.length;
  if (feed.items.length === expected.length && feed !== NOTHING) score.countsRight++;
  else score.misses.push(`${fixture.file}: ${feed.items.length} items ≠ ${expected.length}`);
  expected.forEach((want: ExpectedItem, index) => {
    const got = feed.items[index];
    for (const key of ['title', 'url', 'publishedAt', 'guid', 'author'] as const) {
      if (want[key] === undefined) continue;
      const field = score.fields[FIELD_OF[key]];
      field[1]++;
      if (got && got[key] === want[key]) field[0]++;
      else score.misses.push(`${fixture.file} #${index + 1} ${key}: ${JSON.stringify(got?.[key])} ≠ ${JSON.stringify(want[key])}`);
    }
  });
  if (feed === NOTHING) score.misses.length = missesBefore;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The text a candidate gets: ours (decoded, trimmed to the document) or the bytes read as UTF-8. */
function textOf(body: Uint8Array, fixture: FeedFixture, prepared: boolean): { text: string; json: boolean } {
  if (prepared) return feedText(body, fixture.contentType);
  const text = new TextDecoder().decode(body);
  return { text, json: text.trimStart().startsWith('{') };
}

function run(candidate: Candidate, prepared: boolean): Score {
  const score: Score = { handled: 0, itemsFound: 0, itemsExpected: 0, countsRight: 0, fields: { feed: [0, 0], title: [0, 0], url: [0, 0], date: [0, 0], guid: [0, 0], author: [0, 0] }, ms: [], misses: [] };
  for (const fixture of FEED_FIXTURES) {
    const body = new Uint8Array(readFileSync(join(FIXTURES, fixture.file)));
    const parse = (): ParsedFeed => {
      const { text, json } = textOf(body, fixture, prepared);
      return candidate.parse(text, json, fixture.url);
    };
    let feed: ParsedFeed | null = null;
    try {
      feed = parse();
    } catch (error) {
      if (fixture.throws && error instanceof FeedError) score.handled++;
      else {
        score.misses.push(`${fixture.file}: threw ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`);
        check(score, fixture, NOTHING);
      }
    }
    if (feed && fixture.throws) score.misses.push(`${fixture.file}: parsed, should have been refused`);
    if (!feed || fixture.throws) continue;
    score.handled++;
    check(score, fixture, feed);
    if (!prepared) continue;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      parse();
      times.push(performance.now() - started);
    }
    score.ms.push(median(times));
  }
  return score;
}

const total = (score: Score): [number, number] =>
  Object.values(score.fields).reduce<[number, number]>(([right, checked], [r, c]) => [right + r, checked + c], [0, 0]);
const ratio = ([right, checked]: [number, number]): string => `${right}/${checked}`;
const feedCount = FEED_FIXTURES.filter((f) => !f.throws).length;

const rows = CANDIDATES.map((candidate) => ({ candidate, score: run(candidate, true), raw: run(candidate, false) }));
const header = ['parser', 'fixtures ok', 'item counts', 'items found/expected', 'feed title/site/format', 'titles', 'links', 'dates', 'guids', 'authors', 'all fields', 'all fields, raw text', 'ms/feed (median)'];
const table = rows.map(({ candidate, score, raw }) => [
  candidate.name,
  `${score.handled}/${FEED_FIXTURES.length}`,
  `${score.countsRight}/${feedCount}`,
  `${score.itemsFound}/${score.itemsExpected}`,
  ratio(score.fields.feed),
  ratio(score.fields.title),
  ratio(score.fields.url),
  ratio(score.fields.date),
  ratio(score.fields.guid),
  ratio(score.fields.author),
  ratio(total(score)),
  ratio(total(raw)),
  (score.ms.reduce((a, b) => a + b, 0) / Math.max(1, score.ms.length)).toFixed(3),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`${FEED_FIXTURES.length} fixtures (${feedCount} feeds, ${FEED_FIXTURES.length - feedCount} not a feed); time is the mean over fixtures of the median of ${RUNS} runs.`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
if (argv.includes('--misses')) {
  for (const { candidate, score, raw } of rows) {
    for (const [label, misses] of [['', score.misses], [', raw text', raw.misses]] as const) {
      console.log(`\n${candidate.name}${label}: ${misses.length} misses`);
      for (const miss of misses) console.log(`  ${miss}`);
    }
  }
}
