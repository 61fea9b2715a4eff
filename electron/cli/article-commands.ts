// add, list, search, show, tag, archive, stats.
import { CaptureQueue } from '../jobs/capture-queue.ts';
import { AssetKeeper } from '../jobs/asset-keeper.ts';
import { runCaptureJob } from '../jobs/capture-job.ts';
import { normalizeUrl } from '../capture/normalize-url.ts';
import { CaptureError } from '../capture/capture-error.ts';
import type { ListView } from '../shared/listing.ts';
import type { ArticleSummary } from '../shared/article.ts';
import type { CliContext } from './cli-context.ts';
import { EXIT, UsageError, type ExitCode } from './exit-codes.ts';

export interface CommandResult {
  code: ExitCode;
  /** Printed as the last line with --json. */
  json: Record<string, unknown>;
}

const VIEWS: readonly ListView[] = ['unread', 'archive', 'starred', 'all'];

export async function addCommand(ctx: CliContext, urls: string[], wait: boolean, signal?: AbortSignal): Promise<CommandResult> {
  if (urls.length === 0) throw new UsageError('add needs at least one URL');
  const added: Array<{ url: string; id: string | null; created: boolean; error: string | null }> = [];
  for (const raw of urls) {
    try {
      const { article, created } = ctx.library.addPending(normalizeUrl(raw));
      added.push({ url: article.url, id: article.id, created, error: null });
    } catch (error) {
      added.push({ url: raw, id: null, created: false, error: error instanceof CaptureError ? error.message : String(error) });
    }
  }
  const toFetch = added.filter((a) => a.created && a.id).map((a) => a.id!);
  if (wait && toFetch.length > 0) await captureNow(ctx, toFetch, signal);
  const results = added.map((a) => {
    const summary = a.id ? ctx.library.summary(a.id) : null;
    const status = summary?.status ?? 'failed';
    const error = a.error ?? summary?.error ?? null;
    if (!ctx.json) ctx.print(`${status === 'done' ? 'saved' : status === 'failed' ? 'failed' : a.created ? 'queued' : 'already saved'}  ${a.url}${summary?.title ? `  ${summary.title}` : ''}${error ? `  (${error})` : ''}`);
    return { id: a.id, url: a.url, created: a.created, status: a.created ? status : 'already-saved', title: summary?.title ?? null, error };
  });
  const failed = results.filter((r) => r.status === 'failed').length;
  return { code: failed ? EXIT.partial : EXIT.ok, json: { added: results.filter((r) => r.created).length, failed, articles: results } };
}

/** Runs the captures of these articles here, with the app's queue and job. */
async function captureNow(ctx: CliContext, ids: string[], signal?: AbortSignal): Promise<void> {
  const { fetcher, extractPool } = ctx.fetching();
  const keeper = new AssetKeeper(ctx.assets, ctx.library);
  const waiting = new Set(ids);
  const queue: CaptureQueue = new CaptureQueue({
    concurrency: 4,
    // Only ours: other pending rows belong to the app's queue.
    pendingIds: (limit) => [...waiting].filter((id) => ctx.library.summary(id)?.status === 'pending').slice(0, limit),
    run: async (id, signal) => {
      waiting.delete(id);
      await runCaptureJob(id, signal, {
        library: ctx.library, keeper, fetcher, extract: (html, url) => extractPool.extract(html, url),
        closing: () => false, online: () => true,
        onProgress: (jobId, status) => { if (status === 'fetching') ctx.note(`fetching ${ctx.library.summary(jobId)?.url ?? jobId}`); },
        onChanged: () => undefined,
      });
    },
  });
  // Ctrl-C: running captures stop and are marked cancelled (retryable), never left 'fetching'.
  const stop = () => {
    waiting.clear();
    void queue.stop();
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    queue.kick();
    await queue.idle();
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

const brief = (a: ArticleSummary) => ({ id: a.id, url: a.url, title: a.title, tags: a.tags });

export function listCommand(ctx: CliContext, view: string, tag: string | undefined): CommandResult {
  if (!VIEWS.includes(view as ListView)) throw new UsageError(`--view must be one of ${VIEWS.join(', ')}`);
  const articles: ReturnType<typeof brief>[] = [];
  let cursor: string | null = null;
  do {
    const page = ctx.library.list({ view: view as ListView, ...(tag ? { tag } : {}), cursor, limit: 500 });
    for (const a of page.items) {
      articles.push(brief(a));
      if (!ctx.json) ctx.print(`${a.id}  ${a.title || '(untitled)'}  ${a.url}${a.tags.length ? `  [${a.tags.join(', ')}]` : ''}`);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { code: EXIT.ok, json: { articles } };
}

export function searchCommand(ctx: CliContext, query: string): CommandResult {
  if (!query.trim()) throw new UsageError('search needs a query');
  const result = ctx.library.search(query, 50);
  const hits = result.hits.map((hit) => ({ ...brief(hit.article), snippet: hit.snippet }));
  if (!ctx.json) for (const hit of hits) ctx.print(`${hit.id}  ${hit.title}\n    ${(hit.snippet ?? '').replace(/<\/?mark>/g, '*')}`);
  return { code: EXIT.ok, json: { total: result.total, hits } };
}

export function showCommand(ctx: CliContext, id: string): CommandResult {
  const article = ctx.library.get(id);
  if (!article) {
    ctx.note(`No article ${id}.`);
    return { code: EXIT.notFound, json: { error: 'not-found', id } };
  }
  const highlights = ctx.library.highlights.forArticle(id);
  if (!ctx.json) {
    ctx.print(`${article.title}\n${article.url}\nsaved ${article.createdAt} · ${article.status}${article.tags.length ? ` · ${article.tags.join(', ')}` : ''}`);
    if (article.note) ctx.print(`note: ${article.note}`);
    for (const h of highlights) ctx.print(`> ${h.quote}${h.note ? `\n  ${h.note}` : ''}`);
  }
  return { code: EXIT.ok, json: { ...article, highlights } };
}

export function tagCommand(ctx: CliContext, id: string | undefined, tags: string[]): CommandResult {
  if (!id || tags.length === 0) throw new UsageError('tag needs an article id and at least one tag');
  const summary = ctx.library.addTags(id, tags);
  if (!summary) {
    ctx.note(`No article ${id}.`);
    return { code: EXIT.notFound, json: { error: 'not-found', id } };
  }
  if (!ctx.json) ctx.print(`${summary.title || summary.url}: ${summary.tags.join(', ')}`);
  return { code: EXIT.ok, json: { id, tags: summary.tags } };
}

export function archiveCommand(ctx: CliContext, ids: string[]): CommandResult {
  if (ids.length === 0) throw new UsageError('archive needs at least one article id');
  const missing = ids.filter((id) => !ctx.library.setArchived(id, true));
  for (const id of missing) ctx.note(`No article ${id}.`);
  if (!ctx.json) ctx.print(`archived ${ids.length - missing.length}`);
  return { code: missing.length ? EXIT.notFound : EXIT.ok, json: { archived: ids.length - missing.length, missing } };
}

export function statsCommand(ctx: CliContext): CommandResult {
  const stats = ctx.library.stats();
  if (!ctx.json) for (const [key, value] of Object.entries(stats)) ctx.print(`${key.padEnd(14)} ${value.toLocaleString('en')}`);
  return { code: EXIT.ok, json: { ...stats } };
}
