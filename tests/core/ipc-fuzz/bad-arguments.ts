// Invalid arguments for every IPC operation, built from a hand-written signature per operation
// (not from the schemas, so a schema that wrongly accepts something is caught). Each bad tuple
// keeps the other positions valid and pointing at real rows, so an argument that slipped
// through validation would change the library and show in its snapshot.
import type { ApiName } from '../../../electron/ipc/api.ts';

/** What one position of an operation's argument tuple takes. */
export type Param =
  | { kind: 'uuid'; nullable?: boolean }
  /** Any non-empty short string (highlight ids, import job ids). */
  | { kind: 'key' }
  /** A string with a length limit under 10 MB; `min1`: empty is refused too. */
  | { kind: 'text'; nullable?: boolean; min1?: boolean }
  /** importLinks' file text: up to 50 MB. */
  | { kind: 'fileText' }
  | { kind: 'enum'; nullable?: boolean }
  | { kind: 'boolean' }
  | { kind: 'fraction' }
  | { kind: 'limit' }
  /** A strict object; `emptyOk`: {} is a valid value. */
  | { kind: 'object'; emptyOk: boolean }
  | { kind: 'tags' }
  | { kind: 'ids' }
  | { kind: 'bytes' };

export interface Signature {
  params: Param[];
  /** Trailing positions that may be left out. */
  optional?: number;
}

export const MB = 1024 * 1024;
const huge = (bytes: number) => 'x'.repeat(bytes);
/** Over every string limit but importLinks' (50 MB), which gets its own. */
const HUGE = huge(10 * MB);

/** Real own "__proto__" / "constructor" / "prototype" keys, as JSON from a hostile renderer arrives. */
export function pollutionObjects(valid: Record<string, unknown> = {}): object[] {
  const base = JSON.stringify(valid).slice(1, -1);
  const join = (extra: string) => JSON.parse(`{${base}${base ? ',' : ''}${extra}}`) as object;
  return [
    join('"__proto__":{"polluted":"yes","isAdmin":true}'),
    join('"constructor":{"prototype":{"polluted":"yes"}}'),
    join('"prototype":{"polluted":"yes"}'),
    join('"__proto__":{"__proto__":{"polluted":"yes"}}'),
  ];
}

const NOT_A_STRING: unknown[] = [undefined, 42, 0, true, {}, [], ['a'], new Uint8Array(3), 10n, new Date(0), ...pollutionObjects()];

/** Values that are wrong for a position of this kind; `valid` is that position's good value. */
export function badValues(param: Param, valid: unknown): unknown[] {
  const orNull = 'nullable' in param && param.nullable ? [] : [null];
  switch (param.kind) {
    case 'uuid':
      return [...NOT_A_STRING, ...orNull, '', 'not-a-uuid', HUGE, `${String(valid)}' OR '1'='1`, '../../library.db', String(valid).toUpperCase() + 'x'];
    case 'key':
      return [...NOT_A_STRING, null, '', HUGE];
    case 'text':
      return [...NOT_A_STRING, ...orNull, HUGE, ...(param.min1 ? [''] : [])];
    case 'fileText':
      return [...NOT_A_STRING, null, huge(50 * MB + 1)];
    case 'enum':
      return [...NOT_A_STRING, ...orNull, '', 'nope', 'constructor', '__proto__', HUGE];
    case 'boolean':
      return [undefined, null, 0, 1, 'true', '', {}, [], ...pollutionObjects()];
    case 'fraction':
      return [undefined, null, '0.5', NaN, Infinity, -Infinity, -0.01, 1.01, 1e308, {}, [], ...pollutionObjects()];
    case 'limit':
      return [undefined, null, '10', NaN, Infinity, 0, -1, 1.5, 1e308, {}, [], ...pollutionObjects()];
    case 'object':
      return [
        undefined, null, 'x', 42, [], [valid], HUGE,
        // Zod reads a Date or a Map as an object with no keys, the same as {}: bad only where {} is.
        ...(param.emptyOk ? [] : [{}, new Date(0), new Map([['view', 'all']])]),
        { ...(valid as object), unknownKey: 1 },
        ...pollutionObjects(valid as Record<string, unknown>),
      ];
    case 'tags':
      return [undefined, null, 'tag', {}, [], [42], [null], [''], ['   '], [HUGE], Array.from({ length: 51 }, (_, i) => `t${i}`), JSON.parse('{"0":"a","length":1}'), ...pollutionObjects()];
    case 'ids':
      return [undefined, 'all', {}, [42], ['not-a-uuid'], [HUGE], JSON.parse('{"0":"a","length":1}'), ...pollutionObjects()];
    case 'bytes':
      return [undefined, null, 'bytes', HUGE, [1, 2, 3], new ArrayBuffer(3), { byteLength: 3, length: 3 }, new Uint16Array(3).buffer, ...pollutionObjects()];
  }
}

