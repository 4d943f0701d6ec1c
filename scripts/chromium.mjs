// Finds a Chromium for the end-to-end tests; installs Debian's where it can (root + apt-get).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const INSTALL = 'apt-get update && apt-get install -y chromium';

export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (fs.existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH points to ${env.CHROMIUM_PATH}, which does not exist.`);
  }
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

function canInstall() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (!canInstall()) {
    throw new Error(`Chromium not found. Install it with:  sudo sh -c '${INSTALL}'  (or set CHROMIUM_PATH).`);
  }
  console.log(`Chromium not found: installing Debian's package (${INSTALL})…`);
  execFileSync('sh', ['-c', INSTALL], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = findChromium();
  if (!installed) throw new Error('Chromium install finished but no chromium binary was found.');
  return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
