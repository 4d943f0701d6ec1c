// Backups and restore of the local database and its attachment store (issue 6).
export { createBackup, type CreateBackupOptions } from './create';
export { BACKUP_ERROR_CODES, type BackupErrorCode } from './errors';
export { findLatestGoodBackup, listBackups, type BackupInfo, type GoodBackup } from './list';
export type { BackupManifest } from './manifest';
export { BACKUP_DIR_NAME, BACKUP_REASONS, PREVIOUS_PREFIX, type BackupReason } from './names';
export { restoreBackup, type RestoreBackupOptions, type RestoreIo, type RestoreResult } from './restore';
export { DEFAULT_ROTATION, rotateBackups, type RotationPolicy } from './rotate';
export { BackupScheduler, DEFAULT_BACKUP_INTERVAL_MS, DEFAULT_START_DELAY_MS, type BackupSchedulerOptions, type SchedulerTimers } from './scheduler';
export { verifyBackup, type VerifiedBackup } from './verify';
