// `npm test`: typecheck, import direction, unit/integration tests, build, end-to-end tests.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';

const steps = [
  ['typecheck (node)', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.node.json']],
  ['typecheck (renderer)', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['typecheck (end-to-end tests)', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.e2e.json']],
  ['import direction', 'npx', ['tsx', 'scripts/check-imports.ts']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['build (electron-vite: main, preload, renderer)', 'npx', ['electron-vite', 'build']],
  ['end-to-end tests (Chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];

const started = Date.now();
for (const [label, cmd, args] of steps) {
  console.log(`\n▶ ${label}`);
  const env = { ...process.env };
  if (label.startsWith('end-to-end')) {
    try {
      env.CHROMIUM_PATH = ensureChromium();
    } catch (error) {
      console.error(error.message);
      process.exit(1);
    }
  }
  const t0 = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
