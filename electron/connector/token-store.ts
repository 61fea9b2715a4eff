// The browsers paired with the connector. A token is 32 random bytes handed out once; only its
// sha256 is kept (a copied settings file pairs nothing), with the browser's name and dates.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { CONNECTOR_HINT_CHARS } from '../shared/connector-protocol.ts';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export interface ConnectedBrowser {
  id: string;
  client: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const storedSchema = z.array(
  z.object({
    id: z.string(),
    client: z.string(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  }),
);
type StoredBrowser = z.infer<typeof storedSchema>[number];

/** Last-used dates are written at most this often per browser: not one disk write per request. */
const LAST_USED_GRANULARITY_MS = 60 * 1000;

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

export class TokenStore {
  readonly #file: string;
  #browsers: StoredBrowser[];

  constructor(file: string) {
    this.#file = file;
    this.#browsers = readStored(file);
  }

  /** Pairs a browser: answers the token, which exists nowhere else from now on. */
  issue(client: string, now = new Date()): { token: string; browser: ConnectedBrowser } {
    const token = randomBytes(32).toString('base64url');
    const stored: StoredBrowser = { id: randomUUID(), client, hash: sha256(token).toString('hex'), createdAt: now.toISOString(), lastUsedAt: null };
    this.#browsers = [...this.#browsers, stored];
    this.#save();
    return { token, browser: publicView(stored) };
  }

  /** The paired browser this token belongs to, or null. Every hash is compared, in constant time. */
  verify(token: string, now = new Date()): ConnectedBrowser | null {
    const presented = sha256(token);
    let found: StoredBrowser | null = null;
    for (const browser of this.#browsers) {
      if (timingSafeEqual(presented, Buffer.from(browser.hash, 'hex'))) found = browser;
    }
    if (!found) return null;
    const last = found.lastUsedAt ? Date.parse(found.lastUsedAt) : 0;
    if (now.getTime() - last >= LAST_USED_GRANULARITY_MS) {
      found.lastUsedAt = now.toISOString();
      this.#save();
    }
    return publicView(found);
  }

  /**
   * The app's answer to the extension's status challenge: HMAC-SHA256(sha256(token), challenge)
   * for the paired browser the hint names, or null if none does. Proves the app holds the
   * token's hash, without either side sending the token.
   */
  prove(hint: string, challenge: string): string | null {
    const browser = this.#browsers.find((b) => createHash('sha256').update(b.hash).digest('hex').slice(0, CONNECTOR_HINT_CHARS) === hint);
    return browser ? createHmac('sha256', Buffer.from(browser.hash, 'hex')).update(challenge).digest('hex') : null;
  }

  list(): ConnectedBrowser[] {
    return this.#browsers.map(publicView);
  }

  revoke(id: string): boolean {
    const before = this.#browsers.length;
    this.#browsers = this.#browsers.filter((browser) => browser.id !== id);
    if (this.#browsers.length === before) return false;
    this.#save();
    return true;
  }

  #save(): void {
    // Write-then-rename: a crash leaves the old list or the new one, never half of one.
    const temporary = `${this.#file}.${randomUUID()}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.#browsers, null, 2), { mode: 0o600 });
    renameSync(temporary, this.#file);
  }
}

const publicView = ({ id, client, createdAt, lastUsedAt }: StoredBrowser): ConnectedBrowser => ({ id, client, createdAt, lastUsedAt });

function readStored(file: string): StoredBrowser[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    // A damaged file pairs nothing: the user pairs again, rather than the app refusing to start.
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
