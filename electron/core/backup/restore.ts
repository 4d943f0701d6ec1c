import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { cifraFileInPosto, inChiaro } from '../../../db/cifratura';
import { AppError } from '../../common/errors';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../log';
import { backupError, systemCode } from './errors';
import { copyAttachmentTree, exists, fsyncDir, fsyncFile, removeTree, sha256File } from './files';
import { PREVIOUS_PREFIX, stamp, uniqueName } from './names';
import { verifyBackup, type VerifiedBackup } from './verify';

/** The file operations a restore performs; tests replace them to fail at a chosen step. */
export interface RestoreIo {
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
}

const realIo: RestoreIo = { rename: (a, b) => fs.rename(a, b), copyFile: (a, b) => fs.copyFile(a, b) };

export interface RestoreBackupOptions {
  /** The live database file. It must be CLOSED (no connection of this or another process). */
  dbPath: string;
  /** The live attachment store (default: `allegati` beside the database). */
  allegatiDir?: string;
  /** A backup folder, the database inside one, or a loose database file. */
  backupPath: string;
  clock?: Clock;
  logger?: Logger;
  io?: RestoreIo;
  /**
   * The database key: a backup encrypted with another key is refused before anything moves; a
   * plain one (made before encryption) is encrypted in its staged copy, and `cifraAllegati`
   * encrypts its staged attachments, before they replace the current files.
   */
  chiave?: Buffer | undefined;
  cifraAllegati?: (dir: string) => void | Promise<void>;
}

export interface RestoreResult {
  /** `<data folder>/ripristino-precedente-<timestamp>` holding what was replaced; null if there was nothing. */
  previousDir: string | null;
  restored: VerifiedBackup;
}

// SQLite's companions of a database file: a leftover -wal beside the restored file would be
// replayed into it, so they go aside together with the file they belong to.
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Replaces the closed database (and its attachment store) with a verified backup.
 * Order: verify → stage a copy beside the database (same disk, so the final step is renames
 * only) and prove its sha256 → move the current files aside → move the staged ones in. Any
 * failure before the first rename leaves the current files as they were; a failure among the
 * renames puts back the ones already done. The replaced files are kept, never deleted.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const io = options.io ?? realIo;
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const dataDir = path.dirname(path.resolve(options.dbPath));
  const allegatiDir = options.allegatiDir ?? path.join(dataDir, 'allegati');
  const verified = await verifyBackup(options.backupPath, { chiave: options.chiave });

  const staging = path.join(dataDir, `.ripristino-${crypto.randomBytes(4).toString('hex')}`);
  const stagedDb = path.join(staging, path.basename(options.dbPath));
  const stagedAllegati = path.join(staging, 'allegati');
  try {
    await fs.mkdir(dataDir, { recursive: true }); // a new PC: the data folder may not exist yet
    await fs.mkdir(staging);
    await io.copyFile(verified.dbFile, stagedDb);
    await fsyncFile(stagedDb);
    if ((await sha256File(stagedDb)) !== verified.sha256) throw new Error('staged copy differs from the verified backup');
    if (options.chiave && inChiaro(stagedDb)) {
      cifraFileInPosto(stagedDb, options.chiave);
      await verifyBackup(stagedDb, { chiave: options.chiave });
      await fsyncFile(stagedDb);
    }
    // A loose database file brings no attachments: keep the current ones (content-addressed,
    // so extra files are harmless) rather than leave the restored rows without theirs.
    const attachmentsFrom = verified.allegatiDir ?? ((await exists(allegatiDir)) ? allegatiDir : null);
    if (attachmentsFrom) await copyAttachmentTree(attachmentsFrom, stagedAllegati, { link: true });
    // Linked files are replaced (temp + rename), never rewritten: the backup's own stay as they were.
    if (attachmentsFrom && options.cifraAllegati) await options.cifraAllegati(stagedAllegati);
  } catch (error) {
    await removeTree(staging).catch(() => undefined);
    logger.log('error', 'restore failed while staging', { code: systemCode(error) });
    throw restoreFailed(error);
  }

  const previousName = uniqueName(dataDir, `${PREVIOUS_PREFIX}${stamp(clock.now())}`);
  const previousDir = path.join(dataDir, previousName);
  const moves: [string, string][] = [];
  for (const suffix of COMPANIONS) {
    const file = `${options.dbPath}${suffix}`;
    if (await exists(file)) moves.push([file, path.join(previousDir, path.basename(file))]);
  }
  if (await exists(allegatiDir)) moves.push([allegatiDir, path.join(previousDir, 'allegati')]);
  const movedAside = moves.length;
  moves.push([stagedDb, options.dbPath]);
  if (await exists(stagedAllegati)) moves.push([stagedAllegati, allegatiDir]);

  const done: [string, string][] = [];
  try {
    if (movedAside > 0) await fs.mkdir(previousDir);
    for (const [from, to] of moves) {
      await io.rename(from, to);
      done.push([from, to]);
    }
  } catch (error) {
    const undone = await rollBack(done);
    logger.log('error', 'restore failed while swapping files', { code: systemCode(error), renamed: done.length, rolledBack: undone });
    if (!undone) {
      // Rare (the disk vanished mid-way): say where every file is rather than guess.
      throw backupError(
        'RIPRISTINO_NON_RIUSCITO',
        `Il ripristino si è interrotto e non è stato possibile annullarlo del tutto. Il database precedente è nella cartella ${previousDir}; la copia del backup in ${staging}. Non cancellare queste cartelle e contatta l’assistenza.`,
        [{ path: '', message: systemCode(error) }],
      );
    }
    await removeTree(staging).catch(() => undefined);
    await fs.rmdir(previousDir).catch(() => undefined); // only if empty: never lose a moved file
    throw restoreFailed(error);
  }
  await removeTree(staging).catch(() => undefined);
  await fsyncDir(dataDir);
  logger.log('info', 'backup restored', {
    schemaVersion: verified.schemaVersion,
    dbBytes: verified.bytes,
    fromFolder: verified.manifest !== null,
    keptPrevious: movedAside > 0,
  });
  return { previousDir: movedAside > 0 ? previousDir : null, restored: verified };
}

/** Undoes the renames already done, newest first; false if any could not be undone. */
async function rollBack(done: [string, string][]): Promise<boolean> {
  let ok = true;
  for (const [from, to] of [...done].reverse()) {
    // Real renames, not the injected ones: the way back must not share the failure.
    try {
      await fs.rename(to, from);
    } catch {
      ok = false;
    }
  }
  return ok;
}

function restoreFailed(error: unknown): AppError {
  const code = error instanceof AppError ? error.code : systemCode(error);
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  return backupError(
    'RIPRISTINO_NON_RIUSCITO',
    full
      ? 'Il ripristino non è riuscito: il disco è pieno. Il database attuale non è stato modificato; libera spazio e riprova.'
      : 'Il ripristino non è riuscito. Il database attuale non è stato modificato; riprova o scegli un altro backup.',
    [{ path: '', message: code }],
  );
}
