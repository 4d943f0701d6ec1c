import type { Worker } from 'node:worker_threads';
import { ATTESA_BLOCCO_MS } from '../../db/connection';
import { workerSqlite } from './sqliteWorker';

// Reads that take a whole core thread's turn (the Statistiche blocks: 20-130 ms each at office
// size) run on "lettori": worker threads, each with its own read-only connection to the file (WAL
// lets them read while the core writes), kept open while they are in use and closed once they
// rest. Each lane is one worker: requests on one lane run one after another, requests on different
// lanes at the same time, so the core's thread stays free and a screen's blocks use every core.

/** One statement and its parameters (named, structured-cloneable). */
export interface Lettura {
  sql: string;
  params: object;
}

/** Why a lane could not answer: the statement's own error, or the worker's. */
export class LetturaFallita extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'LetturaFallita';
  }
}

// The worker: one connection, its statements prepared once, each request's statements read in one
// read transaction (one snapshot for the figures of one block).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: workerData.readonly, fileMustExist: true });
for (const p of workerData.pragmi) db.pragma(p);
const statements = new Map();
const stmt = (sql) => {
  let s = statements.get(sql);
  if (!s) { s = db.prepare(sql); statements.set(sql, s); }
  return s;
};
const leggi = db.transaction((letture) => letture.map((l) => stmt(l.sql).all(l.params)));
parentPort.on('message', ({ id, letture }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: leggi(letture) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, failed: String((error && error.message) || error), code: (error && error.code) || null });
  }
});
`;

type Risposta = { id: number; ok: true; value: unknown[][] } | { id: number; ok: false; failed: string; code: string | null };

interface Attesa {
  resolve: (value: unknown[][]) => void;
  reject: (error: LetturaFallita) => void;
}

class Corsia {
  readonly #attese = new Map<number, Attesa>();
  #prossimo = 0;
  /** Terminated, or its thread failed or exited: the next request starts a new one. */
  chiusa = false;

  constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (r: Risposta) => {
      const attesa = this.#attese.get(r.id);
      if (!attesa) return;
      this.#attese.delete(r.id);
      if (this.#attese.size === 0) worker.unref();
      if (r.ok) attesa.resolve(r.value);
      else attesa.reject(new LetturaFallita(r.failed, r.code));
    });
    const fallisci = (message: string) => {
      for (const a of this.#attese.values()) a.reject(new LetturaFallita(message, null));
      this.#attese.clear();
      this.chiusa = true;
    };
    worker.on('error', (error) => fallisci(String((error as Error)?.message ?? error)));
    worker.on('exit', () => fallisci('the reader thread exited'));
  }

  leggi(letture: readonly Lettura[]): Promise<unknown[][]> {
    const id = this.#prossimo++;
    return new Promise((resolve, reject) => {
      this.#attese.set(id, { resolve, reject });
      // A request in flight keeps the process alive until it is answered; an idle reader does not.
      this.worker.ref();
      this.worker.postMessage({ id, letture });
    });
  }

  async chiudi(): Promise<void> {
    this.chiusa = true;
    await this.worker.terminate();
  }
}

export interface LettoriOptions {
  file: string;
  /** The database key; null for a plain file. */
  chiave: Buffer | null;
  /** How many lanes (workers) at most. */
  corsie: number;
  /** Pragmas for a new reader after the key's and the lock wait, such as its page cache (asked when it starts). */
  pragmi: () => string[];
  /** Readers are closed this long after the last request (their page caches with them). */
  riposoMs: number;
}

/** Read-only worker connections, one per lane, started on the first request and closed at rest. */
export class LettoriSqlite {
  readonly #corsie: (Corsia | null)[];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inCorso = 0;
  #chiuso = false;

  constructor(private readonly o: LettoriOptions) {
    this.#corsie = Array.from({ length: Math.max(1, o.corsie) }, () => null);
  }

  /** The statements, in one read transaction on lane `corsia` (modulo the lanes), their rows in order. */
  leggi(corsia: number, letture: readonly Lettura[]): Promise<unknown[][]> {
    if (this.#chiuso) return Promise.reject(new LetturaFallita('the readers are closed', null));
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const i = corsia % this.#corsie.length;
    let c = this.#corsie[i];
    if (!c || c.chiusa) {
      try {
        c = new Corsia(this.#avvia());
      } catch (error) {
        return Promise.reject(new LetturaFallita(String((error as Error)?.message ?? error), null));
      }
      this.#corsie[i] = c;
    }
    // The rest is counted from the last answer: a reader is never closed while it reads.
    this.#inCorso++;
    return c.leggi(letture).finally(() => {
      if (--this.#inCorso === 0 && !this.#chiuso) this.#riposa();
    });
  }

  #avvia(): Worker {
    return workerSqlite(WORKER_SOURCE, {
      file: this.o.file,
      chiave: this.o.chiave,
      readonly: true,
      pragmi: [`busy_timeout = ${ATTESA_BLOCCO_MS}`, ...this.o.pragmi()],
    });
  }

  #riposa(): void {
    this.#timer = setTimeout(() => void this.#chiudiCorsie(), this.o.riposoMs);
    this.#timer.unref?.();
  }

  async #chiudiCorsie(): Promise<void> {
    const aperte = this.#corsie.filter((c): c is Corsia => c !== null);
    this.#corsie.fill(null);
    await Promise.all(aperte.map((c) => c.chiudi()));
  }

  /** How many readers are running (for tests and the log). */
  get aperte(): number {
    return this.#corsie.filter((c) => c !== null && !c.chiusa).length;
  }

  async close(): Promise<void> {
    this.#chiuso = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#chiudiCorsie();
  }
}
