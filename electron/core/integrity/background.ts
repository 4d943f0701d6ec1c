import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The full integrity check reads every page: about 1 s for an office's 140 MB database, more
// than three times the cold-start budget. The app opens without it and runs it here, on another
// thread with its own read-only connection (WAL lets it read while the app writes).

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  if (workerData.chiave) {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma('key = "x' + String.fromCharCode(39) + workerData.chiave + String.fromCharCode(39) + '"');
  }
  const rows = db.pragma('integrity_check');
  parentPort.postMessage({ problems: rows.map((r) => r.integrity_check).filter((m) => m !== 'ok') });
} catch (error) {
  parentPort.postMessage({ failed: String((error && error.message) || error), code: (error && error.code) || null });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

export type IntegrityResult = { kind: 'ok' } | { kind: 'damaged'; problems: string[] } | { kind: 'not-run'; reason: string };

/** `PRAGMA integrity_check` on a worker thread. Never rejects: a worker that cannot run says so. */
export function integrityInBackground(file: string, chiave?: Buffer): Promise<IntegrityResult> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const module = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module, chiave: chiave?.toString('hex') ?? null } });
    } catch (error) {
      resolve({ kind: 'not-run', reason: String(error) });
      return;
    }
    let settled = false;
    worker.once('message', (message: { problems?: string[]; failed?: string; code?: string | null }) => {
      settled = true;
      if (message.problems) resolve(message.problems.length === 0 ? { kind: 'ok' } : { kind: 'damaged', problems: message.problems });
      else if (message.code === 'SQLITE_CORRUPT' || message.code === 'SQLITE_NOTADB') resolve({ kind: 'damaged', problems: [message.failed ?? 'corrupt'] });
      else resolve({ kind: 'not-run', reason: message.failed ?? 'unknown' });
    });
    worker.once('error', (error) => {
      if (!settled) resolve({ kind: 'not-run', reason: String(error) });
      settled = true;
    });
    worker.once('exit', () => {
      if (!settled) resolve({ kind: 'not-run', reason: 'worker exited without an answer' });
    });
  });
}
