import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

// The local database is encrypted with SQLCipher's scheme (version 4 defaults: AES-256-CBC per
// page, HMAC-SHA512 per page) by SQLite3 Multiple Ciphers. The key is a raw 256-bit key, not a
// passphrase: it is already random, so SQLCipher's PBKDF2 (256,000 rounds, ≈ 100 ms) would only
// slow down every connection (the app, the integrity worker, backups) for nothing.

/** Bytes of a database key. */
export const CHIAVE_BYTES = 32;

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** The cipher scheme, before a key or a rekey. */
const PRAGMI_CIFRARIO = ["cipher = 'sqlcipher'", 'legacy = 4'] as const;

/** The pragmas that open an encrypted file, in order (also sent to worker threads, which cannot import this module). */
export function pragmiChiave(chiave: Buffer): string[] {
  if (chiave.length !== CHIAVE_BYTES) throw new TypeError(`database key must be ${CHIAVE_BYTES} bytes`);
  return [...PRAGMI_CIFRARIO, `key = "x'${chiave.toString('hex')}'"`];
}

/** Must run first on a new connection, before anything reads the file. */
export function applicaChiave(sqlite: BetterSqlite3.Database, chiave: Buffer): void {
  for (const p of pragmiChiave(chiave)) sqlite.pragma(p);
}

/** The file begins with SQLite's plain header: a database written before encryption (or a plain backup). */
export function inChiaro(path: string): boolean {
  const header = Buffer.alloc(16);
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    return fs.readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Encrypts a plain database file in place (a copy: a staged restore, the migration's work file).
 * SQLite3 Multiple Ciphers rekeys only in a rollback journal mode, so the file is switched to
 * DELETE first; every page is rewritten, so no plain page is left in the file.
 */
export function cifraFileInPosto(file: string, chiave: Buffer): void {
  if (chiave.length !== CHIAVE_BYTES) throw new TypeError(`database key must be ${CHIAVE_BYTES} bytes`);
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    for (const p of PRAGMI_CIFRARIO) db.pragma(p);
    db.pragma(`rekey = "x'${chiave.toString('hex')}'"`);
  } finally {
    db.close();
  }
}

/** Opens a file with the key when it is encrypted, plainly when it is not (backups made before encryption). */
export function apriConChiave(file: string, chiave: Buffer | undefined, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const db = new BetterSqlite3(file, options);
  try {
    if (chiave && !inChiaro(file)) applicaChiave(db, chiave);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
