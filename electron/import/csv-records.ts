// CSV exports (Pocket, Instapaper, Readwise) read record by record as the bytes arrive, each
// with the line it starts on, so a 30,000-row file reports its first link before the end is
// parsed and every bad row can be named by line.
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { ImportInput, ImportProblem } from './imported-link.ts';

export interface CsvRow {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

/** A record of a CSV with a header line, its fields found by column name. */
export interface CsvRecord extends CsvRow {
  /** The first of these columns the file has, trimmed; '' when it has none of them. */
  get(...names: string[]): string;
  has(...names: string[]): boolean;
}

// One record longer than this is an unclosed quote swallowing the file, not a row.
const MAX_RECORD_CHARS = 1_000_000;

const reasonOf = (error: CsvError, afterLine: number): string =>
  error.code === 'CSV_QUOTE_NOT_CLOSED'
    ? `a quote opened on or after line ${afterLine} is never closed; the rest of the file could not be read`
    : error.code === 'CSV_MAX_RECORD_SIZE'
      ? 'this row is over a million characters long (an unclosed quote?); the rest of the file could not be read'
      : `unreadable row (${error.message})`;

/**
 * Where records start, by line. The parser's own line count drifts on CRLF files with blank
 * lines, so lines are counted here from the bytes each record spans (`info.bytes` is where it
 * ended, its delimiter included).
 */
function lineCounter() {
  const window: Array<{ start: number; bytes: Uint8Array }> = [];
  let fed = 0;
  let done = 0;
  let linesBefore = 0;
  return {
    feed: async function* (chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunks) {
        window.push({ start: fed, bytes: chunk });
        fed += chunk.length;
        yield chunk;
      }
    },
    /** The line a record ending at byte `end` starts on. */
    record(end: number): number {
      let breaks = 0;
      let leading = -1;
      let previous = 0;
      for (const { start, bytes } of window) {
        for (let i = Math.max(done - start, 0); i < bytes.length && start + i < end; i++) {
          const byte = bytes[i]!;
          // UTF-16 text: the zero half of each ASCII character is neither content nor a break.
          if (byte === 0) continue;
          if (byte === 13 || (byte === 10 && previous !== 13)) breaks++;
          else if (byte !== 10 && leading < 0) leading = breaks;
          previous = byte;
        }
      }
      while (window.length && window[0]!.start + window[0]!.bytes.length <= end) window.shift();
      const line = linesBefore + Math.max(leading, 0) + 1;
      linesBefore += breaks;
      done = end;
      return line;
    },
    get lastLine() {
      return linesBefore;
    },
  };
}

/** Records in file order; a record the parser had to skip comes as a problem, in its place. */
export async function* csvRows(chunks: AsyncIterable<Uint8Array>, file: string | null): AsyncGenerator<CsvRow | ImportProblem> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const skipped: CsvError[] = [];
  parser.on('skip', (error: CsvError) => skipped.push(error));
  const lines = lineCounter();
  const source = Readable.from(lines.feed(chunks), { objectMode: false });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const flush = function* (upTo: number): Generator<ImportProblem> {
    // A skipped record began after the last one read.
    while (skipped.length && Number(skipped[0]!.lines ?? 0) <= upTo) {
      const after = lines.lastLine + 1;
      yield { row: after, file, reason: reasonOf(skipped.shift()!, after) };
    }
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      yield* flush(info.lines);
      yield { line: lines.record(info.bytes), fields: record };
    }
    yield* flush(Infinity);
  } finally {
    source.destroy();
    parser.destroy();
  }
}

const normalName = (name: string): string => name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Records by column name. The first line is the header; without any of `anyOf` among its
 * columns the file is not this export, and that is the one problem reported (row 0).
 */
export async function* csvTable(input: ImportInput, anyOf: string[], format: string): AsyncGenerator<CsvRecord | ImportProblem> {
  let columns: Map<string, number> | null = null;
  let width = 0;
  for await (const item of csvRows(input.chunks(), input.file)) {
    if ('reason' in item) {
      yield item;
      continue;
    }
    if (!columns) {
      const names = item.fields.map(normalName);
      columns = new Map();
      names.forEach((name, index) => columns!.has(name) || columns!.set(name, index));
      width = names.length;
      if (!anyOf.some((name) => columns!.has(name))) {
        yield { row: 0, file: input.file, reason: `not a ${format} export: its first line has no ${anyOf.map((n) => `“${n}”`).join(' or ')} column` };
        return;
      }
      continue;
    }
    const { line, fields } = item;
    if (fields.every((field) => !field.trim())) continue;
    // Extra non-empty fields shift every column after them: nothing in the row can be trusted.
    if (fields.length > width && fields.slice(width).some((field) => field.trim())) {
      yield { row: line, file: input.file, reason: `this row has ${fields.length} fields but the header has ${width} (an unquoted comma?)` };
      continue;
    }
    const map = columns;
    const get = (...names: string[]): string => {
      for (const name of names) {
        const index = map.get(name);
        if (index !== undefined) return (fields[index] ?? '').trim();
      }
      return '';
    };
    yield { line, fields, get, has: (...names) => names.some((name) => map.has(name)) };
  }
  if (!columns) yield { row: 0, file: input.file, reason: `the ${format} export is empty` };
}
