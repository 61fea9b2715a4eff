// Reads any export Lectern imports (a file, or a zip of them) as a stream of events: links,
// feeds, problems with their row, and progress. A bad row, a damaged file, a zip bomb are
// problems in the stream; only an aborted signal throws.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat, detectZipFormat } from './detect-format.ts';
import { problemEvent, type ImportEvent, type ImportFormat, type ImportInput, type ImportSource } from './imported-link.ts';
import { readBookmarks } from './formats/bookmarks.ts';
import { readInstapaper } from './formats/instapaper.ts';
import { readLecternJson } from './formats/lectern-json.ts';
import { readOmnivoreJson, readOmnivoreZip } from './formats/omnivore.ts';
import { readOpml } from './formats/opml-import.ts';
import { readPocket, readPocketZip } from './formats/pocket.ts';
import { readReadwise } from './formats/readwise.ts';
import { readUrlList } from './formats/url-list.ts';
import { readWallabag } from './formats/wallabag.ts';
import { openZip, type ZipArchive, type ZipLimits } from './zip-entries.ts';

export interface ReadImportOptions {
  /** The format, when the user chose it; detected otherwise. */
  format?: ImportFormat;
  signal?: AbortSignal;
  limits?: Partial<ZipLimits>;
}

const READERS: Record<ImportFormat, (input: ImportInput) => AsyncGenerator<ImportEvent>> = {
  pocket: readPocket,
  instapaper: readInstapaper,
  omnivore: readOmnivoreJson,
  wallabag: readWallabag,
  readwise: readReadwise,
  bookmarks: readBookmarks,
  urls: readUrlList,
  json: readLecternJson,
  opml: readOpml,
};

const CHUNK = 65_536;
/** A progress event every this many rows, or this many bytes, whichever comes first. */
const PROGRESS_ROWS = 1_000;
const PROGRESS_BYTES = 4 * 1_048_576;

// Files in a zip that are not exports: macOS metadata, a backup's images, page assets.
const NOT_AN_EXPORT = /(^|\/)(__MACOSX\/|\.|assets\/)|\.(png|jpe?g|gif|webp|avif|svg|ico|bmp|css|js|woff2?|ttf|otf|mp[34]|pdf)$/i;

