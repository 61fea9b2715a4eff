// A sync remote on a WebDAV server (Nextcloud, ownCloud, a NAS, Apache mod_dav). A write is a
// PUT to a `.tmp-` name beside the file, then a MOVE over it with Overwrite: T, so a reader
// sees the old file or the new one whole (a server's MOVE within one store is a rename).
// Folders are made with MKCOL when a PUT says its folder is missing (409).
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { randomBytes } from 'node:crypto';
import { AuthType, createClient, parseXML } from 'webdav';
import { checkedFolder, checkedName, TEMP_PREFIX } from './remote-names.ts';
import { SyncRemoteError, type SyncRemote } from './sync-remote.ts';
import { statusError } from './webdav-failure.ts';
import { send, type Answer, type Request, type TransportOptions } from './webdav-transport.ts';

export interface WebdavRemoteOptions {
  /** The folder on the server that holds the sync files, e.g. https://dav.example.org/lectern. */
  url: string;
  username?: string;
  password?: string;
  /** 'auto' (the default with a user name) tries Basic and switches to Digest when challenged. */
  auth?: 'basic' | 'digest' | 'auto';
  /**
   * How long to wait for an answer, or for the next part of one; default 30 s. An upload may
   * take longer in proportion to its size (at 64 KiB/s at worst).
   */
  timeoutMs?: number;
  /** Further tries after a transient failure; default 3. */
  retries?: number;
  /** The first backoff; it doubles each retry (with jitter, at most 8 s); default 500 ms. */
  retryDelayMs?: number;
  /** Certificates (PEM) to trust besides the system's, e.g. a NAS's self-signed one. */
  ca?: string | Uint8Array;
}

const AUTH_TYPES = { basic: AuthType.Password, digest: AuthType.Digest, auto: AuthType.Auto } as const;
const decoder = new TextDecoder();
/** Further GETs after a 403 on a file that its listing shows: a read raced an overwrite. */
const RACED_READ_TRIES = 3;

interface Entry {
  href?: string;
}

