// Builds the WebExtension (extension/) for Chromium and Firefox: one bundle of the same source,
// a manifest per browser, each unpacked in dist-extension/<browser>/ and zipped for its store.
// Run: `npm run build:extension`.
import { build } from 'rolldown';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestFor, type ExtensionTarget } from '../extension/manifest.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = join(ROOT, 'extension');
export const EXTENSION_OUT = join(ROOT, 'dist-extension');
const TARGETS: ExtensionTarget[] = ['chromium', 'firefox'];
const ICON_SIZES = [16, 32, 48, 128];
/** Zip entries carry this date, so one source gives byte-identical zips. */
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

/** Both scripts as classic scripts (IIFE): a Chromium service worker and a Firefox background script alike. */
async function bundle(entry: string): Promise<string> {
  const output = await build({
    input: join(SOURCE, 'src', entry),
    platform: 'browser',
    write: false,
    output: { format: 'iife', minify: false, sourcemap: false },
  });
  const [chunk] = output.output;
  if (!chunk || chunk.type !== 'chunk') throw new Error(`no bundle for ${entry}`);
  return chunk.code;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

async function zipFolder(dir: string, target: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of await filesUnder(dir)) zip.addFile(join(dir, file), file.split('\\').join('/'), { mtime: FIXED_DATE });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(target)).on('close', resolve).on('error', reject);
  });
}

export async function buildExtension(): Promise<Record<ExtensionTarget, { dir: string; zip: string }>> {
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const scripts = { 'background.js': await bundle('background.ts'), 'options.js': await bundle('options.ts') };
  await rm(EXTENSION_OUT, { recursive: true, force: true });
  const built = {} as Record<ExtensionTarget, { dir: string; zip: string }>;
  for (const target of TARGETS) {
    const dir = join(EXTENSION_OUT, target);
    await mkdir(join(dir, 'icons'), { recursive: true });
    await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(target, version), null, 2)}\n`);
    for (const [name, code] of Object.entries(scripts)) await writeFile(join(dir, name), code);
    for (const file of await filesUnder(join(SOURCE, 'static'))) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await copyFile(join(SOURCE, 'static', file), join(dir, file));
    }
    for (const size of ICON_SIZES) await copyFile(join(ROOT, 'build', 'icons', `${size}x${size}.png`), join(dir, 'icons', `${size}.png`));
    const zip = join(EXTENSION_OUT, `lectern-${target}.zip`);
    await zipFolder(dir, zip);
    built[target] = { dir, zip };
  }
  return built;
}

if (import.meta.main) {
  const built = await buildExtension();
  for (const { dir, zip } of Object.values(built)) console.log(`${relative(ROOT, dir)}/ → ${relative(ROOT, zip)}`);
}
