// The one request handler behind the app origin: Electron's protocol.handle uses it for
// lectern://app/, and the Playwright tests route a test origin to the very same function.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export interface StoredAsset {
  bytes: Uint8Array<ArrayBuffer>;
  mime: string;
}

export interface AppHandlerOptions {
  /** The built renderer (vite's output folder). */
  rendererDir: string;
  /** Looks up a cached article image by its sha256. */
  readAsset(hash: string): Promise<StoredAsset | null>;
}

/** Nothing runs but the app's own bundle; article images are the only other content. */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Served images are inert: an SVG opened on its own still cannot run script. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const ASSET_PATH = /^\/assets\/([0-9a-f]{64})$/;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const baseHeaders = (contentType: string, csp = APP_CSP): Record<string, string> => ({
  'content-type': contentType,
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
});

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: baseHeaders('text/plain; charset=utf-8') });

export function createAppHandler(options: AppHandlerOptions): (request: Request) => Promise<Response> {
  const root = normalize(options.rendererDir + sep);

  async function serveFile(pathname: string, method: string): Promise<Response> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return text(400, 'bad path');
    }
    const file = normalize(join(root, decoded));
    if (!file.startsWith(root)) return text(403, 'forbidden');
    // Routes without a file extension belong to the single-page app.
    const target = extname(file) === '' ? join(root, 'index.html') : file;
    try {
      if (!(await stat(target)).isFile()) return text(404, 'not found');
      const body = await readFile(target);
      const headers = baseHeaders(MIME[extname(target)] ?? 'application/octet-stream');
      return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
    } catch {
      return text(404, 'not found');
    }
  }

  async function respond(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
    const { pathname } = new URL(request.url);
    const asset = ASSET_PATH.exec(pathname);
    if (asset?.[1]) {
      const found = await options.readAsset(asset[1]);
      if (!found) return text(404, 'image not cached');
      const headers = { ...baseHeaders(found.mime, ASSET_CSP), 'cache-control': 'private, max-age=31536000, immutable' };
      return new Response(request.method === 'HEAD' ? null : found.bytes, { status: 200, headers });
    }
    return serveFile(pathname, request.method);
  }

  // A throw would reach Electron as a bare network error, without our headers: answer it here.
  return async (request) => {
    try {
      return await respond(request);
    } catch (error) {
      console.error('app request failed', request.url, error);
      return text(500, 'internal error');
    }
  };
}
