// What a command's exit code says, for scripts.
export const EXIT = {
  ok: 0,
  /** It ran, but some items failed: a capture, a rejected import row, a feed that did not refresh. */
  partial: 1,
  /** The command line was wrong (unknown command, missing argument). */
  usage: 2,
  /** An article or feed named was not found. */
  notFound: 3,
  /** The library could not be opened (newer version, damaged, not writable). */
  library: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {
  override name = 'UsageError';
}
