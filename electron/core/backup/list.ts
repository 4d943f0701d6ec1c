import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../common/errors';
import { silentLogger, type Logger } from '../log';
import { countFiles } from './files';
import { readManifest, type BackupManifest } from './manifest';
import { BACKUP_ALLEGATI_DIR, BACKUP_DB_FILE, parseBackupName, type BackupReason } from './names';
import { verifyBackup, type VerifiedBackup } from './verify';

export interface BackupInfo {
  /** Folder name, e.g. 2026-03-10T09-00-00Z-pianificato. */
  name: string;
  /** Absolute folder path. */
  path: string;
  /** The database file inside it. */
  dbFile: string;
  /** From the manifest, or the folder name when the manifest is missing; null if neither. */
  reason: BackupReason | null;
  /** ISO instant, same sources as `reason`. */
  createdAt: string | null;
  /** Manifest present and valid, database and attachments of the recorded size and count. */
  complete: boolean;
  /** Why it is not complete (English, for logs); null when complete. */
  problem: string | null;
  manifest: BackupManifest | null;
}

/**
 * The backups in a folder, newest first, with a cheap completeness check (sizes and counts,
 * no hashing: that is verifyBackup's job). Work folders of backups in course are not listed.
 */
export async function listBackups(backupDir: string): Promise<BackupInfo[]> {
  let entries;
  try {
    entries = await fs.readdir(backupDir, { withFileTypes: true });
  } catch {
    return []; // no backup folder yet
  }
  const found: BackupInfo[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const folder = path.join(backupDir, entry.name);
    const manifest = await readManifest(folder);
    const parsed = parseBackupName(entry.name);
    if (!manifest && !parsed) continue; // not ours
    const dbFile = path.join(folder, BACKUP_DB_FILE);
    found.push({
      name: entry.name,
      path: folder,
      dbFile,
      reason: manifest?.reason ?? parsed?.reason ?? null,
      createdAt: manifest?.createdAt ?? parsed?.createdAt ?? null,
      manifest,
      ...(await completeness(folder, dbFile, manifest)),
    });
  }
  return found.sort(newestFirst);
}

async function completeness(folder: string, dbFile: string, manifest: BackupManifest | null): Promise<{ complete: boolean; problem: string | null }> {
  if (!manifest) return { complete: false, problem: 'manifest missing or unreadable' };
  let size: number;
  try {
    size = (await fs.stat(dbFile)).size;
  } catch {
    return { complete: false, problem: 'database file missing' };
  }
  if (size !== manifest.database.bytes) return { complete: false, problem: 'database size differs from the manifest' };
  const files = await countFiles(path.join(folder, BACKUP_ALLEGATI_DIR));
  if (files < manifest.allegati.files) return { complete: false, problem: 'attachments missing' };
  return { complete: true, problem: null };
}

function newestFirst(a: BackupInfo, b: BackupInfo): number {
  const byTime = (b.createdAt ?? '').localeCompare(a.createdAt ?? '');
  return byTime !== 0 ? byTime : b.name.localeCompare(a.name);
}

export interface GoodBackup {
  backup: BackupInfo;
  verified: VerifiedBackup;
}

/**
 * For start-up recovery: the newest backup that passes the full verification (integrity
 * check and checksum), or null. Backups that fail are logged and skipped, not deleted.
 */
export async function findLatestGoodBackup(backupDir: string, options: { logger?: Logger; chiave?: Buffer | undefined } = {}): Promise<GoodBackup | null> {
  const logger = options.logger ?? silentLogger;
  for (const backup of await listBackups(backupDir)) {
    if (!backup.complete) {
      logger.log('warn', 'backup skipped', { name: backup.name, problem: backup.problem });
      continue;
    }
    try {
      return { backup, verified: await verifyBackup(backup.path, { chiave: options.chiave }) };
    } catch (error) {
      logger.log('warn', 'backup skipped', { name: backup.name, code: error instanceof AppError ? error.code : 'unknown' });
    }
  }
  return null;
}
