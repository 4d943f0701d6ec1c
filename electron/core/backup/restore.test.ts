import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../../../db/connection';
import { rejection } from '../../common/testing/rejection';
import { fixedClock } from '../clock';
import { createBackup } from './create';
import type { BackupInfo } from './list';
import { restoreBackup, type RestoreIo } from './restore';
import { AttachmentFiles } from '../allegati/files';
import { addAllegato, addDatore, CHIAVE_ALLEGATI_DI_PROVA, corruptDatoriPage, count, fingerprint, pdf, useLiveData } from './testing';

const live = useLiveData(300);
let backup: BackupInfo;

const RESTORE_AT = fixedClock('2026-03-12T15:30:00Z');

beforeEach(async () => {
  backup = await createBackup({
    sqlite: live.opened.sqlite,
    allegatiDir: live.allegatiDir,
    backupDir: path.join(live.root, 'backup'),
    reason: 'pianificato',
    clock: fixedClock('2026-03-10T09:00:00Z'),
  });
});

/** The day after the backup: rows changed, added and an attachment more; then the app closes. */
async function workAfterBackup(): Promise<string> {
  const sqlite = live.opened.sqlite;
  sqlite.prepare("UPDATE argomenti SET termine_giorni = 90 WHERE codice = 'mav'").run();
  sqlite.prepare("DELETE FROM datori WHERE codice_fiscale = 'TSTDTR0000000000'").run();
  for (let i = 1000; i < 1010; i += 1) addDatore(sqlite, i);
  const added = addAllegato(live.opened, live.files, pdf('documento del giorno dopo'), '2026-03-11T09:00:00.000Z');
  await live.opened.close();
  return added;
}

/** Everything of the data folder except the backups (kept elsewhere in these tests). */
function dataFingerprint(): Record<string, string> {
  return fingerprint(live.dataDir);
}

