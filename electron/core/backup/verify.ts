import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inChiaro } from '../../../db/cifratura';
import { examineDatabaseFile, LATEST_SCHEMA_VERSION, type DatabaseFileCheck } from '../../../db/connection';
import { backupError } from './errors';
import { countFiles, exists, removeTree, sha256File } from './files';
import { readManifest, type BackupManifest } from './manifest';
import { BACKUP_ALLEGATI_DIR, BACKUP_DB_FILE } from './names';

export interface VerifiedBackup {
  /** What was chosen: a backup folder or a loose database file. */
  path: string;
  /** The database file that a restore would copy. */
  dbFile: string;
  schemaVersion: number;
  bytes: number;
  sha256: string;
  /** Present for backup folders made by this app. */
  manifest: BackupManifest | null;
  /** The backup's attachment store, when it has one. */
  allegatiDir: string | null;
}

const UNTOUCHED = 'Il database attuale non è stato modificato.';

/**
 * Full check of a backup before anyone relies on it: the same header / application id /
 * schema checks as start-up (db/connection.ts), a complete `integrity_check` on a read-only
 * connection, and for our own backup folders the manifest's sha256 and attachment count.
 * Accepts a backup folder, the database file inside one, or any loose database file.
 */
export async function verifyBackup(target: string, options: { latest?: number; chiave?: Buffer | undefined } = {}): Promise<VerifiedBackup> {
  const latest = options.latest ?? LATEST_SCHEMA_VERSION;
  const located = await locate(target);
  const found = await examineReadOnly(located.dbFile, latest, options.chiave);
  const detail = [{ path: '', message: target }];
  switch (found.kind) {
    case 'missing':
      throw backupError('BACKUP_NON_TROVATO', `Il backup scelto non esiste o non è leggibile. ${UNTOUCHED}`, detail);
    case 'empty':
    case 'not-sqlite':
      throw backupError('BACKUP_NON_VALIDO', `Il file scelto non è un backup di Cassetto Desk: non è un database SQLite. ${UNTOUCHED}`, detail);
    case 'wrong-key':
      throw backupError(
        'BACKUP_CHIAVE_ERRATA',
        `Il backup scelto è cifrato con un’altra chiave (un altro PC o un’altra installazione di Cassetto Desk) e non si apre con quella di questa installazione. ${UNTOUCHED} Scegli un backup fatto da questa installazione.`,
        detail,
      );
    case 'other-app':
      throw backupError(
        'BACKUP_ALTRO_PROGRAMMA',
        `Il file scelto è un database SQLite di un altro programma, non un backup di Cassetto Desk. ${UNTOUCHED}`,
        detail,
      );
    case 'too-new':
      throw backupError(
        'BACKUP_TROPPO_RECENTE',
        `Il backup è stato creato da una versione più recente di Cassetto Desk (schema ${found.version}, questa versione gestisce fino allo schema ${found.latest}). Aggiorna l’applicazione prima di ripristinarlo. ${UNTOUCHED}`,
        detail,
      );
    case 'damaged':
      throw backupError(
        'BACKUP_DANNEGGIATO',
        `Il backup scelto risulta danneggiato (controllo di integrità non superato) e non può essere ripristinato. ${UNTOUCHED} Scegli un backup precedente.`,
        [...detail, ...found.problems.map((message) => ({ path: '', message }))],
      );
    case 'ok':
      break;
  }
  if (found.version === 0) {
    throw backupError('BACKUP_NON_VALIDO', `Il file scelto è un database vuoto, senza dati di Cassetto Desk. ${UNTOUCHED}`, detail);
  }
  const [sha256, { size }] = await Promise.all([sha256File(located.dbFile), fs.stat(located.dbFile)]);
  if (located.manifest) await checkAgainstManifest(located, sha256, size, detail);
  return {
    path: target,
    dbFile: located.dbFile,
    schemaVersion: found.version,
    bytes: size,
    sha256,
    manifest: located.manifest,
    allegatiDir: located.allegatiDir,
  };
}

