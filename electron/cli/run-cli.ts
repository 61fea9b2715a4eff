// The command line over the app's core: parses the arguments, opens the library, runs one
// command. With --json the last line of stdout is one JSON object, for scripts.
import { parseArgs } from 'node:util';
import { LibraryCorruptError, LibraryStorageError, NewerSchemaError } from '../library/library.ts';
import { addCommand, archiveCommand, listCommand, searchCommand, showCommand, statsCommand, tagCommand, type CommandResult } from './article-commands.ts';
import { openContext, type CliOutput } from './cli-context.ts';
import { defaultDataDir } from './data-dir.ts';
import { EXIT, UsageError, type ExitCode } from './exit-codes.ts';
import { feedsCommand } from './feed-commands.ts';
import { syncCommand, type SyncArgs } from './sync-command.ts';
import { EXPORT_FORMATS, exportCommand, IMPORT_FORMATS, importCommand } from './transfer-commands.ts';

export const USAGE = `Usage: lectern <command> [options]

Commands:
  add URL...                 save pages (waits for them unless --no-wait)
  import FORMAT FILE         ${IMPORT_FORMATS.join(', ')} [--report FILE]
  export FORMAT FILE         ${EXPORT_FORMATS.join(', ')} [--ids ID,ID...]
  list                       [--view unread|archive|starred|all] [--tag TAG]
  search QUERY
  show ID
  tag ID TAG...
  archive ID...
  stats
  feeds add URL [--folder F] | feeds list | feeds refresh [ID...] | feeds remove ID
  sync --remote URL|FOLDER --passphrase-file FILE [--user U --password-file FILE]
                             one sync round; the first on an empty remote sets it up

Options:
  --data-dir DIR             the library folder (default: the app's, or $LECTERN_DATA_DIR)
  --json                     end with one JSON object on the last line
Exit codes: 0 done, 1 some items failed, 2 usage, 3 not found, 4 library could not be opened.`;

export interface RunOptions extends CliOutput {
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  allowFetch?: (url: URL) => boolean;
}

export async function runCli(argv: string[], options: RunOptions): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-wait': { type: 'boolean', default: false },
        view: { type: 'string', default: 'all' },
        tag: { type: 'string' },
        folder: { type: 'string' },
        report: { type: 'string' },
        ids: { type: 'string' },
        remote: { type: 'string' },
        'passphrase-file': { type: 'string' },
        user: { type: 'string' },
        'password-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    options.note(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? options.print : options.note)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const json = values.json;
  let ctx;
  try {
    ctx = openContext({ dataDir: values['data-dir'] ?? defaultDataDir(options.env), json, output: options, ...(options.allowFetch ? { allowFetch: options.allowFetch } : {}) });
  } catch (error) {
    const message = error instanceof NewerSchemaError || error instanceof LibraryCorruptError || error instanceof LibraryStorageError ? error.message : `Could not open the library: ${(error as Error).message}`;
    options.note(message);
    if (json) options.print(JSON.stringify({ error: 'library', message }));
    return EXIT.library;
  }
  try {
    const signal = options.signal ?? new AbortController().signal;
    const result = await dispatch(command, rest, values, ctx, signal);
    if (json) options.print(JSON.stringify(result.json));
    return result.code;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    options.note(`${error.message}\n\n${USAGE}`);
    if (json) options.print(JSON.stringify({ error: 'usage', message: error.message }));
    return EXIT.usage;
  } finally {
    await ctx.close();
  }
}

type Values = { view: string; tag?: string; folder?: string; report?: string; ids?: string; 'no-wait': boolean } & SyncArgs;

function dispatch(command: string, args: string[], values: Values, ctx: ReturnType<typeof openContext>, signal: AbortSignal): Promise<CommandResult> | CommandResult {
  switch (command) {
    case 'add':
      return addCommand(ctx, args, !values['no-wait'], signal);
    case 'import':
      return importCommand(ctx, args[0], args[1], values.report, signal);
    case 'export':
      return exportCommand(ctx, args[0], args[1], values.ids ? values.ids.split(',').map((id) => id.trim()).filter(Boolean) : null);
    case 'list':
      return listCommand(ctx, values.view, values.tag);
    case 'search':
      return searchCommand(ctx, args.join(' '));
    case 'show':
      if (!args[0]) throw new UsageError('show needs an article id');
      return showCommand(ctx, args[0]);
    case 'tag':
      return tagCommand(ctx, args[0], args.slice(1));
    case 'archive':
      return archiveCommand(ctx, args);
    case 'stats':
      return statsCommand(ctx);
    case 'feeds':
      return feedsCommand(ctx, args[0], args.slice(1), values.folder);
    case 'sync':
      return syncCommand(ctx, values, signal);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
