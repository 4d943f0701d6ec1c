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
      'tests/shell/**/*.test.ts',
      'tests/network/**/*.test.ts',
      'tests/demo/**/*.test.ts',
      'tests/fuzz/**/*.test.ts',
      'tests/crash/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    // The shell harness (tests/shell) loads the built main bundle with Node's own loader, so its
    // loader hook can hand it the fake `electron`; vitest must not inline it.
    server: { deps: { external: [/\/\.cache\/shell-build\//] } },
    testTimeout: 20_000,
    pool: 'forks',
  },
});
