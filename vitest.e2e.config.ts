import { defineConfig } from 'vitest/config';

// End-to-end: Chromium (playwright-core) against the browser host serving the built renderer.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
