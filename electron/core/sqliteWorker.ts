import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { pragmiChiave } from '../../db/cifratura';

// Work that reads or rewrites the whole database (the full integrity check, a VACUUM) runs on a
// worker thread with its own connection, so the core's thread stays free. One way to start such a
// worker: the same native module, the same key pragmas as every other connection (db/cifratura.ts),
// one answer, never a rejection.

/** The worker's body: `db` is the open connection; what it returns is the answer (structured-cloneable). */
export type LavoroSqlite = string;

export type EsitoWorker<T> = { ok: true; value: T } | { ok: false; failed: string; code: string | null };

const WORKER_SOURCE = (lavoro: LavoroSqlite) => `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.file, { readonly: workerData.readonly, fileMustExist: true });
  for (const p of workerData.pragmi) db.pragma(p);
  const value = (function (db) { ${lavoro} })(db);
  parentPort.postMessage({ ok: true, value });
} catch (error) {
  parentPort.postMessage({ ok: false, failed: String((error && error.message) || error), code: (error && error.code) || null });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

export interface SqliteWorkerOptions {
  file: string;
  /** The database key; null or absent for a plain file. */
  chiave?: Buffer | null;
  readonly?: boolean;
}

/**
 * A worker thread running `source` (CommonJS) with `workerData` = { file, module (the native
 * module's path), pragmi (the key's, then `pragmi`), readonly }: what every worker connection needs.
 */
export function workerSqlite(source: string, o: SqliteWorkerOptions & { pragmi?: readonly string[] }): Worker {
  const module = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  const pragmi = [...(o.chiave ? pragmiChiave(o.chiave) : []), ...(o.pragmi ?? [])];
  return new Worker(source, { eval: true, workerData: { file: o.file, module, pragmi, readonly: o.readonly ?? false } });
}

export function sqliteInWorker<T>(lavoro: LavoroSqlite, o: SqliteWorkerOptions): Promise<EsitoWorker<T>> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = workerSqlite(WORKER_SOURCE(lavoro), o);
    } catch (error) {
      resolve({ ok: false, failed: String(error), code: null });
      return;
    }
    let settled = false;
    const settle = (esito: EsitoWorker<T>) => {
      if (!settled) resolve(esito);
      settled = true;
    };
    worker.once('message', settle);
    worker.once('error', (error) => settle({ ok: false, failed: String(error), code: null }));
    worker.once('exit', () => settle({ ok: false, failed: 'worker exited without an answer', code: null }));
  });
}
