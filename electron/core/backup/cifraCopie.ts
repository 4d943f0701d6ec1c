import fs from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { cifraFileInPosto, inChiaro } from '../../../db/cifratura';
import { examineDatabaseFile, LATEST_SCHEMA_VERSION } from '../../../db/connection';
import { silentLogger, type Logger } from '../log';
import { exists, fsyncDir, fsyncFile, sha256File } from './files';
import { readManifest, writeManifest } from './manifest';
import { BACKUP_ALLEGATI_DIR, BACKUP_DB_FILE, BACKUP_DIR_NAME, MANIFEST_FILE, PREVIOUS_PREFIX } from './names';

// Copies of a database made before it was encrypted — its backups, and the files a restore set
// aside — are still plain: each is encrypted in place at start, with the same care as the live
// database. Its attachments first (file by file), then a verified encrypted copy of the database
// replaces the plain one by one rename, and the manifest is rewritten for it through a temporary
// file. A crash leaves the plain copy whole (redone at the next start) or the encrypted one
// (its new manifest put in place at the next start).

const NEW_MANIFEST = `${MANIFEST_FILE}.nuovo`;

export interface CifraCopieOptions {
  /** The folder of the live database: its `backup/` and `ripristino-precedente-*` folders are looked at. */
  dir: string;
  chiave: Buffer;
  cifraAllegati: (allegatiDir: string) => void | Promise<void>;
  logger?: Logger;
}

/** Encrypts every plain copy; answers how many were encrypted. Cheap when there is none: one header read per copy. */
export async function cifraCopieInChiaro(options: CifraCopieOptions): Promise<number> {
  const logger = options.logger ?? silentLogger;
  let cifrate = 0;
  for (const folder of await copies(options.dir)) {
    try {
      if (await cifraCopia(folder, options)) cifrate += 1;
    } catch (error) {
      // One bad copy does not stop the start: it stays as it was, and is tried again next time.
      logger.log('error', 'plain copy not encrypted', { folder: path.basename(folder), error: String(error).slice(0, 200) });
    }
  }
  if (cifrate > 0) logger.log('info', 'plain backups encrypted', { count: cifrate });
  return cifrate;
}

async function copies(dir: string): Promise<string[]> {
  const found: string[] = [];
  const backupDir = path.join(dir, BACKUP_DIR_NAME);
  for (const name of (await exists(backupDir)) ? await fs.readdir(backupDir) : []) found.push(path.join(backupDir, name));
  for (const name of await fs.readdir(dir)) if (name.startsWith(PREVIOUS_PREFIX)) found.push(path.join(dir, name));
  const folders: string[] = [];
  for (const folder of found) if ((await fs.stat(folder)).isDirectory() && (await exists(path.join(folder, BACKUP_DB_FILE)))) folders.push(folder);
  return folders;
}

async function cifraCopia(folder: string, options: CifraCopieOptions): Promise<boolean> {
  const db = path.join(folder, BACKUP_DB_FILE);
  const nuovo = path.join(folder, NEW_MANIFEST);
  if (await exists(nuovo)) {
    // A crash between the two renames: the encrypted database is in place, its manifest is not yet.
    if (!inChiaro(db)) {
      await fs.rename(nuovo, path.join(folder, MANIFEST_FILE));
      await fsyncDir(folder);
      return false;
    }
    await fs.rm(nuovo, { force: true });
  }
  if (!inChiaro(db)) return false;

  // The plain file's WAL (a database a restore set aside) folded in first, so no plain companion outlives it.
  const plain = new BetterSqlite3(db, { fileMustExist: true });
  plain.pragma('wal_checkpoint(TRUNCATE)');
  plain.pragma('journal_mode = DELETE');
  plain.close();

  const work = `${db}.cifratura`;
  await fs.rm(work, { force: true });
  await fs.copyFile(db, work);
  cifraFileInPosto(work, options.chiave);
  const check = examineDatabaseFile(work, LATEST_SCHEMA_VERSION, { chiave: options.chiave, integrity: true });
  if (check.kind !== 'ok' || !check.cifrato) throw new Error(`encrypted copy does not verify: ${check.kind}`);
  await fsyncFile(work);

  const allegatiDir = path.join(folder, BACKUP_ALLEGATI_DIR);
  if (await exists(allegatiDir)) await options.cifraAllegati(allegatiDir);

  const manifest = await readManifest(folder);
  if (manifest) {
    const [sha256, { size }] = await Promise.all([sha256File(work), fs.stat(work)]);
    await writeManifest(folder, { ...manifest, database: { ...manifest.database, bytes: size, sha256 } }, NEW_MANIFEST);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) await fs.rm(`${db}${suffix}`, { force: true });
  await fs.rename(work, db);
  if (manifest) await fs.rename(nuovo, path.join(folder, MANIFEST_FILE));
  await fsyncDir(folder);
  return true;
}
