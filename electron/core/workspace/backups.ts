import path from 'node:path';
import type { BackupRiga } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import { APP_VERSION } from '../app';
import { BACKUP_DIR_NAME, createBackup, listBackups, rotateBackups, type BackupInfo } from '../backup/index';
import type { BeforeMigrateInfo } from '../../../db/connection';
import type { Logger } from '../log';

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
export function preMigrationBackup(database: string, logger: Logger) {
  return async ({ sqlite, from, to }: BeforeMigrateInfo): Promise<void> => {
    const { allegatiDir, backupDir } = foldersOf(database);
    await createBackup({ sqlite, allegatiDir, backupDir, reason: 'pre-migrazione', appVersion: APP_VERSION, logger });
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
