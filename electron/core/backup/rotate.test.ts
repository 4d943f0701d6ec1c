import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LogFields } from '../log';
import { createBackup } from './create';
import { findLatestGoodBackup, listBackups } from './list';
import type { BackupReason } from './names';
import { rotateBackups } from './rotate';
import { corruptDatoriPage, HOUR, TestClock, useLiveData } from './testing';

const live = useLiveData(300);
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock('2026-03-01T08:00:00Z');
});

async function backups(reason: BackupReason, n: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i += 1) {
    clock.advance(HOUR);
    names.push((await createBackup({ sqlite: live.opened.sqlite, allegatiDir: live.allegatiDir, backupDir: live.backupDir, reason, clock })).name);
  }
  return names;
}

describe('listBackups', () => {
  it('lists newest first, flags incomplete ones, ignores folders that are not backups', async () => {
    const [first, second, third] = await backups('pianificato', 3);
    fs.mkdirSync(path.join(live.backupDir, 'foto delle vacanze'));
    fs.mkdirSync(path.join(live.backupDir, '.tmp-2026-03-01T12-00-00Z-manuale-abcd'));
    fs.rmSync(path.join(live.backupDir, second as string, 'manifest.json'));
    fs.appendFileSync(path.join(live.backupDir, third as string, 'cassetto.sqlite'), 'tail');
    const list = await listBackups(live.backupDir);
    expect(list.map((b) => [b.name, b.complete, b.problem])).toEqual([
      [third, false, 'database size differs from the manifest'],
      [second, false, 'manifest missing or unreadable'],
      [first, true, null],
    ]);
    // Without a manifest, reason and time still come from the folder name.
    expect(list[1]).toMatchObject({ reason: 'pianificato', createdAt: '2026-03-01T10:00:00.000Z', manifest: null });
  });

  it('is empty when the folder does not exist yet', async () => {
    expect(await listBackups(path.join(live.root, 'mai-creata'))).toEqual([]);
  });
});

describe('rotateBackups', () => {
  it('keeps the 7 newest scheduled and the 3 newest pre-migration ones apart, and every manual one', async () => {
    const scheduled = await backups('pianificato', 9);
    const preMigration = await backups('pre-migrazione', 5);
    const manual = await backups('manuale', 4);
    const more = await backups('pianificato', 1); // newer than the pre-migration ones: they still keep their 3
    const removed = await rotateBackups(live.backupDir);
    expect(removed.sort()).toEqual([...scheduled.slice(0, 3), ...preMigration.slice(0, 2)].sort());
    const left = (await listBackups(live.backupDir)).map((b) => b.name);
    expect(left.sort()).toEqual([...scheduled.slice(3), ...more, ...preMigration.slice(2), ...manual].sort());
  });

  it('takes a custom policy and logs in English without paths', async () => {
    await backups('pianificato', 3);
    const logs: { message: string; fields?: LogFields }[] = [];
    const removed = await rotateBackups(live.backupDir, { pianificato: 1 }, { logger: { log: (_l, message, fields) => logs.push({ message, fields }) } });
    expect(removed).toHaveLength(2);
    expect(logs).toEqual([{ message: 'backups rotated', fields: { removed: 2, keptScheduled: 1, keptPreMigration: 0 } }]);
  });

  it('never deletes incomplete folders, nor counts them among the kept ones', async () => {
    const names = await backups('pianificato', 3);
    fs.rmSync(path.join(live.backupDir, names[2] as string, 'manifest.json')); // newest is broken
    const removed = await rotateBackups(live.backupDir, { pianificato: 1 });
    expect(removed).toEqual([names[0]]);
    expect(fs.existsSync(path.join(live.backupDir, names[2] as string))).toBe(true);
    expect(fs.existsSync(path.join(live.backupDir, names[1] as string))).toBe(true);
  });

  it('sweeps work folders left by a crash once they are an hour old, not fresh ones', async () => {
    fs.mkdirSync(live.backupDir, { recursive: true });
    const stale = path.join(live.backupDir, '.tmp-2026-03-01T08-00-00Z-pianificato-0001');
    const fresh = path.join(live.backupDir, '.tmp-2026-03-01T09-00-00Z-pianificato-0002');
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, 'cassetto.sqlite'), 'half');
    fs.mkdirSync(fresh);
    const old = new Date(Date.now() - 2 * HOUR);
    fs.utimesSync(stale, old, old);
    expect(await rotateBackups(live.backupDir)).toEqual([path.basename(stale)]);
    expect(fs.existsSync(fresh)).toBe(true);
  });
});

describe('findLatestGoodBackup', () => {
  it('skips backups that fail verification and returns the newest good one', async () => {
    const [older, newer, newest] = await backups('pianificato', 3);
    corruptDatoriPage(path.join(live.backupDir, newest as string, 'cassetto.sqlite')); // size unchanged: looks complete
    fs.rmSync(path.join(live.backupDir, newer as string, 'manifest.json'));
    const logs: LogFields[] = [];
    const good = await findLatestGoodBackup(live.backupDir, { logger: { log: (_l, _m, fields) => logs.push(fields ?? {}) } });
    expect(good?.backup.name).toBe(older);
    expect(good?.verified.sha256).toBe(good?.backup.manifest?.database.sha256);
    expect(logs.map((f) => f.name)).toEqual([newest, newer]);
  });

  it('returns null when there is none', async () => {
    expect(await findLatestGoodBackup(live.backupDir)).toBeNull();
  });
});
