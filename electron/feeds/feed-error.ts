// One error type for a feed that cannot be read. `message` is written for the reader (it is shown
// next to the subscription); `code` is for the program.

export type FeedErrorCode =
  /** The body is something else: an HTML page, an image, an empty response. */
  | 'not-a-feed'
  /** It is meant to be a feed but is too broken to take anything from. */
  | 'unreadable';

export class FeedError extends Error {
  readonly code: FeedErrorCode;

  constructor(code: FeedErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedError';
    this.code = code;
  }
}

export const isFeedError = (error: unknown): error is FeedError => error instanceof FeedError;
