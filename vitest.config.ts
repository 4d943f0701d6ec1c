import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  // The renderer's alias, as in electron.vite.config.ts.
  resolve: { alias: { '@common': fileURLToPath(new URL('./electron/common', import.meta.url)) } },
  test: {
    include: [
      'electron/**/*.test.ts',
      'db/**/*.test.ts',
      'sandbox/**/*.test.ts',
      'renderer/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/demo/**/*.test.ts',
      'tests/fuzz/**/*.test.ts',
      'tests/crash/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
