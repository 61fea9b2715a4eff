// Files the app loads at run time that exist only in the build: Electron runs dist/electron/,
// so these are resolved from this module's place there (dist/electron/app/). The built-app
// test checks that each one is really emitted.
import { fileURLToPath } from 'node:url';

const fromBuild = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/** The sandboxed preload, emitted as CommonJS (scripts/finish-preload.ts names it .cjs). */
export const PRELOAD_FILE = fromBuild('../../preload/preload.cjs');

/** Vite's output: the renderer the app handler serves. */
export const RENDERER_DIR = fromBuild('../../renderer');
