import { defineConfig } from 'vitest/config';

// The real Electron window (Playwright's _electron), on a machine that can download Electron:
// .github/workflows/desktop.yml. Not part of `npm test` (these machines cannot run it).
export default defineConfig({
  test: {
    include: ['tests/desktop/**/*.desktop.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