interface Meter {
  bytesRead: number;
  totalBytes: number | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Every row of the export, in file order. The generator's return value is the format read
 * (null when none could be recognised).
 */
export async function* readImport(source: ImportSource, options: ReadImportOptions = {}): AsyncGenerator<ImportEvent, ImportFormat | null> {
  const { signal } = options;
  signal?.throwIfAborted();
  const meter: Meter = { bytesRead: 0, totalBytes: null };
  const progress = (): ImportEvent => ({ kind: 'progress', bytesRead: meter.bytesRead, totalBytes: meter.totalBytes });
  const events = eventsOf(source, options, meter);
  let rows = 0;
  let reported = 0;
  let format: ImportFormat | null = null;
  try {
    for (;;) {
      const next = await events.next();
      signal?.throwIfAborted();
      if (next.done) {
        format = next.value;
        break;
      }
      yield next.value;
      signal?.throwIfAborted();
      if (++rows % PROGRESS_ROWS === 0 || meter.bytesRead - reported >= PROGRESS_BYTES) {
        reported = meter.bytesRead;
        yield progress();
      }
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    yield problemEvent(0, null, `the import stopped here: ${messageOf(error)}`);
  } finally {
    await events.return(null);
  }
  if (meter.totalBytes !== null) meter.bytesRead = meter.totalBytes;
  yield progress();
  return format;
}

/** A reader that reports its failure as a problem instead of ending the import. */
async function* guarded(events: AsyncGenerator<ImportEvent>, file: string | null, signal: AbortSignal | undefined): AsyncGenerator<ImportEvent> {
  try {
    yield* events;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    yield problemEvent(0, file, `the rest of the file could not be read (${messageOf(error)})`);
  }
}

async function* eventsOf(source: ImportSource, options: ReadImportOptions, meter: Meter): AsyncGenerator<ImportEvent, ImportFormat | null> {
  const { signal } = options;
  let input: ImportInput;
  try {
    input = await openSource(source, meter, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    yield problemEvent(0, null, `the file could not be opened (${messageOf(error)})`);
    return null;
  }
  const detected = detectFormat(input.name, input.head);
  if (detected === 'zip' || (options.format && input.head[0] === 0x50 && input.head[1] === 0x4b)) {
    return yield* zipEvents(source, options, meter);
  }
  const format = options.format ?? detected;
  if (!format) {
    yield problemEvent(0, null, 'this is not an export Lectern can read (Pocket, Instapaper, Omnivore, wallabag, Readwise, bookmarks, OPML, a list of URLs or a Lectern export)');
    return null;
  }
  yield { kind: 'format', format };
  yield* guarded(READERS[format](input), null, signal);
  return format;
}

async function* zipEvents(source: ImportSource, options: ReadImportOptions, meter: Meter): AsyncGenerator<ImportEvent, ImportFormat | null> {
  const { signal } = options;
  let zip: ZipArchive;
  try {
    zip = await openZip('path' in source ? source : { bytes: source.bytes }, { limits: options.limits, signal, onBytes: (bytes) => (meter.bytesRead += bytes) });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    yield problemEvent(0, null, `not a readable zip (${messageOf(error)})`);
    return null;
  }
  try {
    // Progress through a zip counts its uncompressed contents.
    meter.bytesRead = 0;
    meter.totalBytes = zip.entries.reduce((sum, entry) => sum + entry.size, 0);
    const names = zip.entries.map((entry) => entry.name);
    const layout = detectZipFormat(names);
    const kind = options.format ?? layout;
    // The format comes first, then what listing the zip found wrong.
    const listing = function* (format: ImportFormat): Generator<ImportEvent> {
      yield { kind: 'format', format };
      for (const problem of zip.problems) yield { kind: 'problem', problem };
    };
    if (kind === 'pocket' && (layout === 'pocket' || names.some((name) => /\.csv$/i.test(name)))) {
      yield* listing('pocket');
      yield* guarded(readPocketZip(zip), null, signal);
      return 'pocket';
    }
    if (kind === 'omnivore' && layout === 'omnivore') {
      yield* listing('omnivore');
      yield* guarded(readOmnivoreZip(zip), null, signal);
      return 'omnivore';
    }
    // Any other zip: each file in it read as the export it is (or as the format chosen); the
    // first file read says the format.
    let read: ImportFormat | null = null;
    for (const entry of zip.entries.filter((e) => !NOT_AN_EXPORT.test(e.name))) {
      let head: Uint8Array;
      try {
        head = await zip.head(entry);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        yield problemEvent(0, entry.name, `this file could not be read (${messageOf(error)})`);
        continue;
      }
      const format = options.format ?? detectFormat(entry.name, head);
      if (format === 'zip') yield problemEvent(0, entry.name, 'a zip inside the zip is not read');
      else if (!format) yield problemEvent(0, entry.name, 'not an export Lectern can read');
      else {
        if (!read) yield* listing((read = format));
        yield* guarded(READERS[format]({ ...zip.input(entry), head }), entry.name, signal);
      }
    }
    if (!read) {
      for (const problem of zip.problems) yield { kind: 'problem', problem };
      if (zip.entries.length === 0 && zip.problems.length === 0) yield problemEvent(0, null, 'the zip is empty');
    }
    return read;
  } finally {
    zip.close();
  }
}

/** The source as one input: its first bytes for detection, then its bytes streamed and counted. */
async function openSource(source: ImportSource, meter: Meter, signal: AbortSignal | undefined): Promise<ImportInput> {
  const counted = async function* (chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let position = 0;
    for await (const chunk of chunks) {
      signal?.throwIfAborted();
      position += chunk.length;
      meter.bytesRead = Math.max(meter.bytesRead, position);
      yield chunk;
    }
  };
  if ('bytes' in source) {
    const { bytes } = source;
    meter.totalBytes = bytes.length;
    const slices = async function* () {
      for (let start = 0; start < bytes.length; start += CHUNK) yield bytes.subarray(start, start + CHUNK);
    };
    return { file: null, name: source.name, head: bytes.subarray(0, CHUNK), chunks: () => counted(slices()) };
  }
  const { path } = source;
  const info = await stat(path);
  if (!info.isFile()) throw new Error('it is not a file');
  meter.totalBytes = info.size;
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(CHUNK, info.size));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  return { file: null, name: basename(path), head, chunks: () => counted(createReadStream(path, { highWaterMark: CHUNK, signal })) };
}
