import path from 'node:path';
import type { BeforeMigrateInfo } from '../../../db/connection';
import type { BackupElenco, BackupRiga } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import { APP_VERSION } from '../app';
import { BACKUP_DIR_NAME, BackupScheduler, createBackup, listBackups, restoreBackup, rotateBackups, verifyBackup, type BackupInfo } from '../backup/index';
import type { Clock } from '../clock';
import type { CoreContext } from '../context';
import type { Logger } from '../log';
import type { WorkspaceConfig } from './config';

// The backups of the database open in the workspace: listed, taken by hand or on a schedule,
// before a migration, and restored.

type Sqlite = CoreContext['sqlite'];
/** How often scheduled backups run and how many are kept (impostazioni.json). */
export type BackupRhythm = WorkspaceConfig['backup'];

/** A database's neighbours: its attachments and its backups live in the same folder. */
export function foldersOf(database: string): { allegatiDir: string; backupDir: string } {
  const dir = path.dirname(database);
  return { allegatiDir: path.join(dir, 'allegati'), backupDir: path.join(dir, BACKUP_DIR_NAME) };
}

export function toRiga(info: BackupInfo): BackupRiga {
  return {
    nome: info.name,
    creatoIl: info.createdAt,
    motivo: info.reason,
    completo: info.complete,
    dimensione: info.manifest?.database.bytes ?? null,
    schemaVersione: info.manifest?.schemaVersion ?? null,
  };
}

/** No upgrade without its safety copy: a failing backup stops the migration (openDatabase rejects). */
export function preMigrationBackup(database: string, logger: Logger, chiave: Buffer | undefined) {
  return async ({ sqlite, from, to }: BeforeMigrateInfo): Promise<void> => {
    const { allegatiDir, backupDir } = foldersOf(database);
    await createBackup({ sqlite, chiave, allegatiDir, backupDir, reason: 'pre-migrazione', appVersion: APP_VERSION, logger });
    await rotateBackups(backupDir, undefined, { logger });
    logger.log('info', 'pre-migration backup taken', { from, to });
  };
}

/** The page names a backup by its folder name; only a listed, direct child of the backup folder is accepted. */
export async function findBackup(backupDir: string, nome: string): Promise<BackupInfo> {
  const found = (await listBackups(backupDir)).find((b) => b.name === nome && path.dirname(b.path) === path.resolve(backupDir));
  if (!found) throw new AppError('BACKUP_NON_TROVATO', 'Backup non trovato: aggiorna l’elenco e riprova.');
  return found;
}

/** The backups of a service's database (none while no database is chosen), with the rhythm they follow. */
export async function backupList(target: string | null, rhythm: BackupRhythm): Promise<BackupElenco> {
  const { intervalloOre, conserva } = rhythm;
  if (!target) return { cartella: null, backup: [], intervalloOre, conserva };
  const { backupDir } = foldersOf(target);
  return { cartella: backupDir, backup: (await listBackups(backupDir)).map(toRiga), intervalloOre, conserva };
}

/** A backup taken by hand of the database open now. */
export async function manualBackup(database: string | null, sqlite: Sqlite, chiave: Buffer | undefined, clock: Clock, logger: Logger): Promise<BackupRiga> {
  if (!database) throw new AppError('NON_DISPONIBILE', 'Non c’è un database da salvare: scegli il servizio e accedi.');
  const { allegatiDir, backupDir } = foldersOf(database);
  const info = await createBackup({ sqlite, chiave, allegatiDir, backupDir, reason: 'manuale', appVersion: APP_VERSION, clock, logger });
  return toRiga(info);
}

/**
 * Before a plain database is replaced by its encrypted copy: a backup of that copy (and of the
 * attachments, already encrypted), verified in full. No plain file goes without it.
 */
export async function preEncryptionBackup(copia: string, database: string, chiave: Buffer, logger: Logger): Promise<void> {
  const { allegatiDir, backupDir } = foldersOf(database);
  const info = await createBackup({ dbPath: copia, chiave, allegatiDir, backupDir, reason: 'pre-migrazione', appVersion: APP_VERSION, logger });
  await verifyBackup(info.path, { chiave });
  await rotateBackups(backupDir, undefined, { logger });
  logger.log('info', 'pre-encryption backup taken and verified');
}

/** The named backup of a service's database, checked: call it while that database is still open, so a bad backup changes nothing. */
export async function checkedBackup(target: string | null, nome: string, chiave: Buffer | undefined): Promise<{ target: string; backup: BackupInfo }> {
  if (!target) throw new AppError('NON_DISPONIBILE', 'Non c’è un database da ripristinare: scegli il servizio e accedi.');
  const backup = await findBackup(foldersOf(target).backupDir, nome);
  await verifyBackup(backup.path, { chiave });
  return { target, backup };
}

/** Puts a checked backup in place of the (closed) database; answers the folder the replaced files were moved to. */
export async function restoreInto(
  target: string,
  backup: BackupInfo,
  protezione: { chiave: Buffer | undefined; cifraAllegati?: (dir: string) => void | Promise<void> },
  clock: Clock,
  logger: Logger,
): Promise<string | null> {
  const { allegatiDir } = foldersOf(target);
  const { previousDir } = await restoreBackup({ dbPath: target, allegatiDir, backupPath: backup.path, ...protezione, clock, logger });
  logger.log('info', 'database restored from backup', { reason: backup.reason ?? 'unknown' });
  return previousDir;
}

/** The scheduled backups of an open database, at the configured rhythm (not started yet). */
export function backupScheduler(
  database: string,
  sqlite: Sqlite,
  chiave: Buffer | undefined,
  rhythm: BackupRhythm,
  clock: Clock,
  logger: Logger,
): BackupScheduler {
  const { allegatiDir, backupDir } = foldersOf(database);
  return new BackupScheduler({
    sqlite,
    chiave,
    allegatiDir,
    backupDir,
    intervalMs: rhythm.intervalloOre * 3_600_000,
    rotation: { pianificato: rhythm.conserva },
    appVersion: APP_VERSION,
    clock,
    logger,
  });
}
