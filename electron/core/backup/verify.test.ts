import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../../../db/connection';
import { migrations } from '../../../db/migrations/index';
import { rejection } from '../../common/testing/rejection';
import { fixedClock } from '../clock';
import { createBackup } from './create';
import type { BackupInfo } from './list';
import { verifyBackup } from './verify';
import { addDatore, corruptDatoriPage, fingerprint, useLiveData } from './testing';

const live = useLiveData(1500);
let backup: BackupInfo;
beforeEach(async () => {
  backup = await createBackup({
    sqlite: live.opened.sqlite,
    allegatiDir: live.allegatiDir,
    backupDir: live.backupDir,
    reason: 'manuale',
    clock: fixedClock('2026-03-10T09:00:00Z'),
  });
});

describe('verifyBackup', () => {
  it('accepts a backup folder of ours, and the database file inside it, without changing a byte', async () => {
    const before = fingerprint(backup.path);
    const verified = await verifyBackup(backup.path);
    expect(verified).toMatchObject({
      dbFile: backup.dbFile,
      schemaVersion: LATEST_SCHEMA_VERSION,
      sha256: backup.manifest?.database.sha256,
      allegatiDir: path.join(backup.path, 'allegati'),
    });
    const viaFile = await verifyBackup(backup.dbFile);
    expect(viaFile.manifest).toEqual(backup.manifest);
    expect(fingerprint(backup.path)).toEqual(before);
  });

  it('accepts a loose copy of a live (WAL) database without creating -wal/-shm beside it', async () => {
    const loose = path.join(live.root, 'copia', 'cassetto.sqlite');
    fs.mkdirSync(path.dirname(loose));
    live.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(live.dbPath, loose);
    const verified = await verifyBackup(loose);
    expect(verified.manifest).toBeNull();
    expect(verified.allegatiDir).toBeNull();
    expect(verified.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(fs.readdirSync(path.dirname(loose))).toEqual(['cassetto.sqlite']);
  });

  it('accepts an older schema (the restored database is migrated when opened)', async () => {
    const old = path.join(live.root, 'vecchio.sqlite');
    await (await openDatabase({ path: old, migrations: migrations.slice(0, 1) })).close();
    expect((await verifyBackup(old)).schemaVersion).toBe(1);
  });

  it('refuses a path that does not exist', async () => {
    const error = await rejection(verifyBackup(path.join(live.root, 'nessuno.sqlite')));
    expect(error.code).toBe('BACKUP_NON_TROVATO');
  });

  it('refuses a file that is not SQLite', async () => {
    const file = path.join(live.root, 'appunti.sqlite');
    fs.writeFileSync(file, 'Appunti del patronato: non è un database.\n'.repeat(50));
    const error = await rejection(verifyBackup(file));
    expect(error.code).toBe('BACKUP_NON_VALIDO');
    expect(error.message).toMatch(/non è un database SQLite.*Il database attuale non è stato modificato/);
  });

  it('refuses an empty file and an empty SQLite database', async () => {
    const empty = path.join(live.root, 'vuoto.sqlite');
    fs.writeFileSync(empty, '');
    expect((await rejection(verifyBackup(empty))).code).toBe('BACKUP_NON_VALIDO');
    const blank = path.join(live.root, 'bianco.sqlite');
    const raw = new BetterSqlite3(blank);
    raw.exec('CREATE TABLE t (x); DROP TABLE t'); // a header and no tables: nothing to restore
    raw.close();
    expect(fs.statSync(blank).size).toBeGreaterThan(0);
    expect((await rejection(verifyBackup(blank))).code).toBe('BACKUP_NON_VALIDO');
  });

  it('refuses another program’s SQLite database', async () => {
    const file = path.join(live.root, 'fatture.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE fatture (id INTEGER PRIMARY KEY, importo REAL)');
    raw.close();
    const error = await rejection(verifyBackup(file));
    expect(error.code).toBe('BACKUP_ALTRO_PROGRAMMA');
    expect(error.message).toMatch(/altro programma/);
    const marked = path.join(live.root, 'altra-app.sqlite');
    const other = new BetterSqlite3(marked);
    other.pragma('application_id = 1234');
    other.pragma('user_version = 1');
    other.exec('CREATE TABLE x (y)');
    other.close();
    expect((await rejection(verifyBackup(marked))).code).toBe('BACKUP_ALTRO_PROGRAMMA');
  });

  it('refuses a backup from a newer schema', async () => {
    const raw = new BetterSqlite3(backup.dbFile);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const error = await rejection(verifyBackup(backup.dbFile));
    expect(error.code).toBe('BACKUP_TROPPO_RECENTE');
    expect(error.message).toMatch(new RegExp(`schema ${LATEST_SCHEMA_VERSION + 1}, questa versione gestisce fino allo schema ${LATEST_SCHEMA_VERSION}`));
  });

  it('refuses a backup whose pages fail the integrity check', async () => {
    const copy = path.join(live.root, 'danneggiato.sqlite');
    fs.copyFileSync(backup.dbFile, copy);
    corruptDatoriPage(copy);
    const error = await rejection(verifyBackup(copy));
    expect(error.code).toBe('BACKUP_DANNEGGIATO');
    expect(error.message).toMatch(/danneggiato/);
    expect(error.details.length).toBeGreaterThan(1);
  });

  it('refuses a backup folder whose database no longer matches its manifest', async () => {
    // A sound database, but not the one that was backed up: only the checksum can tell.
    const raw = new BetterSqlite3(backup.dbFile);
    addDatore(raw, 9999);
    raw.close();
    const error = await rejection(verifyBackup(backup.path));
    expect(error.code).toBe('BACKUP_DANNEGGIATO');
    expect(error.details.at(-1)?.message).toBe('sha256 mismatch');
  });

  it('refuses a backup folder with attachments missing, or without a manifest', async () => {
    const sha = live.opened.sqlite.prepare('SELECT sha256 FROM allegati LIMIT 1').pluck().get() as string;
    fs.rmSync(path.join(backup.path, 'allegati', sha.slice(0, 2), sha));
    expect((await rejection(verifyBackup(backup.path))).details.at(-1)?.message).toBe('attachments missing');
    fs.rmSync(path.join(backup.path, 'manifest.json'));
    expect((await rejection(verifyBackup(backup.path))).code).toBe('BACKUP_NON_VALIDO');
  });
});
