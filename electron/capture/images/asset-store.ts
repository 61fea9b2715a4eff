import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaptureError } from '../capture-error.ts';
import { sniffImageType, type ImageMime } from './image-type.ts';

// Images saved with articles, stored once per distinct content under <dir>/<aa>/<sha256>.
// The type is re-derived from the bytes on every read, so nothing on disk can claim to be
// something it is not.

export interface StoredAsset {
  hash: string;
  mime: ImageMime;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Headers to serve an asset with. SVG is kept (diagrams need it) but it is a document that can
 * carry script: served with a CSP sandbox and no script sources, and referenced from articles
 * only through <img>, where browsers never run SVG script either way.
 */
export function assetResponseHeaders(mime: string): Record<string, string> {
  return {
    'content-type': mime,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    'cache-control': 'public, max-age=31536000, immutable',
  };
}

export class AssetStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  private pathOf(hash: string): string {
    return join(this.dir, hash.slice(0, 2), hash);
  }

  /** Stores an image (PNG, JPEG, GIF, WebP, AVIF, SVG, ICO); anything else is refused. */
  async put(bytes: Uint8Array): Promise<StoredAsset> {
    const mime = sniffImageType(bytes);
    if (!mime) throw new CaptureError('unsupported-content', 'The file is not an image Lectern can keep.');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(hash);
    if (await exists(path)) return { hash, mime };
    await mkdir(join(this.dir, hash.slice(0, 2)), { recursive: true });
    // Write-then-rename: a crash never leaves a truncated file under a valid hash.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    return { hash, mime };
  }

  async read(hash: string): Promise<{ bytes: Buffer; mime: ImageMime } | null> {
    if (!HASH.test(hash)) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(hash));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const mime = sniffImageType(bytes);
    return mime ? { bytes, mime } : null;
  }

  /**
   * Takes an image already stored (by an earlier capture) for this one: true when it is there.
   * A capture's own store (see AssetKeeper) also protects it from clean-up from then on.
   */
  async keep(hash: string): Promise<boolean> {
    return this.has(hash);
  }

  async has(hash: string): Promise<boolean> {
    return HASH.test(hash) && exists(this.pathOf(hash));
  }

  async remove(hashes: string[]): Promise<void> {
    await Promise.all(hashes.filter((hash) => HASH.test(hash)).map((hash) => rm(this.pathOf(hash), { force: true })));
  }
}

const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
