// `npm start`: build, then run the desktop app; without the Electron binary (as on the project's
// build machines) run the same renderer and command table in the browser host with demo data.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// npx is npx.cmd on Windows, which only a shell can run.
const shell = process.platform === 'win32';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], shell });
if (build.status !== 0) {
  console.error('La compilazione non è riuscita: vedi gli errori sopra.');
  process.exit(build.status ?? 1);
}

/** The Electron binary if it was ever downloaded. Never require('electron'): that starts a download. */
function electronBinary() {
  const dir = path.resolve('node_modules/electron');
  try {
    const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(dir, 'dist', relative);
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const extraArgs = process.argv.slice(2);
const electron = electronBinary();
let child;
if (electron) {
  child = spawn(electron, ['.', ...extraArgs], { stdio: 'inherit' });
} else {
  console.log('Electron non è installato su questa macchina: avvio Cassetto Desk nel browser (host locale con dati dimostrativi).');
  // Node itself with tsx's loader (not npx), so Ctrl+C and SIGTERM reach the host and it closes cleanly.
  child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/start.ts', '--demo', '--open', ...extraArgs], { stdio: 'inherit' });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
