import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../electron/common/errors';
import { APPLICATION_ID } from './applicationId';
import { adattaCache } from './cacheAdatta';
import { applicaChiave, inChiaro } from './cifratura';
import { ricreaIndici } from './indiciRinviati';
import { migrate, schemaVersion, type MigrationReport } from './migrate';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations/index';
import type { Database } from './schema';

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /**
   * The database key (32 bytes): the file is SQLCipher-encrypted with it (db/cifratura.ts). Absent:
   * a plain database (in-memory cores, the sandbox, the bench's plain baseline). A plain file opened
   * with a key is refused: the workspace encrypts it first (db/cifraDatabase.ts).
   */
  chiave?: Buffer;
  /** For tests of upgrades: the migration list to apply (defaults to all). */
  migrations?: readonly Migration[];
  /** Skip `PRAGMA integrity_check` (never in production start-up). */
  skipIntegrityCheck?: boolean;
  /**
   * Called after the checks and before the first pending migration of an existing database
   * (from > 0), e.g. to take a pre-migration backup. Awaited; if it throws, nothing is
   * migrated and openDatabase rejects with that error: no upgrade without its safety copy.
   */
  beforeMigrate?: (info: BeforeMigrateInfo) => void | Promise<void>;
}

export interface BeforeMigrateInfo {
  /** The open connection (pragmas set, integrity checked), still at schema `from`. */
  sqlite: BetterSqlite3.Database;
  from: number;
  to: number;
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
  if (!inMemory) inspectExistingFile(options.path, list.length, options.chiave);

  const sqlite = new BetterSqlite3(options.path);
  try {
    if (options.chiave) applicaChiave(sqlite, options.chiave);
    configure(sqlite);
    if (!options.skipIntegrityCheck && !inMemory) checkIntegrity(sqlite);
    // A first full sync cut short by a crash left its read-only indexes unbuilt: built before
    // anything reads, or migrates, the file.
    ricreaIndici(sqlite);
    const from = schemaVersion(sqlite);
    // A new or empty database has nothing worth a copy; an up-to-date one is not migrated.
    if (options.beforeMigrate && from > 0 && from < list.length) {
      await options.beforeMigrate({ sqlite, from, to: list.length });
    }
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
    // Damage the read-only look did not reach (a page touched only when writing) still gets the operator's words.
    if (error instanceof BetterSqlite3.SqliteError && (error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB')) {
      throw new AppError('DATABASE_DANNEGGIATO', 'Il database locale risulta danneggiato. Ripristina l’ultimo backup valido da Impostazioni.', [
        { path: '', message: error.message },
      ]);
    }
    throw error;
  }
}

/** How long a connection waits for a lock another holds (the CLI, a backup, a VACUUM) before it fails. */
export const ATTESA_BLOCCO_MS = 5000;

function configure(sqlite: BetterSqlite3.Database): void {
  // WAL: readers never block the writer (UI queries during a sync page).
  sqlite.pragma('journal_mode = WAL');
  // FULL: a draft the operator saved must survive a power cut, not only a crash. Commits are
  // few (bulk sync writes a whole page per transaction), so one fsync each is cheap.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${ATTESA_BLOCCO_MS}`);
  adattaCache(sqlite);
}

/** What a read-only look at a file found; shared by start-up and the backup checks. */
export type DatabaseFileCheck =
  | { kind: 'missing' }
  /** A zero-byte file: SQLite treats it as an empty database. */
  | { kind: 'empty' }
  | { kind: 'not-sqlite' }
  | { kind: 'damaged'; problems: string[] }
  | { kind: 'other-app'; applicationId: number }
  | { kind: 'too-new'; version: number; latest: number }
  /** Not plain SQLite, and the key given does not open it: another installation's database (or not a database). */
  | { kind: 'wrong-key' }
  /** Ours (or blank: no schema yet, no foreign tables), at a schema this build can open; `cifrato`: opened with the key. */
  | { kind: 'ok'; version: number; applicationId: number; cifrato: boolean };

export interface ExamineOptions {
  /** Also run `PRAGMA integrity_check` on the read-only probe (a full read of the file). */
  integrity?: boolean;
  /** The key to try on a file that is not plain SQLite. */
  chiave?: Buffer | undefined;
}

/**
 * Looks at a file without writing to it: header, application id, schema version and, on
 * request, page integrity. The caller decides the wording, so start-up and backups share
 * one set of checks with messages fit for each.
 */
export function examineDatabaseFile(path: string, latest: number, options: ExamineOptions = {}): DatabaseFileCheck {
  let size: number;
  try {
    size = fs.statSync(path).size;
  } catch {
    return { kind: 'missing' };
  }
  if (size === 0) return { kind: 'empty' };
  const cifrato = !inChiaro(path);
  if (cifrato && !options.chiave) return { kind: 'not-sqlite' };
  let probe: BetterSqlite3.Database;
  try {
    probe = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    if (cifrato && options.chiave) applicaChiave(probe, options.chiave);
  } catch (error) {
    return { kind: 'damaged', problems: [messageOf(error)] };
  }
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
      // With a key, the first page does not decrypt: another key (or not a database at all).
      if (cifrato) return { kind: 'wrong-key' };
      // A SQLite header over damaged pages: SQLITE_NOTADB / SQLITE_CORRUPT on the first read.
      return { kind: 'damaged', problems: [messageOf(error)] };
    }
    // Another program's SQLite file: never migrate our tables into it.
    if ((applicationId !== 0 && applicationId !== APPLICATION_ID) || (applicationId === 0 && version === 0 && objects > 0)) {
      return { kind: 'other-app', applicationId };
    }
    if (version > latest) return { kind: 'too-new', version, latest };
    if (options.integrity) {
      let problems: string[];
      try {
        problems = integrityProblems(probe);
      } catch (error) {
        problems = [messageOf(error)];
      }
      if (problems.length > 0) return { kind: 'damaged', problems };
    }
    return { kind: 'ok', version, applicationId, cifrato };
  } finally {
    probe.close();
  }
}

