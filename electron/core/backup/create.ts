import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { apriConChiave } from '../../../db/cifratura';
import { AppError } from '../../common/errors';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../log';
import { backupError, systemCode } from './errors';
import { copyAttachmentTree, exists, fsyncDir, fsyncFile, removeTree, sha256File, type TreeCopy } from './files';
import { writeManifest, type BackupManifest } from './manifest';
import { BACKUP_ALLEGATI_DIR, BACKUP_DB_FILE, TEMP_PREFIX, backupBaseName, uniqueName, type BackupReason } from './names';
import type { BackupInfo } from './list';

export interface CreateBackupOptions {
  /** The open connection (the app's own): the online backup runs while it stays in use. */
  sqlite?: BetterSqlite3.Database;
  /** Or a database file, opened read-only for the copy (CLI, start-up before the core opens). */
  dbPath?: string;
  /** The database key: the copy is encrypted with it, like the database (the attachments are copied as they are, encrypted). */
  chiave?: Buffer | undefined;
  /** The attachment store to copy; null/absent or missing on disk: the backup has none. */
  allegatiDir?: string | null;
  backupDir: string;
  reason: BackupReason;
  clock?: Clock;
  appVersion?: string | null;
  /** Hard-link attachments when the file system allows it (default true). */
  linkAttachments?: boolean;
  logger?: Logger;
}

/** Work folders of backups in course in this process: rotation must not sweep them. */
export const activeWorkDirs = new Set<string>();

/**
 * An online backup: `VACUUM INTO` writes a consistent snapshot (a read transaction: in WAL the
 * app keeps writing meanwhile), encrypted with the database's own key — SQLite3 Multiple
 * Ciphers refuses the backup API between an encrypted source and a new file. The copy is then
 * switched to a single-file journal (no -wal or -shm beside it, so verifying it read-only
 * creates nothing and its sha256 stays true), quick-checked, and published with the
 * attachments and the manifest by one rename.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupInfo> {
  if (!options.sqlite && !options.dbPath) throw new TypeError('createBackup needs sqlite or dbPath');
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const started = Date.now();
  const createdAt = clock.now();
  const base = backupBaseName(createdAt, options.reason);
  const work = path.join(options.backupDir, `${TEMP_PREFIX}${base}-${crypto.randomBytes(4).toString('hex')}`);
  activeWorkDirs.add(work);
  try {
    await fs.mkdir(options.backupDir, { recursive: true });
    await fs.mkdir(work);
    const dbFile = path.join(work, BACKUP_DB_FILE);
    await copyDatabase(options, dbFile);
    const schemaVersion = finishCopy(dbFile, options.chiave);
    await fsyncFile(dbFile);
    const [sha256, { size }] = await Promise.all([sha256File(dbFile), fs.stat(dbFile)]);
    let allegati: TreeCopy = { files: 0, bytes: 0, linked: 0 };
    if (options.allegatiDir && (await exists(options.allegatiDir))) {
      allegati = await copyAttachmentTree(options.allegatiDir, path.join(work, BACKUP_ALLEGATI_DIR), { link: options.linkAttachments ?? true });
    }
    const manifest: BackupManifest = {
      format: 1,
      application: 'Cassetto Desk',
      reason: options.reason,
      createdAt: createdAt.toISOString(),
      appVersion: options.appVersion ?? null,
      schemaVersion,
      database: { file: BACKUP_DB_FILE, bytes: size, sha256 },
      allegati: { files: allegati.files, bytes: allegati.bytes },
    };
    // Written last: a folder with a valid manifest is a finished backup.
    await writeManifest(work, manifest);
    const name = uniqueName(options.backupDir, base);
    const finalPath = path.join(options.backupDir, name);
    await fs.rename(work, finalPath);
    await fsyncDir(options.backupDir);
    logger.log('info', 'backup created', {
      reason: options.reason,
      name,
      schemaVersion,
      dbBytes: size,
      attachments: allegati.files,
      attachmentsLinked: allegati.linked,
      ms: Date.now() - started,
    });
    return {
      name,
      path: finalPath,
      dbFile: path.join(finalPath, BACKUP_DB_FILE),
      reason: options.reason,
      createdAt: manifest.createdAt,
      complete: true,
      problem: null,
      manifest,
    };
  } catch (error) {
    await removeTree(work).catch(() => undefined);
    logger.log('error', 'backup failed', { reason: options.reason, code: error instanceof AppError ? error.code : systemCode(error) });
    throw asBackupError(error);
  } finally {
    activeWorkDirs.delete(work);
  }
}

async function copyDatabase(options: CreateBackupOptions, target: string): Promise<void> {
  if (options.sqlite) {
    options.sqlite.prepare('VACUUM INTO ?').run(target);
    return;
  }
  let source: BetterSqlite3.Database;
  try {
    source = apriConChiave(options.dbPath as string, options.chiave, { readonly: true, fileMustExist: true });
  } catch (error) {
    // Not "the backup folder is read-only": the source is what is missing.
    throw backupError('BACKUP_NON_RIUSCITO', 'Il backup non è riuscito: il database da copiare non esiste o non è leggibile.', [
      { path: '', message: systemCode(error) },
    ]);
  }
  try {
    source.prepare('VACUUM INTO ?').run(target);
  } finally {
    source.close();
  }
}

/** Single-file journal, quick check, schema version; the copy is closed again afterwards. */
function finishCopy(file: string, chiave: Buffer | undefined): number {
  const copy = apriConChiave(file, chiave);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check') as { quick_check: string }[];
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') throw liveDamaged(check.slice(0, 5).map((r) => r.quick_check));
    return copy.pragma('user_version', { simple: true }) as number;
  } finally {
    copy.close();
  }
}

/**
 * The live database is damaged: no backup, and (the caller skips rotation) the older good
 * ones stay.
 */
function liveDamaged(problems: string[]): AppError {
  return new AppError(
    'DATABASE_DANNEGGIATO',
    'Il database locale risulta danneggiato: il backup non è stato creato e quelli esistenti sono stati conservati. Ripristina l’ultimo backup valido.',
    problems.map((message) => ({ path: '', message })),
  );
}

function asBackupError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = systemCode(error);
  // SQLite stops reading a badly damaged page with an error rather than a check row.
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return liveDamaged([code]);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return backupError(
      'BACKUP_NON_RIUSCITO',
      'Il backup non è riuscito: il disco è pieno. Libera spazio e riprova; i backup esistenti sono stati conservati.',
      [{ path: '', message: code }],
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return backupError(
      'BACKUP_NON_RIUSCITO',
      'Il backup non è riuscito: la cartella dei backup non è scrivibile. Controlla i permessi della cartella dei dati.',
      [{ path: '', message: code }],
    );
  }
  return backupError('BACKUP_NON_RIUSCITO', 'Il backup non è riuscito. I backup esistenti sono stati conservati; riprova più tardi.', [
    { path: '', message: code },
  ]);
}
