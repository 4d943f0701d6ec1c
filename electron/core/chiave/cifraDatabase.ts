import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { applicaChiave, cifraFileInPosto, inChiaro } from '../../../db/cifratura';
import { AppError } from '../../common/errors';
import { fsyncDir, fsyncFile } from '../backup/files';
import type { Logger } from '../log';

// The first start after the upgrade encrypts a database written in clear by an earlier version.
// Each step leaves either the old plain database or the new encrypted one whole, never neither:
// the work happens on a copy beside it, which replaces the plain file by one rename only once it
// verifies (every table's rows counted on both sides, a full integrity check) and a backup of it
// exists. A crash before the rename: the plain file is untouched and the next start begins again
// (the leftover copy is removed first). After it: the database is encrypted and opens as usual.

/** The steps, in order; the crash test kills the process after each. */
export const PASSI_CIFRATURA = ['copiato', 'cifrato', 'verificato', 'allegati', 'backup', 'sostituito'] as const;
export type PassoCifratura = (typeof PASSI_CIFRATURA)[number];

export interface CifraDatabaseOptions {
  database: string;
  chiave: Buffer;
  /** Encrypts the plain attachment files beside the database (idempotent, file by file). */
  cifraAllegati: () => void | Promise<void>;
  /** A verified backup of the encrypted copy (with its attachments), before the plain file goes. */
  backup: (copiaCifrata: string) => Promise<void>;
  logger: Logger;
  /** Test only: called after each step (the crash test kills the process there). */
  probe?: (passo: PassoCifratura) => void;
}

export function copiaDiLavoro(database: string): string {
  return `${database}.cifratura`;
}

/** True when the file exists and is plain SQLite: the caller encrypts it before opening. */
export function daCifrare(database: string): boolean {
  return fs.existsSync(database) && fs.statSync(database).size > 0 && inChiaro(database);
}

export async function cifraDatabaseInChiaro(options: CifraDatabaseOptions): Promise<{ tabelle: number; righe: number }> {
  const { database, chiave, logger } = options;
  const probe = options.probe ?? (() => {});
  const started = Date.now();
  const copia = copiaDiLavoro(database);
  rimuovi(copia);

  // 1. A consistent plain copy (VACUUM INTO reads the WAL too), and the rows to expect.
  const plain = new BetterSqlite3(database, { fileMustExist: true });
  let attese: Map<string, number>;
  try {
    attese = contaRighe(plain);
    plain.prepare('VACUUM INTO ?').run(copia);
  } catch (error) {
    rimuovi(copia);
    throw asAppError(error);
  } finally {
    // The last connection's close checkpoints and removes the plain -wal.
    plain.close();
  }
  probe('copiato');

  // 2. Every page of the copy rewritten encrypted.
  cifraFileInPosto(copia, chiave);
  probe('cifrato');

  // 3. The encrypted copy opens with the key, is whole, and holds every row.
  verifica(copia, chiave, attese);
  await fsyncFile(copia);
  probe('verificato');

  // 4. The attachments (file by file, each either plain and valid or encrypted).
  await options.cifraAllegati();
  probe('allegati');

  // 5. A verified backup of what is about to become the database.
  await options.backup(copia);
  probe('backup');

  // 6. The plain file replaced in one rename; its (empty) companions go first so none is ever read with the new file.
  for (const suffix of ['-wal', '-shm']) {
    const file = `${database}${suffix}`;
    if (fs.existsSync(file) && fs.statSync(file).size > 0 && suffix === '-wal') {
      throw new AppError(
        'DATABASE_IN_USO',
        'Il database è aperto da un altro programma di Cassetto Desk: chiudilo e riavvia l’app per completarne la cifratura.',
      );
    }
    rimuovi(file);
  }
  fs.renameSync(copia, database);
  await fsyncDir(path.dirname(database));
  probe('sostituito');

  const righe = [...attese.values()].reduce((a, b) => a + b, 0);
  logger.log('info', 'plain database encrypted', { tables: attese.size, rows: righe, ms: Date.now() - started });
  return { tabelle: attese.size, righe };
}

function contaRighe(db: BetterSqlite3.Database): Map<string, number> {
  const tabelle = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  return new Map(
    tabelle.map((t) => [
      t,
      db
        .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

function verifica(file: string, chiave: Buffer, attese: Map<string, number>): void {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    applicaChiave(db, chiave);
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (check.length !== 1 || check[0]?.integrity_check !== 'ok') throw new Error(`encrypted copy fails integrity_check: ${check[0]?.integrity_check}`);
    const trovate = contaRighe(db);
    for (const [tabella, n] of attese) {
      if (trovate.get(tabella) !== n) throw new Error(`encrypted copy: ${tabella} has ${trovate.get(tabella)} rows, expected ${n}`);
    }
  } finally {
    db.close();
  }
}

function rimuovi(file: string): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}-journal`, { force: true });
}

function asAppError(error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DATABASE_DANNEGGIATO', 'Il database locale risulta danneggiato e non è stato modificato. Ripristina l’ultimo backup valido.', [
      { path: '', message: code },
    ]);
  }
  return error;
}