/**
 * Every bad tuple for one operation: each position made wrong in turn, one argument too many,
 * one too few (past the optional ones), and not a tuple at all. `valid` fills every position.
 */
export function badTuples(signature: Signature, valid: unknown[]): Array<{ label: string; args: unknown }> {
  const tuples: Array<{ label: string; args: unknown }> = [];
  signature.params.forEach((param, i) => {
    for (const [n, value] of badValues(param, valid[i]).entries()) {
      const args = [...valid];
      args[i] = value;
      tuples.push({ label: `argument ${i} (${param.kind}) bad value #${n}`, args });
    }
  });
  const required = signature.params.length - (signature.optional ?? 0);
  tuples.push({ label: 'one argument too many', args: [...valid, 'extra'] });
  tuples.push({ label: 'one huge argument too many', args: [...valid, HUGE] });
  tuples.push({ label: 'a polluting argument too many', args: [...valid, ...pollutionObjects().slice(0, 1)] });
  if (required > 0) tuples.push({ label: 'one argument too few', args: valid.slice(0, required - 1) });
  for (const [n, args] of [null, undefined, 'args', 42, {}, { 0: valid[0], length: valid.length }, ...pollutionObjects()].entries()) {
    tuples.push({ label: `arguments not an array #${n}`, args });
  }
  return tuples;
}

/** The signature of every operation, written from api.ts. */
export const SIGNATURES: { [K in ApiName]: Signature } = {
  saveUrl: { params: [{ kind: 'text', min1: true }] },
  listArticles: { params: [{ kind: 'object', emptyOk: false }] },
  getArticle: { params: [{ kind: 'uuid' }] },
  setStarred: { params: [{ kind: 'uuid' }, { kind: 'boolean' }] },
  setArchived: { params: [{ kind: 'uuid' }, { kind: 'boolean' }] },
  setProgress: { params: [{ kind: 'uuid' }, { kind: 'fraction' }] },
  deleteArticle: { params: [{ kind: 'uuid' }] },
  retryArticle: { params: [{ kind: 'uuid' }] },
  cancelCapture: { params: [{ kind: 'uuid' }] },
  addTags: { params: [{ kind: 'uuid' }, { kind: 'tags' }] },
  removeTag: { params: [{ kind: 'uuid' }, { kind: 'text', min1: true }] },
  renameTag: { params: [{ kind: 'text', min1: true }, { kind: 'text', min1: true }] },
  listTags: { params: [] },
  importLinks: { params: [{ kind: 'fileText' }] },
  importFile: { params: [{ kind: 'key' }, { kind: 'text' }, { kind: 'bytes' }, { kind: 'enum', nullable: true }] },
  cancelImport: { params: [{ kind: 'key' }] },
  exportLibrary: { params: [{ kind: 'enum' }, { kind: 'ids' }] },
  listFeeds: { params: [] },
  addFeed: { params: [{ kind: 'text', min1: true }, { kind: 'text', nullable: true }] },
  updateFeed: { params: [{ kind: 'uuid' }, { kind: 'object', emptyOk: true }] },
  removeFeed: { params: [{ kind: 'uuid' }] },
  refreshFeeds: { params: [{ kind: 'uuid', nullable: true }] },
  listSites: { params: [] },
  listHighlights: { params: [{ kind: 'uuid' }] },
  addHighlight: { params: [{ kind: 'uuid' }, { kind: 'object', emptyOk: false }] },
  updateHighlight: { params: [{ kind: 'key' }, { kind: 'object', emptyOk: true }] },
  deleteHighlight: { params: [{ kind: 'key' }] },
  restoreHighlight: { params: [{ kind: 'key' }] },
  browseHighlights: { params: [{ kind: 'object', emptyOk: true }] },
  setNote: { params: [{ kind: 'uuid' }, { kind: 'text' }] },
  queueStatus: { params: [] },
  getPreferences: { params: [] },
  setPreferences: { params: [{ kind: 'object', emptyOk: true }] },
  search: { params: [{ kind: 'text' }, { kind: 'limit' }, { kind: 'limit' }], optional: 2 },
  searchSnippets: { params: [{ kind: 'text' }, { kind: 'ids' }] },
  openExternal: { params: [{ kind: 'text', min1: true }] },
  answerConnectorPairing: { params: [{ kind: 'uuid' }, { kind: 'boolean' }] },
  listConnectorPairings: { params: [] },
  listConnectedBrowsers: { params: [] },
  revokeConnectedBrowser: { params: [{ kind: 'uuid' }] },
  openCaptureWindow: { params: [{ kind: 'text', min1: true }] },
  getSyncStatus: { params: [] },
  configureSync: { params: [{ kind: 'object', emptyOk: false }] },
  syncNow: { params: [] },
  disableSync: { params: [] },
  setSyncKeepOffline: { params: [{ kind: 'boolean' }] },
};
