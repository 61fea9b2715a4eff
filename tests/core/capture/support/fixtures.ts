import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureRoute } from '../../../support/fixture-server.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
export const PAGES_DIR = join(FIXTURES_DIR, 'pages');
export const IMAGES_DIR = join(FIXTURES_DIR, 'images');
/** The URL golden pages are extracted as (the same convention as Readability's test pages). */
export const GOLDEN_BASE_URL = 'http://fakehost/test/page.html';

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Every file in tests/fixtures/images as a route at /images/<name>. */
export async function imageRoutes(): Promise<Record<string, FixtureRoute>> {
  const routes: Record<string, FixtureRoute> = {};
  for (const name of await readdir(IMAGES_DIR)) {
    const type = IMAGE_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
    routes[`/images/${name}`] = { headers: { 'content-type': type }, body: await readFile(join(IMAGES_DIR, name)) };
  }
  return routes;
}

export const readFixtureImage = (name: string): Promise<Buffer> => readFile(join(IMAGES_DIR, name));
export const readPage = (name: string, file = 'source.html'): Promise<Buffer> => readFile(join(PAGES_DIR, name, file));

export async function temporaryDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'lectern-capture-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
