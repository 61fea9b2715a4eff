// feeds add|list|refresh|remove.
import { refreshFeed, subscribe, feedErrorMessage } from '../feeds/refresh-feed.ts';
import type { FeedRefreshResult } from '../shared/feed.ts';
import type { CommandResult } from './article-commands.ts';
import type { CliContext } from './cli-context.ts';
import { EXIT, UsageError } from './exit-codes.ts';

export async function feedsCommand(ctx: CliContext, action: string | undefined, args: string[], folder: string | undefined): Promise<CommandResult> {
  const { library } = ctx;
  switch (action) {
    case 'add': {
      const [url] = args;
      if (!url) throw new UsageError('feeds add needs a feed or site URL');
      try {
        const { feed, created, result } = await subscribe(url, folder ?? null, { library, fetcher: ctx.fetching().fetcher });
        if (!ctx.json) ctx.print(`${created ? 'Subscribed to' : 'Already subscribed to'} ${feed.title} (${feed.url})${result ? `: ${result.added} new items` : ''}`);
        return { code: EXIT.ok, json: { feed, created, added: result?.added ?? 0 } };
      } catch (error) {
        const message = feedErrorMessage(error);
        ctx.note(message);
        return { code: EXIT.partial, json: { error: message } };
      }
    }
    case 'list': {
      const feeds = library.feeds.list();
      if (!ctx.json) for (const f of feeds) ctx.print(`${f.id}  ${f.folder ? `${f.folder}/` : ''}${f.title}  ${f.url}  ${f.unread} unread${f.error ? `  (failing: ${f.error})` : ''}`);
      return { code: EXIT.ok, json: { feeds } };
    }
    case 'refresh': {
      const ids = args.length ? args : library.feeds.list().map((f) => f.id);
      const missing = ids.filter((id) => !library.feeds.get(id));
      const results: FeedRefreshResult[] = [];
      for (const id of ids.filter((i) => !missing.includes(i))) {
        const result = await refreshFeed(id, { library, fetcher: ctx.fetching().fetcher });
        results.push(result);
        if (!ctx.json) ctx.print(`${library.feeds.get(id)?.title ?? id}: ${result.outcome}${result.added ? `, ${result.added} new` : ''}${result.error ? ` (${result.error})` : ''}`);
      }
      const failed = results.filter((r) => r.outcome === 'failed').length;
      return { code: missing.length ? EXIT.notFound : failed ? EXIT.partial : EXIT.ok, json: { refreshed: results.length, failed, added: results.reduce((n, r) => n + r.added, 0), results, missing } };
    }
    case 'remove': {
      const [id] = args;
      if (!id) throw new UsageError('feeds remove needs a feed id');
      const outcome = library.unsubscribe(id);
      if (!outcome) {
        ctx.note(`No feed ${id}.`);
        return { code: EXIT.notFound, json: { error: 'not-found', id } };
      }
      if (!ctx.json) ctx.print(`Unsubscribed: ${outcome.removed} unread articles removed, ${outcome.kept} kept`);
      return { code: EXIT.ok, json: { ...outcome } };
    }
    default:
      throw new UsageError('feeds needs one of: add, list, refresh, remove');
  }
}
