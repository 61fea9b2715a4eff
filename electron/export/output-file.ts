// Writing an export to disk: streamed (a library's export can be gigabytes; nothing holds it
// whole), and into a temporary name renamed at the end, so a failed export never leaves a
// truncated file where the reader expects a finished one.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import yazl from 'yazl';

const temporaryName = (path: string): string => `${path}.${randomBytes(6).toString('hex')}.partial`;

/** Writes `fn`'s output to a temporary file, then moves it to `path`; removes it on failure. */
async function atomically<T>(path: string, fn: (temporary: string) => Promise<T>): Promise<T> {
  const temporary = temporaryName(path);
  try {
    const result = await fn(temporary);
    await rename(temporary, path);
    return result;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Gathers small strings into ~64 KB chunks: one write per chunk, not one per record. */
async function* batched(chunks: Iterable<string> | AsyncIterable<string>, size = 65_536): AsyncGenerator<Buffer> {
  let pending = '';
  for await (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= size) {
      yield Buffer.from(pending);
      pending = '';
    }
  }
  if (pending) yield Buffer.from(pending);
}

const bufferOf = (data: string | Uint8Array): Buffer =>
  typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** A text file from a stream of strings; the generator is pulled only as fast as the disk takes it. */
export function writeTextFile(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  return atomically(path, (temporary) => pipeline(Readable.from(batched(chunks)), createWriteStream(temporary)));
}

export interface ZipOutput {
  /** Adds an entry and resolves once the zip has taken all of it (so callers add one at a time). */
  add(name: string, data: string | Uint8Array | Iterable<string> | AsyncIterable<string>, options?: { compress?: boolean }): Promise<void>;
}

/**
 * Builds a zip at `path` from what `fill` adds. Entries are streamed to disk in order; waiting
 * for each one bounds memory to the entry being written.
 */
export function writeZipFile<T>(path: string, fill: (zip: ZipOutput) => Promise<T>): Promise<T> {
  return atomically(path, async (temporary) => {
    const zip = new yazl.ZipFile();
    const output = zip.outputStream as Readable;
    const failed = new Promise<never>((_, reject) => zip.on('error', reject));
    const written = pipeline(output, createWriteStream(temporary));
    failed.catch(() => undefined);
    written.catch(() => undefined);
    // Whichever comes first: the step, or the zip (or the disk) failing under it.
    const orFailure = <R>(step: Promise<R>): Promise<R> =>
      Promise.race([step, failed, written.then(() => Promise.reject(new Error('the zip closed early')))]);
    const entries: ZipOutput = {
      async add(name, data, options = {}) {
        const source = typeof data === 'string' || data instanceof Uint8Array ? [bufferOf(data)] : batched(data);
        const stream = Readable.from(source);
        zip.addReadStream(stream, name, { compress: options.compress ?? true });
        await orFailure(finished(stream));
      },
    };
    try {
      const result = await orFailure(fill(entries));
      zip.end();
      await orFailure(written);
      return result;
    } catch (error) {
      // Closes the file, so the partial one can be removed.
      output.destroy();
      await written.catch(() => undefined);
      throw error;
    }
  });
}
