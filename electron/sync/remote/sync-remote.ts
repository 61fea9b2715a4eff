// Where sync keeps its files: a WebDAV server or a folder another tool keeps in step. Storage
// is dumb; the engine (electron/sync/) does all merging. Names are relative, '/'-separated,
// made of [a-z0-9._-] segments (device ids, sequence numbers), never user data.

export interface SyncRemote {
  /** A short description for the status bar and errors ("WebDAV dav.example.org", "folder …"). */
  readonly label: string;
  /**
   * The names directly under a folder ('' = the top), without the folder prefix, sorted: files
   * and folders alike (list('devices') gives the device ids); [] if the folder is absent.
   */
  list(folder: string): Promise<string[]>;
  /** The file's bytes, or null if there is none. */
  read(name: string): Promise<Uint8Array | null>;
  /**
   * Writes a whole file atomically: other readers see no file, or the old one, or all of the
   * new one, never a part. Creates the folders it needs.
   */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Optional: like write(), but only when there is no such file yet; false (and the file left
   * as it was) when there is. Set-up uses it so that of two devices only one can win.
   */
  writeIfAbsent?(name: string, bytes: Uint8Array): Promise<boolean>;
  /** Removes a file; removing a missing file is not an error. */
  remove(name: string): Promise<void>;
}

/** What a remote throws: `kind` lets sync say what went wrong and whether a retry may help. */
export type SyncRemoteErrorKind = 'unreachable' | 'unauthorized' | 'full' | 'not-found' | 'refused' | 'timeout';

export class SyncRemoteError extends Error {
  readonly kind: SyncRemoteErrorKind;

  // A plain field, not a constructor parameter property: the build allows only erasable syntax.
  constructor(kind: SyncRemoteErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncRemoteError';
    this.kind = kind;
  }
}
