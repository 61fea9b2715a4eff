// What went wrong talking to a WebDAV server, as a SyncRemoteError, and whether trying again
// may help. Kept apart from the remote so the retry policy reads as one small table.
import { SyncRemoteError } from './sync-remote.ts';

// A certificate the client does not trust: retrying will not change it, and it must never
// be mistaken for the server being away.
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** HTTP statuses worth another try: the server is busy, restarting, or behind a failing proxy. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505 && status !== 507);
}

export function statusError(label: string, what: string, status: number): SyncRemoteError {
  const message = `${label}: ${what}: HTTP ${status}`;
  if (status === 401 || status === 403) return new SyncRemoteError('unauthorized', `${message} (check the user name and password)`);
  if (status === 507 || status === 413) return new SyncRemoteError('full', `${message} (the server has no room)`);
  if (status === 404 || status === 410) return new SyncRemoteError('not-found', message);
  if (isTransientStatus(status)) return new SyncRemoteError('unreachable', message);
  return new SyncRemoteError('refused', message);
}

/** The error code node-fetch carries, from the error or its cause. */
function codeOf(error: unknown): string | undefined {
  const direct = (error as { code?: unknown } | null)?.code;
  if (typeof direct === 'string') return direct;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

/** A failure without an HTTP status: the network, TLS, or our own timeout. */
export function transportError(label: string, what: string, error: unknown, timedOut: boolean): SyncRemoteError {
  if (timedOut) return new SyncRemoteError('timeout', `${label}: ${what}: no answer in time`, { cause: error });
  const code = codeOf(error);
  if (code && UNTRUSTED_CERTIFICATE.has(code)) {
    return new SyncRemoteError('refused', `${label}: the server's certificate is not trusted (${code})`, { cause: error });
  }
  return new SyncRemoteError('unreachable', `${label}: ${what}: ${(error as Error).message}`, { cause: error });
}

/** Only these are retried: a 4xx (a bad password, a refused name) will fail again the same way. */
export function isRetryable(error: SyncRemoteError): boolean {
  return error.kind === 'unreachable' || error.kind === 'timeout';
}
