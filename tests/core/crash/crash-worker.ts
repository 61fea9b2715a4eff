// Child process for the SIGKILL test: opens the core on a data folder and keeps saving,
// importing and refreshing until it is killed. Each line `ack id <id>` / `ack url <url>` is
// written only after the operation answered, so it names a row that was committed.
// Usage: node crash-worker.ts <dataDir> <origin> <lane> <generation>
import { setTimeout } from 'node:timers/promises';
import { createCore } from '../../../electron/core.ts';
import type { ArticleSummary, Feed, FeedRefreshResult, ImportReport, Result } from '../../../electron/ipc/api.ts';
import { loopbackOnly } from '../../support/fixture-server.ts';
import { feedItemUrls } from './loopback-site.ts';

const [dataDir, origin, lane, generationText] = process.argv.slice(2) as [string, string, string, string];
const generation = Number(generationText);

// stdout to a pipe is synchronous on Linux: a line is in the parent's hands once written.
const say = (line: string) => process.stdout.write(`${line}\n`);

function value<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const core = createCore({ dataDir, rendererDir: '/nonexistent', allowFetch: loopbackOnly, refreshFeeds: false, concurrency: 4 });
say('ready');

const feeds = value<Feed[]>(await core.invoke('listFeeds', []), 'listFeeds');
if (feeds.length === 0) value<Feed>(await core.invoke('addFeed', [`${origin}/${lane}/feed.xml`, null]), 'addFeed');

for (let n = 0; ; n++) {
  // A breath between operations, so captures run beside them and are cut off mid-way too.
  await setTimeout(5 + Math.random() * 30);
  const roll = Math.random();
  if (roll < 0.6) {
    const saved = value<ArticleSummary>(await core.invoke('saveUrl', [`${origin}/${lane}/page-${generation}-${n}`]), 'saveUrl');
    say(`ack id ${saved.id}`);
  } else if (roll < 0.8) {
    const urls = Array.from({ length: 5 }, (_, i) => `${origin}/${lane}/import-${generation}-${n}-${i}`);
    const csv = `URL,Title,Selection,Folder,Timestamp\n${urls.map((url, i) => `${url},Imported ${i},,Unread,1700000000`).join('\n')}\n`;
    const report = value<ImportReport>(
      await core.invoke('importFile', [`import-${generation}-${n}`, 'instapaper.csv', new TextEncoder().encode(csv), 'instapaper']),
      'importFile',
    );
    if (report.rejected > 0) throw new Error(`import rejected ${report.rejected} rows`);
    for (const url of urls) say(`ack url ${url}`);
  } else {
    const results = value<FeedRefreshResult[]>(await core.invoke('refreshFeeds', [null]), 'refreshFeeds');
    if (results.some((r) => r.outcome === 'updated')) for (const url of feedItemUrls(origin, lane, generation)) say(`ack url ${url}`);
  }
}
