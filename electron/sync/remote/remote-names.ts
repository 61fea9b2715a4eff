// The names a remote accepts: '/'-separated segments of [a-z0-9._-], never '.' or '..', never
// a temp name. Checked at the remote's door so no name, however it was built, can reach
// outside the remote's root or collide with a write in progress.
import { SyncRemoteError } from './sync-remote.ts';

/** Every temporary file a remote writes starts with this; list() never shows one. */
export const TEMP_PREFIX = '.tmp-';

const SEGMENT = /^[a-z0-9._-]+$/;

function isGoodSegment(segment: string): boolean {
  return SEGMENT.test(segment) && segment !== '.' && segment !== '..' && !segment.startsWith(TEMP_PREFIX);
}

/** The name's segments; throws 'refused' for a name outside the remote's alphabet. */
export function checkedName(name: string): string[] {
  const segments = name.split('/');
  if (name === '' || !segments.every(isGoodSegment)) {
    throw new SyncRemoteError('refused', `Not a sync file name: ${JSON.stringify(name)}`);
  }
  return segments;
}

/** A folder's segments ('' is the top, []); throws like checkedName. */
export function checkedFolder(folder: string): string[] {
  const trimmed = folder.replace(/\/+$/, '');
  return trimmed === '' ? [] : checkedName(trimmed);
}
