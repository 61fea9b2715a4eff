// The package is ESM ("type": "module"), but a sandboxed preload must be CommonJS: give the
// compiled preload the .cjs extension so nothing ever loads it as an ES module.
import { renameSync } from 'node:fs';

renameSync('dist/preload/preload.js', 'dist/preload/preload.cjs');
