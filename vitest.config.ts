import { defineConfig } from 'vitest/config';

// Core tests run under Node 24 against real loopback servers and real SQLite files.
export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/support/loopback-only-network.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
