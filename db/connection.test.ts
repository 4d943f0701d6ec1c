import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../electron/common/errors';
import { rejection } from '../electron/common/testing/rejection';
import { openDatabase } from './connection';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-db-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function schemaOf(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS s FROM sqlite_master ORDER BY type, name").pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('openDatabase', () => {
  it('creates a new database in WAL mode with foreign keys on, at the latest schema', async () => {
    const file = path.join(dir, 'new.sqlite');
    const opened = await openDatabase({ path: file });
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(opened.migration).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, applied: migrations.map((m) => m.name) });
    await opened.close();
    // Re-opening applies nothing.
    const again = await openDatabase({ path: file });
    expect(again.migration.applied).toEqual([]);
    await again.close();
  });

  it('enforces foreign keys and the STRICT column types', async () => {
    const opened = await openDatabase({ path: ':memory:' });
    expect(() => opened.sqlite.prepare("INSERT INTO rapporti VALUES ('0123456789', 'RSSMRA80A01H501U', 'X', 'Y', 'colf', '2024-01-01', NULL)").run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => opened.sqlite.prepare("INSERT INTO argomenti VALUES ('mav', 'x', 'trenta')").run()).toThrow();
    await opened.close();
  });

  it.each(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, k) => k))('upgrades a database at schema %i to exactly the schema of a fresh one', async (k) => {
    const fresh = path.join(dir, 'fresh.sqlite');
    await (await openDatabase({ path: fresh })).close();
    const old = path.join(dir, `v${k}.sqlite`);
    await (await openDatabase({ path: old, migrations: migrations.slice(0, k) })).close();
    const upgraded = await openDatabase({ path: old });
    expect(upgraded.migration.from).toBe(k);
    expect(upgraded.migration.to).toBe(LATEST_SCHEMA_VERSION);
    await upgraded.close();
    expect(schemaOf(old)).toEqual(schemaOf(fresh));
  });

  it('refuses a file that is not SQLite and leaves it byte for byte untouched', async () => {
    const file = path.join(dir, 'notes.sqlite');
    const content = Buffer.from('Appunti del patronato: non è un database.\n'.repeat(100));
    fs.writeFileSync(file, content);
    const error = await rejection(openDatabase({ path: file }));
    expect(error.code).toBe('DATABASE_NON_VALIDO');
    expect(error.message).toMatch(/non è un database/);
    expect(fs.readFileSync(file).equals(content)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  describe('encrypted (#12)', () => {
    const chiave = Buffer.alloc(32, 1);
    const altra = Buffer.alloc(32, 2);

    it('writes no plain page: no SQLite header, no readable text; the same key opens it again', async () => {
      const file = path.join(dir, 'cifrato.sqlite');
      const opened = await openDatabase({ path: file, chiave });
      opened.sqlite.prepare("INSERT INTO sync_state (stream, cursore, aggiornato_il) VALUES ('prova', 'RSSMRA80A01H501U', 'x')").run();
      await opened.close();
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes('RSSMRA80A01H501U')).toBe(false);
      expect(bytes.includes('CREATE TABLE')).toBe(false);
      const again = await openDatabase({ path: file, chiave });
      expect(again.sqlite.prepare("SELECT cursore FROM sync_state WHERE stream = 'prova'").pluck().get()).toBe('RSSMRA80A01H501U');
      await again.close();
    });

    it('refuses a database of another installation (another key), and without a key, leaving it byte for byte untouched', async () => {
      const file = path.join(dir, 'altrove.sqlite');
      await (await openDatabase({ path: file, chiave: altra })).close();
      const content = fs.readFileSync(file);
      const error = await rejection(openDatabase({ path: file, chiave }));
      expect(error).toMatchObject({
        code: 'DATABASE_CHIAVE_ERRATA',
        message: expect.stringMatching(/un altro PC o da un’altra installazione.*Non è stato modificato/),
      });
      expect((await rejection(openDatabase({ path: file }))).code).toBe('DATABASE_NON_VALIDO');
      expect(fs.readFileSync(file).equals(content)).toBe(true);
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
    });

    it('never writes encrypted pages into a plain database: it must be encrypted first', async () => {
      const file = path.join(dir, 'chiaro.sqlite');
      await (await openDatabase({ path: file })).close();
      const content = fs.readFileSync(file);
      expect((await rejection(openDatabase({ path: file, chiave }))).code).toBe('DATABASE_IN_CHIARO');
      expect(fs.readFileSync(file).equals(content)).toBe(true);
    });
  });

  it('refuses a database written by a newer schema without changing it', async () => {
    const file = path.join(dir, 'future.sqlite');
    await (await openDatabase({ path: file })).close();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = fs.readFileSync(file);
    const error = await rejection(openDatabase({ path: file }));
    expect(error.code).toBe('DATABASE_TROPPO_RECENTE');
    expect(error.message).toMatch(/versione più recente/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses another program’s SQLite database and leaves it untouched', async () => {
    const file = path.join(dir, 'other.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE fatture (id INTEGER PRIMARY KEY, importo REAL)');
    raw.close();
    const before = fs.readFileSync(file);
    const error = await rejection(openDatabase({ path: file }));
    expect(error.code).toBe('DATABASE_NON_VALIDO');
    expect(error.message).toMatch(/altro programma/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged database (valid header, corrupt pages) without touching it', async () => {
    const file = path.join(dir, 'damaged.sqlite');
    await (await openDatabase({ path: file })).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 100, Math.min(bytes.length, 4096)); // page 1 after the 100-byte header: the schema
    fs.writeFileSync(file, bytes);
    const error = await rejection(openDatabase({ path: file }));
    expect(['DATABASE_DANNEGGIATO', 'DATABASE_NON_VALIDO']).toContain(error.code);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('marks its databases with the application id', async () => {
    const opened = await openDatabase({ path: ':memory:' });
    expect(opened.sqlite.pragma('application_id', { simple: true })).toBe(0x43415344);
    await opened.close();
  });

  it('a failing migration leaves the database at the previous version', async () => {
    const file = path.join(dir, 'broken.sqlite');
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: '9999_broken',
        up(db: BetterSqlite3.Database) {
          db.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    await expect(openDatabase({ path: file, migrations: broken })).rejects.toThrow('boom');
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    raw.close();
  });

  describe('beforeMigrate', () => {
    it('is awaited before the pending migrations of an existing database, with the connection at the old schema', async () => {
      const file = path.join(dir, 'v1.sqlite');
      await (await openDatabase({ path: file, migrations: migrations.slice(0, 1) })).close();
      const seen: { from: number; to: number; version: unknown }[] = [];
      const opened = await openDatabase({
        path: file,
        beforeMigrate: async ({ sqlite, from, to }) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.push({ from, to, version: sqlite.pragma('user_version', { simple: true }) });
        },
      });
      expect(seen).toEqual([{ from: 1, to: LATEST_SCHEMA_VERSION, version: 1 }]);
      expect(opened.migration.to).toBe(LATEST_SCHEMA_VERSION);
      await opened.close();
    });

    it('is not called for a new database, an empty file, or one already up to date', async () => {
      const calls: number[] = [];
      const hook = ({ from }: { from: number }): void => {
        calls.push(from);
      };
      const file = path.join(dir, 'new.sqlite');
      await (await openDatabase({ path: file, beforeMigrate: hook })).close();
      await (await openDatabase({ path: file, beforeMigrate: hook })).close();
      const empty = path.join(dir, 'empty.sqlite');
      fs.writeFileSync(empty, '');
      await (await openDatabase({ path: empty, beforeMigrate: hook })).close();
      await (await openDatabase({ path: ':memory:', beforeMigrate: hook })).close();
      expect(calls).toEqual([]);
    });

    it('when it fails, nothing is migrated and the error reaches the caller', async () => {
      const file = path.join(dir, 'v1.sqlite');
      await (await openDatabase({ path: file, migrations: migrations.slice(0, 1) })).close();
      await expect(
        openDatabase({
          path: file,
          beforeMigrate: () => {
            throw new AppError('BACKUP_NON_RIUSCITO', 'disco pieno');
          },
        }),
      ).rejects.toThrow('disco pieno');
      const raw = new BetterSqlite3(file, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(1);
      raw.close();
    });
  });
});
