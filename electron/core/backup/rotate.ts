import fs from 'node:fs/promises';
import path from 'node:path';
import { silentLogger, type Logger } from '../log';
import { activeWorkDirs } from './create';
import { removeTree } from './files';
import { listBackups } from './list';
import { TEMP_PREFIX, type BackupReason } from './names';

export interface RotationPolicy {
  /** Scheduled backups to keep (default 7: a week of daily backups). */
  pianificato?: number;
  /** Pre-migration backups to keep (default 3), counted apart so updates never push out the daily ones. */
  'pre-migrazione'?: number;
  /** Manual backups to keep (default: all; the operator made them on purpose). */
  manuale?: number;
}

export const DEFAULT_ROTATION: Required<RotationPolicy> = { pianificato: 7, 'pre-migrazione': 3, manuale: Number.POSITIVE_INFINITY };

/** A work folder untouched this long belongs to a crashed run, not to one in course. */
const STALE_WORK_MS = 60 * 60 * 1000;

/**
 * Keeps the newest N complete backups of each reason and deletes the older complete ones.
 * Incomplete folders are left alone (never delete what we cannot account for) and do not
 * count towards N; work folders left by a crash are swept once they are an hour old.
 */
export async function rotateBackups(backupDir: string, policy: RotationPolicy = {}, options: { logger?: Logger } = {}): Promise<string[]> {
  const logger = options.logger ?? silentLogger;
  const keep = { ...DEFAULT_ROTATION, ...policy };
  const kept: Record<BackupReason, number> = { pianificato: 0, 'pre-migrazione': 0, manuale: 0 };
  const removed: string[] = [];
  for (const backup of await listBackups(backupDir)) {
    if (!backup.complete || backup.reason === null) continue;
    if (kept[backup.reason] < keep[backup.reason]) {
      kept[backup.reason] += 1;
      continue;
    }
    await removeTree(backup.path);
    removed.push(backup.name);
  }
  removed.push(...(await sweepWorkDirs(backupDir)));
  if (removed.length > 0)
    logger.log('info', 'backups rotated', { removed: removed.length, keptScheduled: kept.pianificato, keptPreMigration: kept['pre-migrazione'] });
  return removed;
}

async function sweepWorkDirs(backupDir: string): Promise<string[]> {
  const swept: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(backupDir, { withFileTypes: true });
  } catch {
    return swept;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(TEMP_PREFIX)) continue;
    const dir = path.join(backupDir, entry.name);
    if (activeWorkDirs.has(dir)) continue;
    // Real time, not the injected clock: mtimes are set by the file system.
    const { mtimeMs } = await fs.stat(dir);
    if (Date.now() - mtimeMs < STALE_WORK_MS) continue; // perhaps another process's run
    await removeTree(dir);
    swept.push(entry.name);
  }
  return swept;
}