/** The rows of `PRAGMA integrity_check` that are not 'ok' (at most five); [] for a sound file. */
export function integrityProblems(sqlite: BetterSqlite3.Database): string[] {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  if (rows.length === 1 && rows[0]?.integrity_check === 'ok') return [];
  return rows.slice(0, 5).map((r) => r.integrity_check);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The operator's words for a database this installation's key does not open. */
export function chiaveErrata(path: string): AppError {
  return new AppError(
    'DATABASE_CHIAVE_ERRATA',
    'Il database non si apre con la chiave di questa installazione: viene da un altro PC o da un’altra installazione di Cassetto Desk, oppure è danneggiato. Non è stato modificato: ripristina un backup fatto da questa installazione.',
    [{ path: '', message: path }],
  );
}

/** Read-only look at a file before opening it for writing. */
function inspectExistingFile(path: string, latest: number, chiave: Buffer | undefined): void {
  const found = examineDatabaseFile(path, latest, { chiave });
  switch (found.kind) {
    case 'missing': // does not exist yet: it will be created
    case 'empty': // an empty file is a valid empty database
      return;
    case 'ok':
      // Never write plain pages into a file meant to be encrypted (or the reverse): the workspace encrypts a plain database first.
      if (chiave && !found.cifrato) throw new AppError('DATABASE_IN_CHIARO', 'Il database non è ancora cifrato: riavvia l’app per completarne la cifratura.');
      return;
    case 'wrong-key':
      throw chiaveErrata(path);
    case 'not-sqlite':
      throw new AppError(
        'DATABASE_NON_VALIDO',
        'Il file dei dati non è un database di Cassetto Desk. Non è stato modificato: scegli un altro file o ripristina un backup.',
        [{ path: '', message: path }],
      );
    case 'damaged':
      throw new AppError(
        'DATABASE_DANNEGGIATO',
        'Il database locale risulta danneggiato e non è stato modificato. Ripristina l’ultimo backup valido.',
        found.problems.map((message) => ({ path: '', message })),
      );
    case 'other-app':
      throw new AppError(
        'DATABASE_NON_VALIDO',
        'Il file è un database SQLite di un altro programma, non di Cassetto Desk. Non è stato modificato: scegli un altro file.',
        [{ path: '', message: path }],
      );
    case 'too-new':
      throw new AppError(
        'DATABASE_TROPPO_RECENTE',
        `Il database è stato creato da una versione più recente di Cassetto Desk (schema ${found.version}, questa versione gestisce fino allo schema ${found.latest}). Aggiorna l’applicazione: il file non è stato modificato.`,
      );
  }
}

function checkIntegrity(sqlite: BetterSqlite3.Database): void {
  const problems = integrityProblems(sqlite);
  if (problems.length > 0) {
    throw new AppError(
      'DATABASE_DANNEGGIATO',
      'Il database locale risulta danneggiato. Ripristina l’ultimo backup valido da Impostazioni.',
      problems.map((message) => ({ path: '', message })),
    );
  }
}

export { LATEST_SCHEMA_VERSION };
