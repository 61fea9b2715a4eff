// Fixture pages for the renderer tests, served by a real loopback server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { icoFromPng } from '../support/ico.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export const NEWS_PATH = '/2026/03/14/city-council-approves-riverside-flood-barrier/';
export const NEWS_TITLE = 'City Council Approves Riverside Flood Barrier After Decade of Debate';

export const NEWS_PAGE = readFileSync(join(FIXTURES, 'pages', 'wordpress-news', 'source.html'));

const image = (file: string, type: string) => ({
  headers: { 'content-type': type },
  body: readFileSync(join(FIXTURES, 'images', file)),
});

/** A page that tries every way we know to run script once it is shown in the app. */
export const HOSTILE_PATH = '/2026/04/01/hostile-markup/';
export const HOSTILE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Notes on a Quiet Harbour</title>
<script>window.__pwned = 'head'; window.__lecternPwned && window.__lecternPwned('head script');</script>
</head><body><article>
<h1>Notes on a Quiet Harbour</h1>
<p>The harbour was quiet that morning, and the fishing boats sat low in the water while the gulls
argued over what little the tide had left on the slipway. Nobody was in a hurry to go anywhere.</p>
<script>window.__pwned = 'body'; window.__lecternPwned && window.__lecternPwned('body script');</script>
<p>Along the sea wall the old men were mending nets, as they had every Tuesday for longer than
anyone could remember, trading gossip about the weather and the price of diesel and the council.</p>
<img src="/does-not-exist.png" onerror="window.__lecternPwned && window.__lecternPwned('img onerror')" alt="broken">
<p>By noon the wind had turned, and the first of the boats came back around the point with a
modest catch of mackerel that was sold on the quay before the engines had cooled down properly.</p>
<svg onload="window.__lecternPwned && window.__lecternPwned('svg onload')"><circle r="4"></circle></svg>
<p>In the afternoon the café by the lifeboat station filled up with walkers who had come along the
coast path, and the owner ran out of scones an hour earlier than she had expected to, again.</p>
<p><a href="javascript:window.__lecternPwned('javascript link')">A link that should go nowhere</a>
and <a href="https://example.com/harbour">a link that should open in the browser</a>.</p>
<iframe srcdoc="<script>parent.__lecternPwned('iframe')</script>"></iframe>
<p style="background:url(javascript:alert(1))" onclick="window.__lecternPwned('onclick')">Evening
came slowly, the way it does in late summer, and the lights on the harbour wall came on one by
one while the last of the walkers waited for the bus that would take them back to the town.</p>
</article></body></html>`;

export async function startNewsServer(): Promise<FixtureServer> {
  return startFixtureServer({
    [NEWS_PATH]: { body: NEWS_PAGE },
    '/images/photo-1.png': image('photo-1.png', 'image/png'),
    '/images/photo-2.jpg': image('photo-2.jpg', 'image/jpeg'),
    // The news page names no icon, so capture asks for the site's /favicon.ico.
    '/favicon.ico': { headers: { 'content-type': 'image/x-icon' }, body: icoFromPng(readFileSync(join(FIXTURES, 'images', 'photo-3.png'))) },
    [HOSTILE_PATH]: { body: HOSTILE_PAGE },
    '/gone': { status: 404, body: 'nothing here' },
  });
}
