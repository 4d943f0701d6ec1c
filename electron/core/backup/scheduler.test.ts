import { beforeEach, describe, expect, it } from 'vitest';
import type { LogFields, LogLevel } from '../log';
import { createBackup } from './create';
import { listBackups } from './list';
import { BackupScheduler, type SchedulerTimers } from './scheduler';
import { DAY, HOUR, TestClock, useLiveData } from './testing';

/** Timers driven by the test: at most one pending (the scheduler chains them). */
class FakeTimers implements SchedulerTimers {
  pending: { callback: () => void; ms: number } | null = null;
  delays: number[] = [];
  setTimeout(callback: () => void, ms: number): unknown {
    this.pending = { callback, ms };
    this.delays.push(ms);
    return this.pending;
  }
  clearTimeout(handle: unknown): void {
    if (handle === this.pending) this.pending = null;
  }
  fire(): void {
    const due = this.pending;
    if (!due) throw new Error('nothing scheduled');
    this.pending = null;
    due.callback();
  }
}

const live = useLiveData(20);
let clock: TestClock;
let timers: FakeTimers;
let logs: { level: LogLevel; message: string; fields?: LogFields }[];
beforeEach(() => {
  clock = new TestClock('2026-03-10T07:00:00Z');
  timers = new FakeTimers();
  logs = [];
});

function scheduler(overrides: Partial<ConstructorParameters<typeof BackupScheduler>[0]> = {}): BackupScheduler {
  return new BackupScheduler({
    sqlite: live.opened.sqlite,
    allegatiDir: live.allegatiDir,
    backupDir: live.backupDir,
    clock,
    timers,
    logger: { log: (level, message, fields) => logs.push({ level, message, fields }) },
    startDelayMs: 120_000,
    ...overrides,
  });
}

/** Lets the backup started by a fired timer finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 400 && timers.pending === null; i += 1) await new Promise((r) => setTimeout(r, 5));
}

describe('BackupScheduler', () => {
  it('with no backup yet, runs shortly after start, then once per interval, rotating', async () => {
    const s = scheduler({ rotation: { pianificato: 2 } });
    await s.start();
    expect(timers.delays).toEqual([120_000]);
    for (let day = 0; day < 3; day += 1) {
      timers.fire();
      await settle();
      clock.advance(DAY);
    }
    expect(timers.delays).toEqual([120_000, DAY, DAY, DAY]);
    const list = await listBackups(live.backupDir);
    expect(list.map((b) => b.name)).toEqual(['2026-03-12T07-00-00Z-pianificato', '2026-03-11T07-00-00Z-pianificato']);
    expect(logs.filter((l) => l.message === 'backup created')).toHaveLength(3);
    expect(logs.filter((l) => l.message === 'backups rotated')).toHaveLength(1);
    await s.stop();
    expect(timers.pending).toBeNull();
  });

  it('after a restart, waits for the rest of the interval since the last scheduled backup', async () => {
    await createBackup({ sqlite: live.opened.sqlite, allegatiDir: null, backupDir: live.backupDir, reason: 'pianificato', clock });
    clock.advance(5 * HOUR);
    await scheduler().start();
    expect(timers.delays).toEqual([19 * HOUR]);
  });

  it('manual and pre-migration backups do not count as the scheduled one', async () => {
    await createBackup({ sqlite: live.opened.sqlite, allegatiDir: null, backupDir: live.backupDir, reason: 'manuale', clock });
    await scheduler().start();
    expect(timers.delays).toEqual([120_000]);
  });

  it('a failed backup is logged, deletes nothing, and is tried again at the next interval', async () => {
    const s = scheduler({ rotation: { pianificato: 1 } });
    await createBackup({ sqlite: live.opened.sqlite, allegatiDir: null, backupDir: live.backupDir, reason: 'pianificato', clock });
    clock.advance(2 * DAY);
    await s.start();
    await live.opened.close(); // the next copy fails
    timers.fire();
    await settle();
    expect(logs.map((l) => [l.level, l.message])).toEqual([
      ['error', 'backup failed'],
      ['warn', 'scheduled backup skipped'],
    ]);
    expect(logs[1]?.fields).toEqual({ code: 'BACKUP_NON_RIUSCITO' });
    expect((await listBackups(live.backupDir)).filter((b) => b.complete)).toHaveLength(1);
    expect(timers.pending?.ms).toBe(DAY);
    await s.stop();
  });

  it('runNow shares a run in course instead of starting a second one', async () => {
    const s = scheduler();
    const [a, b] = await Promise.all([s.runNow(), s.runNow()]);
    expect(a).toBe(b);
    expect(await listBackups(live.backupDir)).toHaveLength(1);
  });

  it('stop before the first run leaves nothing scheduled', async () => {
    const s = scheduler();
    await s.start();
    await s.stop();
    expect(timers.pending).toBeNull();
  });
});
