import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../common/errors';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../log';
import { createBackup } from './create';
import { systemCode } from './errors';
import { listBackups, type BackupInfo } from './list';
import { rotateBackups, type RotationPolicy } from './rotate';

/** The timer functions the scheduler uses; tests pass fakes driven by hand. */
export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: SchedulerTimers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    // A pending backup must never keep the process (CLI, tests, a closing app) alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface BackupSchedulerOptions {
  sqlite: BetterSqlite3.Database;
  /** The database key (the copy is checked through it). */
  chiave?: Buffer | undefined;
  allegatiDir: string | null;
  backupDir: string;
  /** Between scheduled backups (default 24 h). */
  intervalMs?: number;
  /** When a backup is due at start, wait this long first, so start-up stays fast (default 2 min). */
  startDelayMs?: number;
  rotation?: RotationPolicy;
  appVersion?: string | null;
  clock?: Clock;
  logger?: Logger;
  timers?: SchedulerTimers;
}

export const DEFAULT_BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_START_DELAY_MS = 2 * 60 * 1000;

/**
 * Scheduled backups: one when the newest scheduled backup is older than the interval (also
 * across restarts: the app is usually closed at night), then one per interval while it runs.
 * Rotation runs only after a successful backup, so a failing one never deletes good ones.
 */
export class BackupScheduler {
  private readonly options: BackupSchedulerOptions;
  private readonly timers: SchedulerTimers;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private timer: unknown = null;
  private running: Promise<BackupInfo> | null = null;
  private stopped = true;

  constructor(options: BackupSchedulerOptions) {
    this.options = options;
    this.timers = options.timers ?? nodeTimers;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  get intervalMs(): number {
    return this.options.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  }

  /** Plans the first run from the newest scheduled backup on disk. */
  async start(): Promise<void> {
    this.stopped = false;
    const newest = (await listBackups(this.options.backupDir)).find((b) => b.complete && b.reason === 'pianificato');
    const age = newest?.createdAt ? this.clock.now().getTime() - Date.parse(newest.createdAt) : Number.POSITIVE_INFINITY;
    const startDelay = this.options.startDelayMs ?? DEFAULT_START_DELAY_MS;
    this.plan(Math.max(startDelay, this.intervalMs - age));
  }

  /** Cancels the next run and waits for one in course. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** A scheduled backup now, then rotation; rejects with the backup's AppError. One at a time. */
  runNow(): Promise<BackupInfo> {
    this.running ??= this.backupAndRotate().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async backupAndRotate(): Promise<BackupInfo> {
    const { sqlite, chiave, allegatiDir, backupDir } = this.options;
    const info = await createBackup({
      sqlite,
      chiave,
      allegatiDir,
      backupDir,
      reason: 'pianificato',
      clock: this.clock,
      appVersion: this.options.appVersion ?? null,
      logger: this.logger,
    });
    await rotateBackups(backupDir, this.options.rotation, { logger: this.logger });
    return info;
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.runNow()
        .catch((error: unknown) => {
          // createBackup has logged it; the next attempt comes at the next interval.
          this.logger.log('warn', 'scheduled backup skipped', { code: error instanceof AppError ? error.code : systemCode(error) });
        })
        .finally(() => this.plan(this.intervalMs));
    }, delayMs);
  }
}
