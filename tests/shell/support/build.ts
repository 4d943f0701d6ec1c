import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The harness tests the bundles as built (`electron-vite build`), not the sources: it builds them
// into .cache/shell-build/<hash of the sources>/out — never out/, which the end-to-end runs of
// other sessions read — and reuses that build while the sources are unchanged (≈ 5 s otherwise).
// The folder sits inside the repository so the bundles' bare imports resolve in node_modules.

export const REPO = path.resolve(import.meta.dirname, '../../..');
const CACHE = path.join(REPO, '.cache/shell-build');
/** What the three bundles are built from (tests aside). */
const SOURCES = ['electron', 'renderer', 'sandbox', 'db', 'resources'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json', 'package-lock.json'];
const STALE_MS = 15 * 60_000;
const BUILD_TIMEOUT_MS = 5 * 60_000;

export interface ShellBuild {
  outDir: string;
  main: string;
  preload: string;
  renderer: string;
}

function sourceHash(): string {
  const hash = crypto.createHash('sha256');
  const add = (file: string) => {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(REPO, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(abs);
      } else if (entry.isFile() && !/\.(test|e2e)\.ts$/.test(entry.name)) add(abs);
    }
  };
  for (const dir of SOURCES) if (fs.existsSync(path.join(REPO, dir))) walk(path.join(REPO, dir));
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(REPO, file))) add(path.join(REPO, file));
  return hash.digest('hex').slice(0, 16);
}

function paths(outDir: string): ShellBuild {
  return {
    outDir,
    main: path.join(outDir, 'main/index.js'),
    preload: path.join(outDir, 'preload/index.cjs'),
    renderer: path.join(outDir, 'renderer'),
  };
}

/**
 * The built bundles of the current sources: reused when present, else built once — test files
 * running in parallel wait for the one holding the lock instead of building the same thing.
 */
export async function shellBuild(): Promise<ShellBuild> {
  const hash = sourceHash();
  const done = path.join(CACHE, hash);
  const built = () => fs.existsSync(path.join(done, 'out/main/index.js'));
  if (built()) return paths(path.join(done, 'out'));
  fs.mkdirSync(CACHE, { recursive: true });
  const lock = `${done}.lock`;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch {
      // Someone else is building (a lock older than the build could take is a crashed run's).
      if (Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > BUILD_TIMEOUT_MS) fs.rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 250));
      if (built()) return paths(path.join(done, 'out'));
    }
  }
  try {
    if (!built()) build(hash, done);
  } finally {
    fs.rmSync(lock, { force: true });
  }
  return paths(path.join(done, 'out'));
}

function build(hash: string, done: string): void {
  removeStale(hash);
  const temp = fs.mkdtempSync(path.join(CACHE, `${hash}.tmp-`));
  const result = spawnSync('npx', ['electron-vite', 'build', '--outDir', path.join(temp, 'out'), '--logLevel', 'warn'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  }
  fs.rmSync(done, { recursive: true, force: true });
  fs.renameSync(temp, done);
}

/** Builds of older sources, left by earlier runs (a quarter of an hour old: a concurrent run may still read a recent one). */
function removeStale(current: string): void {
  for (const name of fs.readdirSync(CACHE)) {
    if (name === current || name.endsWith('.lock')) continue;
    const dir = path.join(CACHE, name);
    if (Date.now() - fs.statSync(dir).mtimeMs > STALE_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}
