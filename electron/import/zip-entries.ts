// The zips exports come in (Pocket 2025, Omnivore, our backups), opened without trusting them:
// entry names are checked, sizes are capped while the bytes are inflated (a header can lie),
// and a zip bomb becomes a problem to report instead of filling the memory.
import yauzl from 'yauzl';
import type { ImportInput, ImportProblem } from './imported-link.ts';

export interface ZipLimits {
  /** Entries read; the rest are reported. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries read together. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, for entries over `ratioAbove` bytes. */
  maxRatio: number;
  ratioAbove: number;
}

const MB = 1_048_576;
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 200 * MB,
  maxTotalBytes: 1024 * MB,
  maxRatio: 100,
  ratioAbove: MB,
};

export interface ZipEntry {
  /** Its path in the zip, checked: relative, no `..`, forward slashes. */
  name: string;
  /** Sizes as the zip's directory states them (checked again while reading). */
  size: number;
  compressedSize: number;
}

export interface ZipArchive {
  /** Files (not folders) in the order the zip lists them; unsafe or oversized ones left out. */
  entries: ZipEntry[];
  /** Why entries were left out, and damage found while listing (row 0, file = the entry). */
  problems: ImportProblem[];
  /** An entry to read; its bytes stop with an error at the limits. */
  input(entry: ZipEntry): ImportInput;
  /** The first bytes of an entry, for telling formats apart (not counted against the limits). */
  head(entry: ZipEntry, bytes?: number): Promise<Uint8Array>;
  close(): void;
}

export interface ZipOptions {
  limits?: Partial<ZipLimits>;
  signal?: AbortSignal;
  /** Told of every uncompressed byte read, for progress. */
  onBytes?: (bytes: number) => void;
}

const mb = (bytes: number): string => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${bytes.toLocaleString('en')} bytes`);
const shown = (name: string): string => (name.length > 200 ? `${name.slice(0, 200)}…` : name);

/** Opens a zip from disk or memory and lists its entries (the directory only, no contents). */
export async function openZip(source: { path: string } | { bytes: Uint8Array }, options: ZipOptions = {}): Promise<ZipArchive> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const { signal, onBytes } = options;
  // Names are decoded and checked here, not by yauzl: it would fail the whole zip on one bad name.
  const settings = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
  const zipfile =
    'path' in source
      ? await yauzl.openPromise(source.path, settings)
      : await yauzl.fromBufferPromise(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength), settings);
  const entries: ZipEntry[] = [];
  const problems: ImportProblem[] = [];
  const raw = new Map<ZipEntry, yauzl.Entry>();
  const reject = (file: string | null, reason: string) => problems.push({ row: 0, file, reason });
  if (zipfile.entryCount > limits.maxEntries) {
    reject(null, `the zip holds ${zipfile.entryCount.toLocaleString('en')} files; only the first ${limits.maxEntries.toLocaleString('en')} were read`);
  }
  let listed = 0;
  try {
    for await (const entry of zipfile.eachEntry()) {
      signal?.throwIfAborted();
      if (++listed > limits.maxEntries) break;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const unsafe = yauzl.validateFileName(name);
      if (unsafe) reject(shown(name), `unsafe file name in the zip (${unsafe}); skipped`);
      else if (name.endsWith('/')) continue;
      else if (entry.isEncrypted()) reject(name, 'this file in the zip is encrypted; skipped');
      else if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) reject(name, `this file in the zip uses an unsupported compression (method ${entry.compressionMethod}); skipped`);
      else if (entry.uncompressedSize > limits.maxEntryBytes) reject(name, `this file is ${mb(entry.uncompressedSize)} uncompressed, over the ${mb(limits.maxEntryBytes)} limit; skipped`);
      else if (entry.uncompressedSize > limits.ratioAbove && entry.uncompressedSize > Math.max(1, entry.compressedSize) * limits.maxRatio) {
        reject(name, `this file expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (a zip bomb?); skipped`);
      } else {
        const item = { name, size: entry.uncompressedSize, compressedSize: entry.compressedSize };
        entries.push(item);
        raw.set(item, entry);
      }
    }
  } catch (error) {
    if (signal?.aborted) {
      zipfile.close();
      throw signal.reason;
    }
    reject(null, `the zip is damaged (${(error as Error).message}); only the files listed before the damage were read`);
  }
  let total = 0;

  async function* read(entry: ZipEntry, cap: number, counted: boolean): AsyncGenerator<Uint8Array> {
    signal?.throwIfAborted();
    const stream = await zipfile.openReadStreamPromise(raw.get(entry)!);
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        signal?.throwIfAborted();
        bytes += chunk.length;
        if (bytes > limits.maxEntryBytes) throw new Error(`${shown(entry.name)} is over ${mb(limits.maxEntryBytes)} uncompressed`);
        if (bytes > entry.size) throw new Error(`${shown(entry.name)} holds more than its zip header says (a zip bomb?)`);
        if (bytes > limits.ratioAbove && bytes > Math.max(1, entry.compressedSize) * limits.maxRatio) throw new Error(`${shown(entry.name)} expands over ${limits.maxRatio} times (a zip bomb?)`);
        if (counted) {
          total += chunk.length;
          if (total > limits.maxTotalBytes) throw new Error(`the zip holds over ${mb(limits.maxTotalBytes)} uncompressed; the rest was not read`);
          onBytes?.(chunk.length);
        }
        yield bytes > cap ? chunk.subarray(0, chunk.length - (bytes - cap)) : chunk;
        if (bytes >= cap) return;
      }
    } finally {
      stream.destroy();
    }
  }

  return {
    entries,
    problems,
    input: (entry) => ({ file: entry.name, name: entry.name, head: new Uint8Array(), chunks: () => read(entry, Infinity, true) }),
    async head(entry, bytes = 65_536) {
      const parts: Uint8Array[] = [];
      for await (const chunk of read(entry, bytes, false)) parts.push(chunk);
      return Buffer.concat(parts);
    },
    close: () => zipfile.close(),
  };
}
