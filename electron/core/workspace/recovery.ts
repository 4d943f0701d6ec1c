import { integrityProblems } from '../../../db/connection';
import type { ConfigurazioneStato } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import { findLatestGoodBackup } from '../backup/index';
import type { CoreContext } from '../context';
import { integrityInBackground } from '../integrity/background';
import type { Logger } from '../log';
import { foldersOf } from './backups';

// Integrity and recovery: a database that cannot be used is never a dead end. The app starts on a
// blank core and the page offers the latest good backup (`configurazione.stato`'s recupero).

/** The restore offered on the page; null when there is nothing to recover. */
export type Recupero = ConfigurazioneStato['recupero'];

/** Start-up failures a backup can cure: the database is offered for restore instead of failing. */
const RECOVERABLE = new Set(['DATABASE_DANNEGGIATO', 'DATABASE_NON_VALIDO', 'DATABASE_TROPPO_RECENTE', 'DATABASE_CHIAVE_ERRATA']);

export const DAMAGED_MESSAGE =
  'Il database locale risulta danneggiato. Ripristina l’ultimo backup valido: il file attuale verrà messo da parte, non cancellato.';

export function isRecoverable(error: unknown): error is AppError {
  return error instanceof AppError && RECOVERABLE.has(error.code);
}

/** The restore to offer instead of a database that cannot be used: the latest good backup beside it, if any. */
export async function recoveryFor(database: string, messaggio: string, logger: Logger, chiave?: Buffer): Promise<NonNullable<Recupero>> {
  const good = await findLatestGoodBackup(foldersOf(database).backupDir, { logger, chiave }).catch(() => null);
  return { messaggio, backup: good ? { nome: good.backup.name, creatoIl: good.backup.createdAt } : null };
}

/**
 * The full integrity check of a database just opened, on another thread. Without a worker (an
 * unusual packaging) it still runs, on this thread, once, on `openSqlite()` — which answers null
 * when that database is no longer the open one. Resolves to the problems found, or null if none.
 */
export async function damageIn(database: string, openSqlite: () => CoreContext['sqlite'] | null, logger: Logger, chiave?: Buffer): Promise<string[] | null> {
  let result = await integrityInBackground(database, chiave);
  if (result.kind === 'not-run') {
    logger.log('warn', 'background integrity check unavailable, running it in process', { reason: result.reason.slice(0, 200) });
    const sqlite = openSqlite();
    const problems = sqlite ? integrityProblems(sqlite) : [];
    result = problems.length === 0 ? { kind: 'ok' } : { kind: 'damaged', problems };
  }
  return result.kind === 'damaged' ? result.problems : null;
}
