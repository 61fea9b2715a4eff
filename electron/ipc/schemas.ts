// Every argument that crosses the IPC boundary is validated here before main acts on it.
import { z } from 'zod';
import type { ApiArgs, ApiName } from './api.ts';
import { readerPreferencesSchema } from '../preferences/reader-preferences.ts';

const id = z.string().uuid();
const webUrl = z.string().min(1).max(8192);
const tag = z.string().trim().min(1).max(100);

const listQuery = z
  .object({
    view: z.enum(['unread', 'starred', 'archive', 'all']),
    tag: z.string().min(1).max(200).optional(),
    site: z.string().min(1).max(300).optional(),
    feed: z.string().uuid().optional(),
    sort: z.enum(['newest', 'oldest', 'longest', 'shortest', 'published', 'title']).optional(),
    cursor: z.string().max(1000).nullable().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();

const importFormat = z.enum(['pocket', 'instapaper', 'omnivore', 'wallabag', 'readwise', 'bookmarks', 'urls', 'json', 'opml']);
const exportFormat = z.enum(['backup', 'json', 'bookmarks', 'csv', 'opml', 'markdown', 'html', 'highlights-markdown', 'highlights-json']);
/** Import files are read whole in the renderer; the CLI streams larger ones from disk. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
const importBytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, 'Import files over 512 MB are not supported here; use the command line.');
const folder = z.string().max(300).nullable();
const feedSettings = z
  .object({
    title: z.string().max(300).nullable().optional(),
    folder: folder.optional(),
    fetchFull: z.boolean().optional(),
    keepDays: z.number().int().min(1).max(36_500).nullable().optional(),
    keepItems: z.number().int().min(1).max(1_000_000).nullable().optional(),
  })
  .strict();

/** A backup may bring highlight ids of another tool's making: any short string. */
const highlightId = z.string().min(1).max(200);
const highlightColor = z.enum(['yellow', 'green', 'blue', 'pink']);
const highlightInput = z
  .object({
    quote: z.string().min(1).max(20_000),
    prefix: z.string().max(200),
    suffix: z.string().max(200),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    color: highlightColor,
    note: z.string().max(100_000),
  })
  .strict()
  .refine((h) => h.end > h.start, 'A highlight ends after it starts.');
const highlightChange = z.object({ color: highlightColor.optional(), note: z.string().max(100_000).optional() }).strict();
const highlightQuery = z
  .object({
    tag: z.string().min(1).max(200).optional(),
    color: highlightColor.optional(),
    cursor: z.string().max(1000).nullable().optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();

/** A sync folder is an absolute path (POSIX, a drive letter or a UNC share); a server speaks http(s). */
const syncFolder = z.string().min(1).max(4096).refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'The sync folder must be a full path.');
const syncUrl = webUrl.refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'The server address must start with https:// or http://.');
const syncSettings = z
  .object({
    remote: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('folder'), path: syncFolder }).strict(),
      z.object({ kind: z.literal('webdav'), url: syncUrl, username: z.string().max(300), password: z.string().max(1000) }).strict(),
    ]),
    passphrase: z.string().min(1, 'Sync needs a passphrase.').max(1000),
    create: z.boolean(),
    keepOffline: z.boolean().optional(),
  })
  .strict();

/** Argument tuples, one per operation; the compiler checks they cover the whole Api. */
export const argumentSchemas = {
  saveUrl: z.tuple([webUrl]),
  listArticles: z.tuple([listQuery]),
  getArticle: z.tuple([id]),
  setStarred: z.tuple([id, z.boolean()]),
  setArchived: z.tuple([id, z.boolean()]),
  setProgress: z.tuple([id, z.number().min(0).max(1)]),
  deleteArticle: z.tuple([id]),
  retryArticle: z.tuple([id]),
  cancelCapture: z.tuple([id]),
  addTags: z.tuple([id, z.array(tag).min(1).max(50)]),
  removeTag: z.tuple([id, tag]),
  renameTag: z.tuple([tag, tag]),
  listTags: z.tuple([]),
  importLinks: z.tuple([z.string().max(50 * 1024 * 1024, 'Import files over 50 MB are not supported.')]),
  importFile: z.tuple([z.string().min(1).max(100), z.string().max(1000), importBytes, importFormat.nullable()]),
  cancelImport: z.tuple([z.string().min(1).max(100)]),
  exportLibrary: z.tuple([exportFormat, z.array(id).max(100_000).nullable()]),
  listFeeds: z.tuple([]),
  addFeed: z.tuple([webUrl, folder]),
  updateFeed: z.tuple([id, feedSettings]),
  removeFeed: z.tuple([id]),
  refreshFeeds: z.tuple([id.nullable()]),
  listSites: z.tuple([]),
  listHighlights: z.tuple([id]),
  addHighlight: z.tuple([id, highlightInput]),
  updateHighlight: z.tuple([highlightId, highlightChange]),
  deleteHighlight: z.tuple([highlightId]),
  restoreHighlight: z.tuple([highlightId]),
  browseHighlights: z.tuple([highlightQuery]),
  setNote: z.tuple([id, z.string().max(100_000)]),
  queueStatus: z.tuple([]),
  getPreferences: z.tuple([]),
  setPreferences: z.tuple([readerPreferencesSchema.partial()]),
  search: z.union([
    z.tuple([z.string().max(1000)]),
    z.tuple([z.string().max(1000), z.number().int().min(1).max(500)]),
    z.tuple([z.string().max(1000), z.number().int().min(1).max(500), z.number().int().min(1).max(500)]),
  ]),
  searchSnippets: z.tuple([z.string().max(1000), z.array(id).max(200)]),
  openExternal: z.tuple([webUrl]),
  answerConnectorPairing: z.tuple([id, z.boolean()]),
  listConnectorPairings: z.tuple([]),
  listConnectedBrowsers: z.tuple([]),
  revokeConnectedBrowser: z.tuple([id]),
  openCaptureWindow: z.tuple([webUrl]),
  getSyncStatus: z.tuple([]),
  configureSync: z.tuple([syncSettings]),
  syncNow: z.tuple([]),
  disableSync: z.tuple([]),
  setSyncKeepOffline: z.tuple([z.boolean()]),
} satisfies { [K in ApiName]: z.ZodType<ApiArgs<K>> };

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(argumentSchemas, name);
}
