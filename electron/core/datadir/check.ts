import crypto from 'node:crypto';
import nodeFs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../common/errors';

// Before the database is opened (and possibly created or migrated), make sure its folder can
// take it: a read-only or full disk found here is a clear message and no file at all, instead
// of a database left half-written by the first migration.

export const DATADIR_ERROR_CODES = ['CARTELLA_DATI_SOLA_LETTURA', 'DISCO_PIENO', 'CARTELLA_DATI_NON_VALIDA', 'CARTELLA_DATI_NON_ACCESSIBILE'] as const;

/** Room for a first sync of an ordinary office, its WAL and a pre-migration backup to start. */
export const DEFAULT_MIN_FREE_BYTES = 50 * 1024 * 1024;

/** The file-system calls the check makes; tests inject failures (EROFS, ENOSPC) through it. */
export interface DataDirFs {
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  statSync(file: string): { isDirectory(): boolean };
  statfsSync(dir: string): { bavail: number | bigint; bsize: number | bigint };
  openSync(file: string, flags: string): number;
  writeSync(fd: number, data: Uint8Array): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  unlinkSync(file: string): void;
}

export interface CheckDataDirOptions {
  minFreeBytes?: number;
  fs?: DataDirFs;
}

export interface DataDirStatus {
  dir: string;
  /** Free bytes for this user, or null where the file system does not say. */
  freeBytes: number | null;
}

const PROBE_BYTES = 64 * 1024;

/**
 * Creates the folder if needed, checks that it is a folder with enough free space, and proves
 * it writable by writing, fsyncing and removing a probe file. Throws AppError (Italian
 * message, stable code) otherwise.
 */
export function checkDataDir(dir: string, options: CheckDataDirOptions = {}): DataDirStatus {
  const fs = options.fs ?? (nodeFs as unknown as DataDirFs);
  const minFree = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  const step = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw dataDirError(dir, error, minFree);
    }
  };
  step(() => fs.mkdirSync(dir, { recursive: true }));
  if (!step(() => fs.statSync(dir)).isDirectory()) throw notAFolder(dir, 'ENOTDIR');
  const freeBytes = freeSpace(fs, dir);
  if (freeBytes !== null && freeBytes < minFree) throw diskFull(dir, freeBytes, minFree, 'low free space');
  step(() => probe(fs, dir));
  return { dir, freeBytes };
}

function freeSpace(fs: DataDirFs, dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null; // some network shares do not answer; the probe write still runs
  }
}

function probe(fs: DataDirFs, dir: string): void {
  const file = path.join(dir, `.cassetto-prova-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(file, 'wx');
  try {
    try {
      fs.writeSync(fd, new Uint8Array(PROBE_BYTES));
      // fsync: a disk that accepts the write into the cache but cannot store it fails here.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    try {
      fs.unlinkSync(file);
    } catch {
      // Nothing more to do: the probe is a hidden 64 KB file.
    }
  }
}

function dataDirError(dir: string, error: unknown, minFree: number): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  switch (code) {
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'CARTELLA_DATI_SOLA_LETTURA',
        `La cartella dei dati «${dir}» è di sola lettura: Cassetto Desk non può salvarvi il database. Scegli un’altra cartella o chiedi i permessi di scrittura a chi gestisce il PC. Nessun file è stato creato.`,
        [{ path: '', message: code }],
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return diskFull(dir, null, minFree, code);
    case 'ENOTDIR':
    case 'EEXIST':
      return notAFolder(dir, code);
    default:
      return new AppError(
        'CARTELLA_DATI_NON_ACCESSIBILE',
        `La cartella dei dati «${dir}» non è accessibile. Se è su un disco di rete o esterno, controlla che sia collegato, poi riavvia Cassetto Desk. Nessun file è stato creato.`,
        [{ path: '', message: code }],
      );
  }
}

function diskFull(dir: string, freeBytes: number | null, minFree: number, code: string): AppError {
  const mb = (bytes: number): number => Math.floor(bytes / (1024 * 1024));
  const free = freeBytes === null ? '' : ` (liberi ${mb(freeBytes)} MB, ne servono almeno ${mb(minFree)})`;
  return new AppError(
    'DISCO_PIENO',
    `Il disco della cartella dei dati «${dir}» è pieno${free}. Libera spazio e riavvia Cassetto Desk: il database non è stato aperto, per non lasciarlo scritto a metà.`,
    [{ path: '', message: code }],
  );
}

function notAFolder(dir: string, code: string): AppError {
  return new AppError(
    'CARTELLA_DATI_NON_VALIDA',
    `Il percorso scelto per i dati «${dir}» non è una cartella (è un file, o lo è una delle cartelle che lo contengono). Scegli un’altra cartella. Nessun file è stato creato.`,
    [{ path: '', message: code }],
  );
}

/** Start-up order in one place: the folder is checked before `open` can create anything in it. */
export async function openInCheckedDataDir<T>(dir: string, open: (dir: string) => Promise<T>, options: CheckDataDirOptions = {}): Promise<T> {
  checkDataDir(dir, options);
  return open(dir);
}
