// `npm test`: typecheck, import direction, unit/integration tests, build, end-to-end tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureChromium } from './chromium.mjs';

const steps = [
  ['typecheck (node)', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.node.json']],
  ['typecheck (renderer)', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['typecheck (end-to-end tests)', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.e2e.json']],
  ['import direction', 'npx', ['tsx', 'scripts/check-imports.ts']],
  ['lint (ESLint: defects, no SQL in handlers, file and function size)', 'npx', ['eslint', '--cache', '--cache-location', '.cache/eslint/', '.']],
  ['format (Prettier --check)', 'npx', ['prettier', '--check', '.']],
  ['unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']],
  ['build (electron-vite: main, preload, renderer)', 'npx', ['electron-vite', 'build']],
  ['packaging check (electron-builder inputs, production dependencies, renderer imports)', 'npx', ['tsx', 'scripts/packaging-check.ts']],
  // Benchmarks are not tests: the tiny run only proves the harness still prints a number per row.
  ['benchmark harness (npm run bench -- --size tiny)', 'npx', ['tsx', 'bench/cli.ts', '--size', 'tiny']],
  [
    'end-to-end tests (Chromium)',
    'npx',
    ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/e2e.json'],
  ],
];

const started = Date.now();
for (const [label, cmd, args] of steps) {
  console.log(`\n▶ ${label}`);
  const env = { ...process.env };
  if (label.startsWith('end-to-end') || label.startsWith('benchmark')) {
    try {
      env.CHROMIUM_PATH = ensureChromium();
    } catch (error) {
      console.error(error.message);
      process.exit(1);
    }
  }
  const t0 = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
// One closing line with the totals of both vitest runs, in the plain form CI reads.
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of ['test-results/unit.json', 'test-results/e2e.json']) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
