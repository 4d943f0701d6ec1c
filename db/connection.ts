import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../electron/common/errors';
import { APPLICATION_ID } from './applicationId';
import { migrate, schemaVersion, type MigrationReport } from './migrate';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations/index';
import type { Database } from './schema';

const SQLITE_HEADER = 'SQLite format 3\u0000';


export interface OpenDatabaseOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** For tests of upgrades: the migration list to apply (defaults to all). */
  migrations?: readonly Migration[];
  /** Skip `PRAGMA integrity_check` (never in production start-up). */
  skipIntegrityCheck?: boolean;
}

export interface OpenedDatabase {
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  migration: MigrationReport;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the local database: refuses files that are not SQLite or were
 * written by a newer schema — before writing a single byte to them — then sets the pragmas,
 * checks integrity and applies pending migrations.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const list = options.migrations ?? migrations;
  const inMemory = options.path === ':memory:';
  if (!inMemory) inspectExistingFile(options.path, list.length);

  const sqlite = new BetterSqlite3(options.path);
  try {
    configure(sqlite);
    if (!options.skipIntegrityCheck && !inMemory) checkIntegrity(sqlite);
    const migration = migrate(sqlite, list);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      sqlite,
      db,
      migration,
      close: async () => {
        await db.destroy();
        // Kysely only closes the handle if it ever ran a query through it.
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function configure(sqlite: BetterSqlite3.Database): void {
  // WAL: readers never block the writer (UI queries during a sync page).
  sqlite.pragma('journal_mode = WAL');
  // FULL: a draft the operator saved must survive a power cut, not only a crash. Commits are
  // few (bulk sync writes a whole page per transaction), so one fsync each is cheap.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (CLI, backup) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
}

/** Read-only look at a file before opening it for writing. */
function inspectExistingFile(path: string, latest: number): void {
  let size: number;
  try {
    size = fs.statSync(path).size;
  } catch {
    return; // does not exist yet: it will be created
  }
  if (size === 0) return; // an empty file is a valid empty database
  const header = Buffer.alloc(16);
  const fd = fs.openSync(path, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new AppError(
      'DATABASE_NON_VALIDO',
      'Il file dei dati non è un database di Cassetto Desk. Non è stato modificato: scegli un altro file o ripristina un backup.',
      [{ path: '', message: path }],
    );
  }
  const probe = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    let version: number;
    let applicationId: number;
    let objects: number;
    try {
      version = schemaVersion(probe);
      applicationId = probe.pragma('application_id', { simple: true }) as number;
      // Our own bookkeeping table may exist before the first migration ran.
      objects = probe.prepare("SELECT count(*) FROM sqlite_master WHERE name <> 'schema_migrations'").pluck().get() as number;
    } catch (error) {
      // A SQLite header over damaged pages: SQLITE_NOTADB / SQLITE_CORRUPT on the first read.
      throw new AppError('DATABASE_DANNEGGIATO', 'Il database locale risulta danneggiato e non è stato modificato. Ripristina l’ultimo backup valido.', [
        { path: '', message: error instanceof Error ? error.message : String(error) },
      ]);
    }
    // Another program's SQLite file: never migrate our tables into it.
    if ((applicationId !== 0 && applicationId !== APPLICATION_ID) || (applicationId === 0 && version === 0 && objects > 0)) {
      throw new AppError(
        'DATABASE_NON_VALIDO',
        'Il file è un database SQLite di un altro programma, non di Cassetto Desk. Non è stato modificato: scegli un altro file.',
        [{ path: '', message: path }],
      );
    }
    if (version > latest) {
      throw new AppError(
        'DATABASE_TROPPO_RECENTE',
        `Il database è stato creato da una versione più recente di Cassetto Desk (schema ${version}, questa versione gestisce fino allo schema ${latest}). Aggiorna l’applicazione: il file non è stato modificato.`,
      );
    }
  } finally {
    probe.close();
  }
}

function checkIntegrity(sqlite: BetterSqlite3.Database): void {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
    throw new AppError(
      'DATABASE_DANNEGGIATO',
      'Il database locale risulta danneggiato. Ripristina l’ultimo backup valido da Impostazioni.',
      rows.slice(0, 5).map((r) => ({ path: '', message: r.integrity_check })),
    );
  }
}

export { LATEST_SCHEMA_VERSION };
