import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../../../db/connection';
import { migrations } from '../../../db/migrations/index';
import { rejection } from '../../common/testing/rejection';
import { fixedClock } from '../clock';
import type { LogFields, LogLevel } from '../log';
import { createBackup } from './create';
import { sha256File } from './files';
import { AttachmentFiles } from '../allegati/files';
import { addDatore, CHIAVE_ALLEGATI_DI_PROVA, corruptDatoriPage, count, useLiveData } from './testing';

const live = useLiveData();

const AT = '2026-03-10T09:00:00.000Z';

describe('createBackup', () => {
  it('copies the open database and the attachments into <stamp>-<reason> with a manifest', async () => {
    const info = await createBackup({
      sqlite: live.opened.sqlite,
      allegatiDir: live.allegatiDir,
      backupDir: live.backupDir,
      reason: 'pianificato',
      clock: fixedClock(AT),
      appVersion: '0.1.0',
    });
    expect(info.name).toBe('2026-03-10T09-00-00Z-pianificato');
    expect(info.complete).toBe(true);
    expect(fs.readdirSync(info.path).sort()).toEqual(['allegati', 'cassetto.sqlite', 'manifest.json']);
    // A single file: no -wal/-shm, so it can be hashed, moved and checked read-only as it is.
    expect(fs.readdirSync(info.path).some((f) => f.endsWith('-wal') || f.endsWith('-shm'))).toBe(false);
    const manifest = JSON.parse(fs.readFileSync(path.join(info.path, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 1,
      application: 'Cassetto Desk',
      reason: 'pianificato',
      createdAt: AT,
      appVersion: '0.1.0',
      schemaVersion: LATEST_SCHEMA_VERSION,
      database: { file: 'cassetto.sqlite', bytes: fs.statSync(info.dbFile).size, sha256: await sha256File(info.dbFile) },
      allegati: { files: 2 },
    });
    expect(info.manifest).toEqual(manifest);
    expect(count(info.dbFile, 'SELECT count(*) FROM datori')).toBe(50);
    expect(count(info.dbFile, 'SELECT count(*) FROM allegati')).toBe(2);
    // The same content-addressed layout, byte for byte (encrypted as they are), and readable with the same key.
    const copie = new AttachmentFiles(path.join(info.path, 'allegati'), { chiave: CHIAVE_ALLEGATI_DI_PROVA });
    for (const sha of live.opened.sqlite.prepare('SELECT sha256 FROM allegati').pluck().all() as string[]) {
      const copy = path.join(info.path, 'allegati', sha.slice(0, 2), sha);
      expect(fs.readFileSync(copy).equals(fs.readFileSync(live.files.pathOf(sha)))).toBe(true);
      expect(copie.read(sha).equals(live.files.read(sha))).toBe(true);
    }
    // Nothing of the live database changed mode or lost its rows.
    expect(live.opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('takes a consistent snapshot while the app keeps writing', async () => {
    const pending = createBackup({ sqlite: live.opened.sqlite, allegatiDir: null, backupDir: live.backupDir, reason: 'manuale', clock: fixedClock(AT) });
    // The backup runs in steps on the event loop; writes between steps are folded in or not, never torn.
    addDatore(live.opened.sqlite, 1000);
    const info = await pending;
    const rows = count(info.dbFile, 'SELECT count(*) FROM datori');
    expect([50, 51]).toContain(rows);
    const check = new BetterSqlite3(info.dbFile, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('hard-links attachments when it can, and copies them when told not to', async () => {
    const linked = await createBackup({
      sqlite: live.opened.sqlite,
      allegatiDir: live.allegatiDir,
      backupDir: live.backupDir,
      reason: 'manuale',
      clock: fixedClock(AT),
    });
    const copied = await createBackup({
      sqlite: live.opened.sqlite,
      allegatiDir: live.allegatiDir,
      backupDir: live.backupDir,
      reason: 'manuale',
      clock: fixedClock(AT),
      linkAttachments: false,
    });
    const sha = live.opened.sqlite.prepare('SELECT sha256 FROM allegati LIMIT 1').pluck().get() as string;
    const rel = path.join('allegati', sha.slice(0, 2), sha);
    expect(fs.statSync(path.join(linked.path, rel)).ino).toBe(fs.statSync(live.files.pathOf(sha)).ino);
    expect(fs.statSync(path.join(copied.path, rel)).ino).not.toBe(fs.statSync(live.files.pathOf(sha)).ino);
  });

  it('skips half-written uploads (.tmp) of the attachment store', async () => {
    const shard = path.join(live.allegatiDir, 'ab');
    fs.mkdirSync(shard, { recursive: true });
    fs.writeFileSync(path.join(shard, `ab${'0'.repeat(62)}.123.deadbeef.tmp`), 'half');
    const info = await createBackup({
      sqlite: live.opened.sqlite,
      allegatiDir: live.allegatiDir,
      backupDir: live.backupDir,
      reason: 'manuale',
      clock: fixedClock(AT),
    });
    expect(info.manifest?.allegati.files).toBe(2);
    expect(fs.existsSync(path.join(info.path, 'allegati', 'ab'))).toBe(true);
    expect(fs.readdirSync(path.join(info.path, 'allegati', 'ab'))).toEqual([]);
  });

  it('backs up a closed database file from its path', async () => {
    await live.opened.close();
    const info = await createBackup({
      dbPath: live.dbPath,
      allegatiDir: live.allegatiDir,
      backupDir: live.backupDir,
      reason: 'pre-migrazione',
      clock: fixedClock(AT),
    });
    expect(info.name).toBe('2026-03-10T09-00-00Z-pre-migrazione');
    expect(count(info.dbFile, 'SELECT count(*) FROM datori')).toBe(50);
  });

  it('gives two backups in the same second distinct folders', async () => {
    const options = { sqlite: live.opened.sqlite, allegatiDir: null, backupDir: live.backupDir, reason: 'manuale' as const, clock: fixedClock(AT) };
    const a = await createBackup(options);
    const b = await createBackup(options);
    expect([a.name, b.name]).toEqual(['2026-03-10T09-00-00Z-manuale', '2026-03-10T09-00-00Z-manuale-2']);
  });

  it('leaves no folder behind when the copy fails, and says why in Italian', async () => {
    const closed = new BetterSqlite3(':memory:');
    closed.close();
    const logs: { level: LogLevel; message: string; fields?: LogFields }[] = [];
    const error = await rejection(
      createBackup({
        sqlite: closed,
        allegatiDir: live.allegatiDir,
        backupDir: live.backupDir,
        reason: 'pianificato',
        logger: { log: (level, message, fields) => logs.push({ level, message, fields }) },
      }),
    );
    expect(error.code).toBe('BACKUP_NON_RIUSCITO');
    expect(error.message).toMatch(/backup non è riuscito/);
    expect(fs.readdirSync(live.backupDir)).toEqual([]);
    expect(logs).toEqual([{ level: 'error', message: 'backup failed', fields: { reason: 'pianificato', code: 'TypeError' } }]);
  });

  it('says the source is missing when the database file does not exist', async () => {
    const error = await rejection(createBackup({ dbPath: path.join(live.root, 'nessuno.sqlite'), backupDir: live.backupDir, reason: 'manuale' }));
    expect(error.code).toBe('BACKUP_NON_RIUSCITO');
    expect(error.message).toMatch(/database da copiare non esiste/);
    expect(fs.readdirSync(live.backupDir)).toEqual([]);
  });

  it('a backup folder that cannot be created is a clear refusal', async () => {
    const blocker = path.join(live.root, 'file');
    fs.writeFileSync(blocker, '');
    const error = await rejection(createBackup({ sqlite: live.opened.sqlite, backupDir: path.join(blocker, 'backup'), reason: 'manuale' }));
    expect(error.code).toBe('BACKUP_NON_RIUSCITO');
  });

  it('refuses to back up a damaged database and leaves no backup', async () => {
    await live.opened.close();
    const big = new BetterSqlite3(live.dbPath);
    big.transaction(() => {
      for (let i = 100; i < 2000; i += 1) addDatore(big, i);
    })();
    big.close();
    corruptDatoriPage(live.dbPath);
    const error = await rejection(
      createBackup({ dbPath: live.dbPath, allegatiDir: null, backupDir: live.backupDir, reason: 'pianificato', clock: fixedClock(AT) }),
    );
    expect(error.code).toBe('DATABASE_DANNEGGIATO');
    expect(error.message).toMatch(/quelli esistenti sono stati conservati/);
    expect(fs.readdirSync(live.backupDir)).toEqual([]);
  });

  it('as openDatabase’s beforeMigrate hook, keeps a copy at the schema before the upgrade', async () => {
    const old = path.join(live.root, 'v1', 'cassetto.sqlite');
    fs.mkdirSync(path.dirname(old));
    await (await openDatabase({ path: old, migrations: migrations.slice(0, 1) })).close();
    const backupDir = path.join(live.root, 'v1', 'backup');
    const upgraded = await openDatabase({
      path: old,
      beforeMigrate: async ({ sqlite }) => {
        await createBackup({ sqlite, allegatiDir: null, backupDir, reason: 'pre-migrazione', clock: fixedClock(AT) });
      },
    });
    expect(upgraded.migration).toMatchObject({ from: 1, to: LATEST_SCHEMA_VERSION });
    await upgraded.close();
    const [name] = fs.readdirSync(backupDir);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, name as string, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ reason: 'pre-migrazione', schemaVersion: 1 });
  });
});