export function createWebdavRemote(options: WebdavRemoteOptions): SyncRemote {
  const base = URL.parse(options.url);
  if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
    throw new SyncRemoteError('refused', `Not a WebDAV address: ${options.url}`);
  }
  // Origin and path only: credentials go in the options, never in the URL sent or shown.
  const baseUrl = `${base.origin}${base.pathname}`.replace(/\/+$/, '');
  const basePath = decodeURIComponent(base.pathname).replace(/\/+$/, '');
  const label = `WebDAV ${base.host}`;
  const ca = typeof options.ca === 'string' || options.ca === undefined ? options.ca : Buffer.from(options.ca);
  const client = createClient(baseUrl, {
    username: options.username,
    password: options.password,
    authType: options.username === undefined ? AuthType.None : AUTH_TYPES[options.auth ?? 'auto'],
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({ keepAlive: true, ...(ca === undefined ? {} : { ca }) }),
  });
  const transport: TransportOptions = {
    label,
    baseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    retryDelayMs: options.retryDelayMs ?? 500,
  };
  const request = (req: Request): Promise<Answer> => send(client, req, transport);
  const fail = (what: string, answer: Answer) => statusError(label, what, answer.status);

  async function exists(path: string, what: string): Promise<boolean> {
    const answer = await request({ method: 'PROPFIND', path, what, headers: { Depth: '0' } });
    if (answer.status === 207 || answer.status === 200) return true;
    if (answer.status === 404) return false;
    throw fail(what, answer);
  }

  /** After a 404 inside the remote: was it the file, or is the whole remote folder missing? */
  async function checkRoot(): Promise<void> {
    if (!(await exists('/', 'open the sync folder'))) {
      throw new SyncRemoteError('not-found', `${label}: there is no folder at ${baseUrl}`);
    }
  }

  /** The names directly inside `folder`, from a PROPFIND answer's hrefs. */
  async function namesIn(xml: string, folder: string[]): Promise<string[]> {
    const parsed = await parseXML(xml);
    const responses = [parsed.multistatus?.response ?? []].flat() as Entry[];
    const names: string[] = [];
    for (const { href } of responses) {
      if (typeof href !== 'string') continue;
      const path = decodeURIComponent(new URL(href, baseUrl).pathname).replace(/\/+$/, '');
      if (!path.startsWith(`${basePath}/`)) continue;
      const segments = path.slice(basePath.length + 1).split('/');
      const within = segments.length === folder.length + 1 && folder.every((part, index) => segments[index] === part);
      const name = segments.at(-1)!;
      if (within && !name.startsWith(TEMP_PREFIX)) names.push(name);
    }
    return names.sort();
  }

  async function makeFolders(segments: string[]): Promise<void> {
    for (let depth = 1; depth <= segments.length; depth += 1) {
      const path = `/${segments.slice(0, depth).join('/')}/`;
      const answer = await request({ method: 'MKCOL', path, what: `create folder ${path}` });
      // 405: it exists already. 409 at the top: the remote folder itself is missing.
      if (answer.status === 201 || answer.status === 405) continue;
      if (answer.status === 409 && depth === 1) await checkRoot();
      throw fail(`create folder ${path}`, answer);
    }
  }

  async function put(path: string, bytes: Uint8Array, folder: string[]): Promise<void> {
    const upload = (): Promise<Answer> =>
      request({ method: 'PUT', path, what: `upload ${path}`, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    let answer = await upload();
    if (answer.status === 409) {
      await makeFolders(folder);
      answer = await upload();
    }
    if (answer.status !== 201 && answer.status !== 204 && answer.status !== 200) throw fail(`upload ${path}`, answer);
  }

  /** PUT to a temp name, then MOVE into place: Overwrite T replaces, F fails (412) if taken. */
  async function upload(name: string, bytes: Uint8Array, mode: 'replace' | 'if-absent'): Promise<boolean> {
    const segments = checkedName(name);
    const folder = segments.slice(0, -1);
    const temporary = `/${[...folder, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`].join('/')}`;
    const path = `/${segments.join('/')}`;
    const cleanUp = () => request({ method: 'DELETE', path: temporary, what: 'clean up' }).catch(() => undefined);
    await put(temporary, bytes, folder);
    const moved = await request({
      method: 'MOVE',
      path: temporary,
      what: `move ${name} into place`,
      headers: { Destination: `${baseUrl}${path}`, Overwrite: mode === 'replace' ? 'T' : 'F' },
    }).catch(async (error: unknown) => {
      await cleanUp();
      throw error;
    });
    if (moved.status === 201 || moved.status === 204) return true;
    // A retried MOVE finds its source gone when the first try did move it and its answer was lost.
    if (moved.status === 404 && moved.tries > 1 && (await exists(path, `check ${name}`))) return true;
    await cleanUp();
    if (moved.status === 412 && mode === 'if-absent') return false;
    throw fail(`move ${name} into place`, moved);
  }

  return {
    label,

    async list(folder) {
      const segments = checkedFolder(folder);
      const path = `/${segments.map((part) => `${part}/`).join('')}`;
      const answer = await request({ method: 'PROPFIND', path, what: `list ${path}`, headers: { Depth: '1' } });
      if (answer.status === 404) {
        await checkRoot();
        return [];
      }
      if (answer.status !== 207) throw fail(`list ${path}`, answer);
      return namesIn(decoder.decode(answer.body), segments);
    },

    async read(name) {
      const path = `/${checkedName(name).join('/')}`;
      for (let attempt = 0; ; attempt += 1) {
        const answer = await request({ method: 'GET', path, what: `read ${name}` });
        if (answer.status === 200) return answer.body;
        if (answer.status === 404) {
          await checkRoot();
          return null;
        }
        // Apache answers 403 when the file it found is gone before it opens it: an overwrite
        // (MOVE) in between. The credentials are fine if the file's listing answers.
        if (answer.status !== 403 || attempt === RACED_READ_TRIES) throw fail(`read ${name}`, answer);
        if (!(await exists(path, `check ${name}`))) {
          await checkRoot();
          return null;
        }
        await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
      }
    },

    write: (name, bytes) => upload(name, bytes, 'replace').then(() => undefined),

    writeIfAbsent: (name, bytes) => upload(name, bytes, 'if-absent'),

    async remove(name) {
      const path = `/${checkedName(name).join('/')}`;
      const answer = await request({ method: 'DELETE', path, what: `remove ${name}` });
      if (answer.status === 200 || answer.status === 204 || answer.status === 404) return;
      throw fail(`remove ${name}`, answer);
    },
  };
}
