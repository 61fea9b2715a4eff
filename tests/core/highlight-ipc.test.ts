// Highlights through the core as the renderer reaches it: validated arguments, events, and a
// re-fetch over a real loopback server that moves one highlight and orphans another.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core.ts';
import type { ApiEvents, Article, ArticleSummary, Highlight, Result } from '../../electron/ipc/api.ts';
import { anchorTextOf } from '../../electron/library/anchor-text.ts';
import { selectorFor } from '../../electron/shared/anchoring/text-quote.ts';
import { loopbackOnly, startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';

const open: Array<Core | FixtureServer> = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const page = (paragraphs: string[]) => `<!doctype html><html><head><title>Tide report</title></head><body><article>
  <h1>Tide report</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;

const FIRST = [
  'The river barrier closed at dawn as the tide rose higher than forecast, and the city held its breath for an hour.',
  'Engineers had warned for years that the old gates would fail under a surge of this size, and asked for money twice.',
  'Residents watched from the embankment while the water climbed the steps, and some of them filmed it for the news.',
];

async function setup() {
  let body: string | null = page(FIRST);
  const server = await startFixtureServer({
    '/tide': (_req, res) => (body === null ? res.writeHead(503).end('down') : res.writeHead(200, { 'content-type': 'text/html' }).end(body)),
  });
  const core = createCore({ dataDir: mkdtempSync(join(tmpdir(), 'lectern-hl-')), rendererDir: '/nonexistent', allowFetch: loopbackOnly, refreshFeeds: false });
  open.push(core, server);
  const saved = value<ArticleSummary>(await core.invoke('saveUrl', [server.url('/tide')]));
  await core.idle();
  return { core, id: saved.id, setPage: (paragraphs: string[] | null) => void (body = paragraphs && page(paragraphs)) };
}

async function highlightOf(core: Core, id: string, quote: string, color: Highlight['color'] = 'yellow'): Promise<Highlight> {
  const text = anchorTextOf(value<Article>(await core.invoke('getArticle', [id])).html);
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return value<Highlight>(await core.invoke('addHighlight', [id, { ...selectorFor(text, { start, end: start + quote.length }), start, end: start + quote.length, color, note: '' }]));
}

describe('highlights over IPC', () => {
  it('validates what the renderer sends', async () => {
    const { core, id } = await setup();
    const input = { quote: 'tide', prefix: '', suffix: '', start: 5, end: 9, color: 'yellow', note: '' };
    expect(await core.invoke('addHighlight', [id, { ...input, end: 5 }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await core.invoke('addHighlight', [id, { ...input, color: 'red' }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await core.invoke('addHighlight', [id, { ...input, script: 'x' }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await core.invoke('addHighlight', ['6a0e4b8e-52a4-4a5b-9c55-4e3f5e8b0c11', input])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await core.invoke('updateHighlight', ['no-such', { note: 'x' }])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await core.invoke('browseHighlights', [{ limit: 0 }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('tells the article’s views of every change, and undoes a delete', async () => {
    const { core, id } = await setup();
    const seen: ApiEvents['highlightsChanged'][] = [];
    core.on((event, payload) => event === 'highlightsChanged' && seen.push(payload as ApiEvents['highlightsChanged']));
    const h = await highlightOf(core, id, 'the old gates would fail');
    value(await core.invoke('updateHighlight', [h.id, { color: 'blue', note: 'budget' }]));
    value(await core.invoke('deleteHighlight', [h.id]));
    expect(value<Highlight[]>(await core.invoke('listHighlights', [id]))).toEqual([]);
    expect(value<Highlight>(await core.invoke('restoreHighlight', [h.id]))).toMatchObject({ color: 'blue', note: 'budget' });
    expect(seen).toEqual(Array(4).fill({ articleId: id }));
  });

  it('re-anchors after a re-fetch of a changed page, keeping the one it cannot place as orphaned', async () => {
    const { core, id, setPage } = await setup();
    const moves = await highlightOf(core, id, 'the old gates would fail under a surge');
    const goes = await highlightOf(core, id, 'Residents watched from the embankment', 'pink');
    setPage(['Update, 10:40: the agency says the gates are being inspected tonight.', FIRST[0]!, FIRST[1]!.replace('for years', 'for many years')]);
    const seen: string[] = [];
    core.on((event) => seen.push(event));
    value(await core.invoke('retryArticle', [id]));
    await core.idle();
    const after = value<Highlight[]>(await core.invoke('listHighlights', [id]));
    const text = anchorTextOf(value<Article>(await core.invoke('getArticle', [id])).html);
    const moved = after.find((h) => h.id === moves.id)!;
    expect(moved.orphaned).toBe(false);
    expect(text.slice(moved.start!, moved.end!)).toBe('the old gates would fail under a surge');
    expect(moved.start).toBeGreaterThan(moves.start!);
    expect(after.find((h) => h.id === goes.id)).toMatchObject({ orphaned: true, color: 'pink' });
    expect(seen).toContain('highlightsChanged');
  });

  it('keeps the saved article and its highlights when a re-fetch fails', async () => {
    const { core, id, setPage } = await setup();
    const h = await highlightOf(core, id, 'the old gates would fail');
    const before = value<Article>(await core.invoke('getArticle', [id]));
    setPage(null);
    value(await core.invoke('retryArticle', [id]));
    await core.idle();
    const after = value<Article>(await core.invoke('getArticle', [id]));
    expect(after).toMatchObject({ status: 'done', html: before.html, error: expect.stringMatching(/\S/) });
    expect(value<Highlight[]>(await core.invoke('listHighlights', [id]))).toEqual([expect.objectContaining({ id: h.id, orphaned: false })]);
  });
});
