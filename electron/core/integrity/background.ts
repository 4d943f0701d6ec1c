import { sqliteInWorker } from '../sqliteWorker';

// The full integrity check reads every page: about 1 s for an office's 140 MB database, more
// than three times the cold-start budget. The app opens without it and runs it here, on another
// thread with its own read-only connection (WAL lets it read while the app writes).

const INTEGRITY_CHECK = `return db.pragma('integrity_check').map((r) => r.integrity_check).filter((m) => m !== 'ok');`;

export type IntegrityResult = { kind: 'ok' } | { kind: 'damaged'; problems: string[] } | { kind: 'not-run'; reason: string };

/** `PRAGMA integrity_check` on a worker thread. Never rejects: a worker that cannot run says so. */
export async function integrityInBackground(file: string, chiave?: Buffer): Promise<IntegrityResult> {
  const esito = await sqliteInWorker<string[]>(INTEGRITY_CHECK, { file, chiave, readonly: true });
  if (esito.ok) return esito.value.length === 0 ? { kind: 'ok' } : { kind: 'damaged', problems: esito.value };
  if (esito.code === 'SQLITE_CORRUPT' || esito.code === 'SQLITE_NOTADB') return { kind: 'damaged', problems: [esito.failed] };
  return { kind: 'not-run', reason: esito.failed };
}
