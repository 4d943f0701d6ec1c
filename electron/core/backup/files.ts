import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

// File helpers shared by backup and restore. Async throughout: the core runs in Electron's
// main process, where a long synchronous copy would freeze the window.

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Forces a file's bytes to disk before a rename publishes it. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable. Windows cannot open a folder for fsync: best effort there. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // EISDIR/EPERM on Windows: NTFS journals the rename itself.
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

export interface TreeCopy {
  files: number;
  bytes: number;
  /** How many were hard links rather than copies. */
  linked: number;
}

// Errors that mean "this file system will not hard-link here", not "something is wrong".
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EACCES']);

/**
 * Copies the attachment store. Its files are content-addressed and never rewritten in place
 * (a new version is a new name written by temp + rename), so a hard link is as good as a copy
 * and costs no space; where links are refused (another disk, FAT/exFAT) it falls back to a copy.
 * Half-written `.tmp` files of an upload in course are skipped.
 */
export async function copyAttachmentTree(from: string, to: string, options: { link: boolean }): Promise<TreeCopy> {
  const result: TreeCopy = { files: 0, bytes: 0, linked: 0 };
  let tryLink = options.link;
  const walk = async (src: string, dst: string): Promise<void> => {
    await fs.mkdir(dst, { recursive: true });
    for (const entry of await fs.readdir(src, { withFileTypes: true })) {
      const s = path.join(src, entry.name);
      const d = path.join(dst, entry.name);
      if (entry.isDirectory()) {
        await walk(s, d);
        continue;
      }
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
      const { size } = await fs.stat(s);
      let linked = false;
      if (tryLink) {
        try {
          await fs.link(s, d);
          linked = true;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (!NO_LINK.has(code)) throw error;
          tryLink = false; // the same refusal would repeat for every file
        }
      }
      if (!linked) await fs.copyFile(s, d);
      result.files += 1;
      result.bytes += size;
      if (linked) result.linked += 1;
    }
  };
  await walk(from, to);
  return result;
}

/** Counts the files of an attachment tree without reading them (skips `.tmp`). */
export async function countFiles(dir: string): Promise<number> {
  let count = 0;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) if (entry.isFile() && !entry.name.endsWith('.tmp')) count += 1;
  return count;
}

export async function removeTree(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
