// `npm run screenshots`: runs the end-to-end tests (which photograph the main screens) and
// copies the pictures the README shows into docs/screenshots.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const shell = process.platform === 'win32';
for (const [cmd, args] of [
  ['npx', ['electron-vite', 'build']],
  ['npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
]) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const from = path.resolve('test-results/screenshots');
const to = path.resolve('docs/screenshots');
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from).filter((f) => f.endsWith('.png'))) {
  fs.copyFileSync(path.join(from, name), path.join(to, name));
  console.log(`docs/screenshots/${name}`);
}
