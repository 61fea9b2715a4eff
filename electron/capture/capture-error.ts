// One error type for everything that can go wrong while saving an article. `message` is written
// for the reader (it is shown next to the failed article); `code` is for the program.

export type CaptureErrorCode =
  | 'invalid-url'
  | 'private-address'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'redirects'
  | 'http-status'
  | 'unsupported-content'
  | 'bad-encoding'
  | 'no-content'
  | 'extract-failed'
  | 'aborted';

export interface CaptureErrorDetails {
  cause?: unknown;
  /** HTTP status of the failed response, when there was one. */
  status?: number;
  /** Server-requested wait before retrying (Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

export class CaptureError extends Error {
  readonly code: CaptureErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: CaptureErrorCode, message: string, details: CaptureErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CaptureError';
    this.code = code;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Worth trying again later: the network or the server hiccupped, not the page itself. */
  get retryable(): boolean {
    if (this.code === 'network' || this.code === 'timeout') return true;
    if (this.code !== 'http-status' || this.status === undefined) return false;
    return this.status === 408 || this.status === 425 || this.status === 429 || this.status >= 500;
  }
}

export const isCaptureError = (error: unknown): error is CaptureError => error instanceof CaptureError;
