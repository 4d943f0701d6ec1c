import { AppError, type ErrorDetail } from '../../common/errors';

// Stable codes for backups and restore. They travel as AppError codes (ErrorCode accepts any
// string); the renderer maps them like the DATABASE_* ones.
export const BACKUP_ERROR_CODES = [
  'BACKUP_NON_TROVATO',
  'BACKUP_NON_VALIDO',
  'BACKUP_ALTRO_PROGRAMMA',
  'BACKUP_TROPPO_RECENTE',
  'BACKUP_DANNEGGIATO',
  'BACKUP_CHIAVE_ERRATA',
  'BACKUP_NON_RIUSCITO',
  'RIPRISTINO_NON_RIUSCITO',
] as const;

export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

export function backupError(code: BackupErrorCode, message: string, details: ErrorDetail[] = []): AppError {
  return new AppError(code, message, details);
}

/** The system's error code (ENOSPC, EACCES …) of a thrown fs error, for English logs and details. */
export function systemCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return error instanceof Error ? error.name : 'unknown';
}
