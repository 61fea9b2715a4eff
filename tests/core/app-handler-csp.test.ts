// Electron's checklist asks for a CSP on every response of the app's handler: pages, bundle
// files, images, and every error too (a 404 page is still a document the window may show).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_CSP, ASSET_CSP, createAppHandler } from '../../electron/app/app-handler.ts';

const IMAGE = 'c'.repeat(64);
const BROKEN = 'd'.repeat(64);
const MISSING = 'e'.repeat(64);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Case {
  method?: string;
  path: string;
  status: number;
  csp: string;
}

const CASES: Array<Required<Case>> = ([
  { path: '/', status: 200, csp: APP_CSP },
  { method: 'HEAD', path: '/', status: 200, csp: APP_CSP },
  { path: '/static/index-abc.js', status: 200, csp: APP_CSP },
  { path: '/static/index-abc.css', status: 200, csp: APP_CSP },
  { path: '/favicon.svg', status: 200, csp: APP_CSP },
  { path: '/article/123', status: 200, csp: APP_CSP },
  { path: '/missing.js', status: 404, csp: APP_CSP },
  { path: '/folder.v1', status: 404, csp: APP_CSP },
  { path: '/static/..%2f..%2fsecret.txt', status: 403, csp: APP_CSP },
  { path: '/%E0%A4%A', status: 400, csp: APP_CSP },
  { method: 'POST', path: '/', status: 405, csp: APP_CSP },
  { method: 'DELETE', path: `/assets/${IMAGE}`, status: 405, csp: APP_CSP },
  { path: `/assets/${IMAGE}`, status: 200, csp: ASSET_CSP },
  { method: 'HEAD', path: `/assets/${IMAGE}`, status: 200, csp: ASSET_CSP },
  { path: `/assets/${MISSING}`, status: 404, csp: APP_CSP },
  { path: `/assets/${BROKEN}`, status: 500, csp: APP_CSP },
] satisfies Case[]).map((c) => ({ method: 'GET', ...c }));

describe('CSP on every response of the app handler', () => {
  let handle: (request: Request) => Promise<Response>;
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'lectern-csp-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'static'), { recursive: true });
    mkdirSync(join(rendererDir, 'folder.v1'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lectern</title>');
    writeFileSync(join(rendererDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(rendererDir, 'static', 'index-abc.js'), 'export {}');
    writeFileSync(join(rendererDir, 'static', 'index-abc.css'), 'body{}');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    handle = createAppHandler({
      rendererDir,
      readAsset: async (hash) => {
        if (hash === BROKEN) throw new Error('disk read failed');
        return hash === IMAGE ? { bytes: PNG, mime: 'image/png' } : null;
      },
    });
  });
  afterAll(() => logged.mockRestore());

  it.each(CASES)('$method $path → $status', async ({ method, path, status, csp }) => {
    const response = await handle(new Request(`http://lectern.test${path}`, { method }));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a failing image read with a 500 of its own, logged', async () => {
    logged.mockClear();
    const response = await handle(new Request(`http://lectern.test/assets/${BROKEN}`));
    expect(await response.text()).toBe('internal error');
    expect(logged).toHaveBeenCalledOnce();
  });

  it('still sends the CSP when the renderer was never built', async () => {
    const bare = createAppHandler({ rendererDir: join(tmpdir(), 'lectern-no-such-renderer'), readAsset: async () => null });
    const response = await bare(new Request('http://lectern.test/'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('both policies forbid script from anywhere but the bundle', () => {
    expect(APP_CSP).toContain("default-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(ASSET_CSP).toContain("default-src 'none'");
    expect(ASSET_CSP).not.toContain('script-src');
    expect(ASSET_CSP).toContain('sandbox');
  });
});
