import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CSP_META } from './electron/common/csp';

/** Writes the one CSP (electron/common/csp.ts) into index.html. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'cassetto-csp',
    transformIndexHtml: (html) => {
      if (!html.includes('__CSP__')) throw new Error('index.html lost its CSP placeholder');
      return html.replace('__CSP__', CSP_META);
    },
  };
}

// Non-default folders (DESIGN §3): electron/main, electron/preload, renderer/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ESM: emit one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    // `@common/x` is electron/common/x, the one folder the renderer may import (DESIGN §3).
    resolve: { alias: { '@common': resolve('electron/common') } },
    plugins: [vue(), contentSecurityPolicy()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
