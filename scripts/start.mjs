// `npm start`: build, then run the desktop app; without the Electron binary (as on the project's
// build machines) run the same renderer and command table in the browser host with demo data.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('La compilazione non è riuscita: vedi gli errori sopra.');
  process.exit(build.status ?? 1);
}

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    return createRequire(import.meta.url)('electron');
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
  child = spawn('npx', ['tsx', 'electron/host/start.ts', '--demo', '--open', ...extraArgs], { stdio: 'inherit' });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
