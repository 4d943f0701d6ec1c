import fs from 'node:fs';
import path from 'node:path';

// The data folder holds clients' personal data (codici fiscali, documents, backups): on POSIX it
// is the operator's alone — folders 0700, files 0600 — whoever else uses the PC. New files get it
// from the process's umask; what an earlier version created (0755/0644) is tightened at start.
// Windows keeps the per-user profile's ACLs, which already do this.

const POSIX = process.platform !== 'win32';

/** From now on every folder and file this process creates is the user's alone (umask 077). */
export function restrictNewFiles(): void {
  if (POSIX) process.umask(0o077);
}

/** Takes group and other permissions off everything under a folder not yet private (symlinks are left alone); returns how many entries changed. */
export function tightenDataDir(dir: string): number {
  if (!POSIX || !fs.existsSync(dir)) return 0;
  // Once the folder is private, everything in it was created under umask 077: later starts skip
  // the walk (an office's attachments are thousands of files, and this runs before the window opens).
  if ((fs.statSync(dir).mode & 0o077) === 0) return 0;
  let changed = 0;
  const tighten = (entry: string, stat: fs.Stats, mode: number) => {
    if ((stat.mode & 0o077) === 0) return;
    fs.chmodSync(entry, mode);
    changed += 1;
  };
  const walk = (folder: string) => {
    tighten(folder, fs.lstatSync(folder), 0o700);
    for (const name of fs.readdirSync(folder)) {
      const entry = path.join(folder, name);
      const stat = fs.lstatSync(entry);
      if (stat.isDirectory()) walk(entry);
      else if (stat.isFile()) tighten(entry, stat, 0o600);
    }
  };
  walk(dir);
  return changed;
}
