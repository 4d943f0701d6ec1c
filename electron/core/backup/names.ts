import fs from 'node:fs';
import path from 'node:path';

// Folder names of backups: `<UTC timestamp>-<reason>[-n]`, sortable as text and valid on
// Windows (no colons). The manifest holds the exact instant; the name is for people and for
// backups whose manifest is missing.

export const BACKUP_REASONS = ['pianificato', 'pre-migrazione', 'manuale'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** The backups folder inside the data folder: `<data folder>/backup`. */
export const BACKUP_DIR_NAME = 'backup';
/** The database file's name inside a backup folder (the same as in the data folder). */
export const BACKUP_DB_FILE = 'cassetto.sqlite';
export const BACKUP_ALLEGATI_DIR = 'allegati';
export const MANIFEST_FILE = 'manifest.json';
/** Work folders: a crash leaves one of these, never a folder that looks like a finished backup. */
export const TEMP_PREFIX = '.tmp-';
/** Where a restore puts the database it replaced, inside the data folder. */
export const PREVIOUS_PREFIX = 'ripristino-precedente-';

const NAME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z-(pianificato|pre-migrazione|manuale)(?:-\d+)?$/;

/** 2026-03-10T09:00:00.123Z → 2026-03-10T09-00-00Z */
export function stamp(at: Date): string {
  return `${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;
}

export function backupBaseName(at: Date, reason: BackupReason): string {
  return `${stamp(at)}-${reason}`;
}

/** Reason and instant read back from a folder name; null for names we did not make. */
export function parseBackupName(name: string): { reason: BackupReason; createdAt: string } | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, reason] = m;
  return { reason: reason as BackupReason, createdAt: `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z` };
}

/** `base`, or `base-2`, `base-3` … when two backups fall in the same second. */
export function uniqueName(dir: string, base: string): string {
  if (!fs.existsSync(path.join(dir, base))) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!fs.existsSync(path.join(dir, candidate))) return candidate;
  }
}