describe('restoreBackup', () => {
  it('round trip: the rows and attachments of the backup come back, the later ones are kept aside', async () => {
    const addedSha = await workAfterBackup();
    const result = await restoreBackup({ dbPath: live.dbPath, backupPath: backup.path, clock: RESTORE_AT });

    expect(result.previousDir).toBe(path.join(live.dataDir, 'ripristino-precedente-2026-03-12T15-30-00Z'));
    expect(result.restored.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    // The data folder now holds exactly the backup's database and attachments.
    expect(fs.readFileSync(live.dbPath).equals(fs.readFileSync(backup.dbFile))).toBe(true);
    expect(fingerprint(live.allegatiDir)).toEqual(fingerprint(path.join(backup.path, 'allegati')));
    expect(fs.readdirSync(live.dataDir).filter((n) => n.startsWith('.'))).toEqual([]); // no staging left

    const reopened = await openDatabase({ path: live.dbPath });
    const q = (sql: string): unknown => reopened.sqlite.prepare(sql).pluck().get();
    expect(q("SELECT termine_giorni FROM argomenti WHERE codice = 'mav'")).toBe(30);
    expect(q('SELECT count(*) FROM datori')).toBe(300);
    expect(q("SELECT count(*) FROM datori WHERE codice_fiscale = 'TSTDTR0000000000'")).toBe(1);
    expect(q('SELECT count(*) FROM allegati')).toBe(2);
    // The attachments come back encrypted as they were, each checking out under the installation's key.
    const restored = new AttachmentFiles(live.allegatiDir, { chiave: CHIAVE_ALLEGATI_DI_PROVA });
    const shas = reopened.sqlite.prepare('SELECT sha256 FROM allegati').pluck().all() as string[];
    expect(shas.map((sha) => restored.stato(sha))).toEqual(['cifrato', 'cifrato']);
    await reopened.close();
    expect(fs.existsSync(path.join(live.allegatiDir, addedSha.slice(0, 2), addedSha))).toBe(false);

    // Nothing is lost: the replaced database, with the day's work, is in the aside folder.
    const previous = result.previousDir as string;
    expect(count(path.join(previous, 'cassetto.sqlite'), 'SELECT count(*) FROM datori')).toBe(309);
    expect(fs.existsSync(path.join(previous, 'allegati', addedSha.slice(0, 2), addedSha))).toBe(true);
  });

  it('moves a leftover -wal aside with its database, so it is never replayed into the restored one', async () => {
    await workAfterBackup();
    fs.writeFileSync(`${live.dbPath}-wal`, 'a crashed session’s log');
    fs.writeFileSync(`${live.dbPath}-shm`, 'shm');
    const result = await restoreBackup({ dbPath: live.dbPath, backupPath: backup.path, clock: RESTORE_AT });
    expect(fs.existsSync(`${live.dbPath}-wal`)).toBe(false);
    expect(fs.existsSync(`${live.dbPath}-shm`)).toBe(false);
    expect(fs.readdirSync(result.previousDir as string).sort()).toEqual(['allegati', 'cassetto.sqlite', 'cassetto.sqlite-shm', 'cassetto.sqlite-wal']);
  });

  it('restores into a data folder with no database (a new PC) and reports nothing set aside', async () => {
    const fresh = path.join(live.root, 'nuovo-pc', 'Cassetto Desk', 'cassetto.sqlite');
    const result = await restoreBackup({ dbPath: fresh, backupPath: backup.path, clock: RESTORE_AT });
    expect(result.previousDir).toBeNull();
    expect(fs.readdirSync(path.dirname(fresh)).sort()).toEqual(['allegati', 'cassetto.sqlite']);
  });

  it('a loose database file keeps the current attachments (the backup has none of its own)', async () => {
    await workAfterBackup();
    const before = fingerprint(live.allegatiDir);
    const loose = path.join(live.root, 'copia.sqlite');
    fs.copyFileSync(backup.dbFile, loose);
    const result = await restoreBackup({ dbPath: live.dbPath, backupPath: loose, clock: RESTORE_AT });
    expect(result.restored.manifest).toBeNull();
    expect(fingerprint(live.allegatiDir)).toEqual(before);
    expect(count(live.dbPath, 'SELECT count(*) FROM datori')).toBe(300);
  });

  describe('refuses a bad backup and leaves the current database byte for byte as it was', () => {
    const cases: [string, string, () => string][] = [
      ['not SQLite', 'BACKUP_NON_VALIDO', () => write('appunti.sqlite', Buffer.from('Non è un database.\n'.repeat(80)))],
      ['another program’s SQLite', 'BACKUP_ALTRO_PROGRAMMA', () => foreignDatabase()],
      [
        'a newer schema',
        'BACKUP_TROPPO_RECENTE',
        () => withDb(copyOfBackup('futuro.sqlite'), (db) => db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)),
      ],
      ['a damaged page', 'BACKUP_DANNEGGIATO', () => damagedCopy()],
      ['altered after the backup (checksum)', 'BACKUP_DANNEGGIATO', () => withDb(backup.dbFile, (db) => addDatore(db, 5000), backup.path)],
      ['missing', 'BACKUP_NON_TROVATO', () => path.join(live.root, 'non-esiste')],
    ];
    it.each(cases)('%s → %s', async (_name, code, make) => {
      await workAfterBackup();
      fs.writeFileSync(`${live.dbPath}-wal`, 'pending'); // companions must stay too
      const target = make();
      const before = dataFingerprint();
      const error = await rejection(restoreBackup({ dbPath: live.dbPath, backupPath: target, clock: RESTORE_AT }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/Il database attuale non è stato modificato/);
      expect(dataFingerprint()).toEqual(before);
      expect(fs.readdirSync(live.dataDir).some((n) => n.startsWith('ripristino-precedente'))).toBe(false);
    });
  });

  it('a failure at any rename is undone: the current files come back byte for byte', async () => {
    await workAfterBackup();
    fs.writeFileSync(`${live.dbPath}-wal`, 'pending');
    const before = dataFingerprint();
    // Renames: db, -wal, allegati aside; then the staged db and allegati in. Fail at each.
    for (let failAt = 1; failAt <= 5; failAt += 1) {
      let calls = 0;
      const io: RestoreIo = {
        rename: async (from, to) => {
          calls += 1;
          if (calls === failAt) throw Object.assign(new Error('disk unplugged'), { code: 'EIO' });
          await fs.promises.rename(from, to);
        },
        copyFile: (from, to) => fs.promises.copyFile(from, to),
      };
      const error = await rejection(restoreBackup({ dbPath: live.dbPath, backupPath: backup.path, clock: RESTORE_AT, io }));
      expect(error.code).toBe('RIPRISTINO_NON_RIUSCITO');
      expect(dataFingerprint()).toEqual(before);
      expect(fs.readdirSync(live.dataDir).filter((n) => n.startsWith('.') || n.startsWith('ripristino'))).toEqual([]);
    }
  });

  it('a full disk while copying the backup in changes nothing', async () => {
    await workAfterBackup();
    const before = dataFingerprint();
    const io: RestoreIo = {
      rename: (from, to) => fs.promises.rename(from, to),
      copyFile: async () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
    };
    const error = await rejection(restoreBackup({ dbPath: live.dbPath, backupPath: backup.path, clock: RESTORE_AT, io }));
    expect(error.code).toBe('RIPRISTINO_NON_RIUSCITO');
    expect(error.message).toMatch(/disco è pieno.*non è stato modificato/);
    expect(dataFingerprint()).toEqual(before);
  });
});

function write(name: string, bytes: Buffer): string {
  const file = path.join(live.root, name);
  fs.writeFileSync(file, bytes);
  return file;
}

function copyOfBackup(name: string): string {
  const file = path.join(live.root, name);
  fs.copyFileSync(backup.dbFile, file);
  return file;
}

function withDb(file: string, change: (db: BetterSqlite3.Database) => void, result = file): string {
  const db = new BetterSqlite3(file);
  change(db);
  db.close();
  return result;
}

function foreignDatabase(): string {
  return withDb(path.join(live.root, 'fatture.sqlite'), (db) => db.exec('CREATE TABLE fatture (id INTEGER PRIMARY KEY, importo REAL)'));
}

function damagedCopy(): string {
  const file = copyOfBackup('danneggiato.sqlite');
  corruptDatoriPage(file);
  return file;
}
