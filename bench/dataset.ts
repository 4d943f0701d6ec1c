// The dataset: the sandbox's seeded database for a size and seed, generated once and kept under
// the system's temporary folder (keyed also by the generator's sources, so a changed generator
// never serves a stale file), then copied into the run's own folder because the run changes it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatasetSize } from '../electron/common/demo/index';
import { openSeededStore } from '../sandbox/index';

const ROOT = path.resolve(import.meta.dirname, '..');
export const CACHE_ROOT = path.join(os.tmpdir(), 'cassetto-bench');
/** What the seeded file depends on besides size and seed. */
const SOURCES = ['electron/common/demo', 'electron/common/model.ts', 'sandbox/store'];

export interface Dataset {
  size: DatasetSize;
  seed: number;
  /** The pristine seeded sandbox file (cache; never opened for writing by the run). */
  cachedFile: string;
  /** Whether this run had to generate it. */
  generated: boolean;
  generationMs: number;
}

function sourcesHash(): string {
  const hash = crypto.createHash('sha256');
  const files: string[] = [];
  for (const entry of SOURCES) {
    const full = path.join(ROOT, entry);
    if (!fs.existsSync(full)) continue;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path.join(full, name));
    } else {
      files.push(full);
    }
  }
  for (const file of files) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 12);
}

/** Returns the cached seeded sandbox database, generating it first if needed. */
export function prepareDataset(size: DatasetSize, seed: number, log: (line: string) => void): Dataset {
  const dir = path.join(CACHE_ROOT, `${size}-seed${seed}-${sourcesHash()}`);
  const cachedFile = path.join(dir, 'sandbox.sqlite');
  if (fs.existsSync(cachedFile)) return { size, seed, cachedFile, generated: false, generationMs: 0 };
  // An older generator's file for the same size and seed is of no further use (~300 MB at office size).
  const stale = `${size}-seed${seed}-`;
  if (fs.existsSync(CACHE_ROOT)) {
    for (const name of fs.readdirSync(CACHE_ROOT)) if (name.startsWith(stale)) fs.rmSync(path.join(CACHE_ROOT, name), { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  // Seed under a temporary name, then rename: an interrupted run never leaves a half-seeded cache.
  const partial = path.join(dir, `sandbox.${process.pid}.partial.sqlite`);
  log(`generating the ${size} dataset (seed ${seed}) into ${dir} …`);
  const t0 = Date.now();
  const { store } = openSeededStore({ dataPath: partial, seed, size });
  store.close(); // last connection: checkpoints the WAL into the file
  for (const suffix of ['-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  fs.renameSync(partial, cachedFile);
  return { size, seed, cachedFile, generated: true, generationMs: Date.now() - t0 };
}

/** A private folder for this run's databases; removed by the returned function. */
export function runFolder(): { dir: string; remove(): void } {
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  // Folders of runs that were killed before they could clean up (their process is gone).
  for (const name of fs.readdirSync(CACHE_ROOT)) {
    const pid = /^run-(\d+)-/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(CACHE_ROOT, name), { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(CACHE_ROOT, `run-${process.pid}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A working copy of the cached sandbox file for this run (the run adds comunicazioni to it). */
export function workingCopy(dataset: Dataset, dir: string): string {
  const file = path.join(dir, 'sandbox.sqlite');
  fs.copyFileSync(dataset.cachedFile, file);
  return file;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
