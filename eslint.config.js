// Lint enforces the architecture: these boundaries are errors, never warnings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-extension/**', 'release/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The core is plain Node: only main and preload may touch Electron.
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'tests/electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/main.ts and electron/preload.ts import electron.' }] },
      ],
    },
  },
  {
    // The layers below IPC never reach up into it: their shared types live in electron/shared/.
    // The command line sits beside IPC over the same core, so it is held to the same rule.
    // This object replaces the one above for these files (flat config keeps only the last
    // options of a rule), so it repeats the electron restriction alongside its own.
    files: [
      'electron/library/**/*.ts',
      'electron/import/**/*.ts',
      'electron/preferences/**/*.ts',
      'electron/jobs/**/*.ts',
      'electron/capture/**/*.ts',
      'electron/shared/**/*.ts',
      'electron/feeds/**/*.ts',
      'electron/export/**/*.ts',
      'electron/cli/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/main.ts and electron/preload.ts import electron.' }],
          patterns: [
            { group: ['**/ipc/**'], message: 'Layers below IPC import shared types from electron/shared/, never from electron/ipc/.' },
          ],
        },
      ],
    },
  },
  {
    // electron/shared/ is plain TypeScript that runs in both worlds (the text-quote anchoring is
    // one algorithm for the core and the reader): no Node, no Electron, nothing above it.
    files: ['electron/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main.ts and electron/preload.ts import electron.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'electron/shared/ runs in the renderer too: no Node.' })),
          ],
          patterns: [
            {
              regex: '(^|/)(app|capture|cli|export|feeds|import|ipc|jobs|library|preferences)/|(^|/)(core|main|preload)\\.ts$',
              message: 'electron/shared/ imports nothing from the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer is a web page: no Node, and nothing from electron/ but the contract's types
    // and the plain code of electron/shared/.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The renderer never imports Node.' })),
          patterns: [
            {
              regex: '(^|/)electron/(?!shared/)|^electron$',
              allowTypeImports: true,
              message: 'Renderer imports only types from electron/ (import type), and code only from electron/shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The WebExtension is browser code: no Node, and from electron/ only the connector's wire
    // contract (bundled into it by scripts/build-extension.ts).
    files: ['extension/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The extension runs in the browser: no Node.' })),
          patterns: [
            {
              regex: '(^|/)electron/(?!shared/connector-protocol\\.ts$)|^electron$',
              message: 'The extension imports nothing from electron/ but electron/shared/connector-protocol.ts.',
            },
          ],
        },
      ],
    },
  },
);
