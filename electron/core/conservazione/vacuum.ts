import fs from 'node:fs';
import type { Logger } from '../log';
import { sqliteInWorker } from '../sqliteWorker';

// After a retention run the purged content is already overwritten in the file (secure_delete);
// the database file keeps its size until a VACUUM rewrites it. A VACUUM reads and rewrites the
// whole file (seconds at office size), so it never runs on the core's thread: after the next
// start, once the start's own work is over and no sync is running, a worker thread runs it on its
// own connection. WAL lets the app read meanwhile; a write waits for it (busy_timeout) and goes on.
// The «to do» mark is a small file beside the database, so a VACUUM cut short is tried again.

const VACUUM = `
  db.pragma('busy_timeout = 10000');
  const dimensione = () => db.pragma('page_count', { simple: true }) * db.pragma('page_size', { simple: true });
  const prima = dimensione();
  const t0 = Date.now();
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { prima, dopo: dimensione(), ms: Date.now() - t0 };
`;

export type VacuumEsito = { ok: true; prima: number; dopo: number; ms: number } | { ok: false; failed: string };

export const fileVacuum = (database: string): string => `${database}.vacuum-da-fare`;

export function segnaVacuumDaFare(database: string): void {
  fs.writeFileSync(fileVacuum(database), `${new Date().toISOString()}\n`);
}

/** VACUUM on a worker thread with its own connection. Never rejects. */
export async function vacuumInBackground(database: string, chiave: Buffer | null): Promise<VacuumEsito> {
  const esito = await sqliteInWorker<{ prima: number; dopo: number; ms: number }>(VACUUM, { file: database, chiave });
  return esito.ok ? { ok: true, ...esito.value } : { ok: false, failed: esito.failed };
}

/**
 * The workspace's way: the VACUUM a retention run left to do, at the next start *before* the core
 * opens its connection. A VACUUM holds the write lock for its whole length (≈ 7 s for an office's
 * 160 MB database): run beside the open core, an operator's save waiting longer than the
 * busy_timeout (5 s) would fail. Before the open nothing waits on it; the start is that much
 * longer, once. A failure leaves the mark (and vacuumQuieto's later try).
 */
export async function vacuumPrimaDellApertura(database: string, chiave: Buffer | null, logger: Logger): Promise<VacuumEsito | null> {
  const segno = fileVacuum(database);
  if (!fs.existsSync(segno) || !fs.existsSync(database)) return null;
  const esito = await vacuumInBackground(database, chiave);
  if (esito.ok) {
    fs.rmSync(segno, { force: true });
    logger.log('info', 'database vacuumed at start after a retention run', { before: esito.prima, after: esito.dopo, ms: esito.ms });
  } else logger.log('warn', 'vacuum at start after a retention run failed, tried again later', { reason: esito.failed.slice(0, 200) });
  return esito;
}

export interface VacuumQuietoOptions {
  database: string;
  chiave: Buffer | null;
  logger: Logger;
  /** Whether the core is busy now (a sync running): the VACUUM waits for the next try. */
  occupato: () => boolean;
  /** First try after the start, and between tries. */
  attesaMs?: number;
}

/**
 * At start: when a run left the mark, the VACUUM once the app is quiet. `close()` stops waiting;
 * a VACUUM already running is awaited (the worker's connection must close before the database's).
 */
export function vacuumQuieto(o: VacuumQuietoOptions): { close(): Promise<void>; fatto: Promise<VacuumEsito | null> } {
  const segno = fileVacuum(o.database);
  if (!fs.existsSync(segno)) return { close: async () => undefined, fatto: Promise.resolve(null) };
  let timer: NodeJS.Timeout | null = null;
  let chiuso = false;
  let finito: (e: VacuumEsito | null) => void = () => undefined;
  const fatto = new Promise<VacuumEsito | null>((resolve) => (finito = resolve));
  let inCorso: Promise<unknown> | null = null;
  const prova = () => {
    timer = null;
    if (chiuso) return finito(null);
    if (o.occupato()) {
      timer = setTimeout(prova, o.attesaMs ?? 60_000);
      return;
    }
    inCorso = vacuumInBackground(o.database, o.chiave).then((esito) => {
      if (esito.ok) {
        fs.rmSync(segno, { force: true });
        o.logger.log('info', 'database vacuumed after a retention run', { before: esito.prima, after: esito.dopo, ms: esito.ms });
      } else o.logger.log('warn', 'vacuum after a retention run failed, tried again at the next start', { reason: esito.failed.slice(0, 200) });
      finito(esito);
    });
  };
  timer = setTimeout(prova, o.attesaMs ?? 60_000);
  return {
    fatto,
    close: async () => {
      chiuso = true;
      if (timer) clearTimeout(timer);
      if (inCorso) await inCorso;
      else finito(null);
    },
  };
}
