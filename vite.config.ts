import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from the root of an app origin (lectern://app/ in Electron,
// http://lectern.test/ in tests), never file://, so absolute URLs are safe.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // `/assets/<sha256>` belongs to the article asset store, so the bundle lives elsewhere.
    assetsDir: 'static',
    // Everything must be a file: the CSP forbids inline scripts and styles, and data: is
    // allowed only for images.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome140',
  },
});
