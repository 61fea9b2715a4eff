import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, createAppHandler } from '../../electron/app/app-handler.ts';

const HASH = 'a'.repeat(64);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe('app request handler', () => {
  let handle: (request: Request) => Promise<Response>;
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'lectern-app-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lectern</title>');
    writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    handle = createAppHandler({
      rendererDir,
      readAsset: async (hash) => (hash === HASH ? { bytes: SVG, mime: 'image/svg+xml' } : null),
    });
  });

  const get = (path: string, method = 'GET') => handle(new Request(`http://lectern.test${path}`, { method }));

  it('serves the renderer with the strict CSP on every response', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Lectern</title>');
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves bundle files with their type and app routes with index.html', async () => {
    const script = await get('/assets/index-abc.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const route = await get('/article/123');
    expect(await route.text()).toContain('<title>Lectern</title>');
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await get(path);
      expect(await response.text()).not.toContain('do not serve');
    }
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('serves cached images inert: sandboxed, no script, immutable', async () => {
    const response = await get(`/assets/${HASH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await get(`/assets/${'b'.repeat(64)}`)).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