interface Located {
  dbFile: string;
  manifest: BackupManifest | null;
  allegatiDir: string | null;
}

async function locate(target: string): Promise<Located> {
  let isDir: boolean;
  try {
    isDir = (await fs.stat(target)).isDirectory();
  } catch {
    return { dbFile: target, manifest: null, allegatiDir: null }; // examined as 'missing'
  }
  // The database file inside one of our backup folders counts as the whole folder.
  const folder = isDir ? target : path.basename(target) === BACKUP_DB_FILE ? path.dirname(target) : null;
  const manifest = folder ? await readManifest(folder) : null;
  if (isDir && !manifest) {
    throw backupError('BACKUP_NON_VALIDO', `La cartella scelta non contiene un backup completo di Cassetto Desk. ${UNTOUCHED}`, [
      { path: '', message: target },
    ]);
  }
  if (!folder || !manifest) return { dbFile: target, manifest: null, allegatiDir: null };
  const allegatiDir = path.join(folder, BACKUP_ALLEGATI_DIR);
  return { dbFile: path.join(folder, BACKUP_DB_FILE), manifest, allegatiDir: (await exists(allegatiDir)) ? allegatiDir : null };
}

async function checkAgainstManifest(located: Located, sha256: string, size: number, detail: { path: string; message: string }[]): Promise<void> {
  const manifest = located.manifest as BackupManifest;
  const attachments = located.allegatiDir ? await countFiles(located.allegatiDir) : 0;
  if (sha256 !== manifest.database.sha256 || size !== manifest.database.bytes || attachments < manifest.allegati.files) {
    throw backupError(
      'BACKUP_DANNEGGIATO',
      `Il backup scelto è incompleto o è stato alterato: il contenuto non corrisponde a quello registrato quando è stato creato. ${UNTOUCHED} Scegli un backup precedente.`,
      [
        ...detail,
        {
          path: '',
          message: sha256 !== manifest.database.sha256 ? 'sha256 mismatch' : size !== manifest.database.bytes ? 'size mismatch' : 'attachments missing',
        },
      ],
    );
  }
}

/**
 * A read-only connection to a WAL-mode file creates -wal and -shm beside it and leaves them.
 * Our backups are single-file, but an operator may pick a copied live database: that one is
 * examined through a temporary copy switched to the rollback journal (header bytes 18–19),
 * which reads the same pages and leaves the chosen file and its folder alone.
 */
async function examineReadOnly(file: string, latest: number, chiave: Buffer | undefined): Promise<DatabaseFileCheck> {
  // An encrypted file hides its journal mode: only our own single-file backups are read in place.
  const inPlace =
    !(await exists(file)) || inChiaro(file)
      ? !(await usesWal(file))
      : path.basename(file) === BACKUP_DB_FILE && (await readManifest(path.dirname(file))) !== null;
  if (inPlace) return examineDatabaseFile(file, latest, { integrity: true, chiave });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cassetto-verifica-'));
  try {
    const copy = path.join(dir, BACKUP_DB_FILE);
    await fs.copyFile(file, copy);
    if (inChiaro(copy)) {
      const handle = await fs.open(copy, 'r+');
      try {
        await handle.write(Buffer.from([1, 1]), 0, 2, 18);
      } finally {
        await handle.close();
      }
    }
    // An encrypted copy may leave -wal/-shm beside it: in this temporary folder, removed below.
    return examineDatabaseFile(copy, latest, { integrity: true, chiave });
  } finally {
    await removeTree(dir);
  }
}

async function usesWal(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return false;
  }
  try {
    const header = Buffer.alloc(20);
    const { bytesRead } = await handle.read(header, 0, 20, 0);
    return bytesRead === 20 && header.toString('latin1', 0, 16) === 'SQLite format 3\u0000' && (header[18] === 2 || header[19] === 2);
  } finally {
    await handle.close();
  }
}
