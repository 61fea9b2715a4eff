// Renders build/icon.svg into the icons electron-builder packs: a 1024 px PNG, the Linux size
// set, a macOS ICNS and a Windows ICO. WebAssembly and plain JS only, so it runs anywhere Node
// does. Run `node scripts/make-icons.ts` after changing the SVG; a test checks they match.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import png2icons from 'png2icons';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILD_DIR = fileURLToPath(new URL('../build/', import.meta.url));
/** The sizes Linux desktops look for in build/icons/ (named NxN.png, as electron-builder reads them). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

let wasmReady: Promise<void> | null = null;
function ensureWasm(): Promise<void> {
  const wasmFile = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
  wasmReady ??= initWasm(readFileSync(wasmFile));
  return wasmReady;
}

function renderPng(svg: string, size: number): Buffer {
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render();
  const png = Buffer.from(rendered.asPng());
  rendered.free();
  return png;
}

/** Every icon file, by its path relative to build/. Deterministic for one SVG. */
export async function renderIcons(svg: string): Promise<Map<string, Buffer>> {
  await ensureWasm();
  const files = new Map<string, Buffer>();
  const master = renderPng(svg, 1024);
  files.set('icon.png', master);
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, renderPng(svg, size));
  // ICNS and ICO scale the 1024 px master down themselves; ICO keeps PNG frames (Vista and later).
  const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, true, true);
  if (!icns || !ico) throw new Error('png2icons could not encode the icon');
  files.set('icon.icns', icns);
  files.set('icon.ico', ico);
  return files;
}

if (import.meta.main) {
  const files = await renderIcons(readFileSync(join(BUILD_DIR, 'icon.svg'), 'utf8'));
  for (const [name, bytes] of files) {
    const target = join(BUILD_DIR, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`${name}\t${bytes.length} bytes`);
  }
}
