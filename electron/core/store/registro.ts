import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { CATENA_INIZIO, hashRiga, type RigaCatena } from '../../../db/registroCatena';
import type { Queries } from './queries';
import type { SessioneStore } from './sessione';

/** One action to record: what was done, to which object of which client, and how it ended. */
export interface VoceRegistro {
  azione: string;
  entita: string;
  entitaId?: string | null;
  clienteCf?: string | null;
  esito?: 'ok' | 'errore';
  dettagli?: string | null;
}

/** The chain's last link: the next row chains to `hash` and takes an id above `id`. */
interface Coda {
  id: number;
  hash: string;
}

/**
 * The registro attività (#12): append-only, each row chained to the previous by SHA-256
 * (db/registroCatena.ts). The operator is the login in use (sessione), never a password.
 */
export class RegistroStore {
  #inserisci: BetterSqlite3.Statement | undefined;
  #coda: BetterSqlite3.Statement | undefined;
  #sequenza: BetterSqlite3.Statement | undefined;

  constructor(
    private readonly q: Queries,
    private readonly sessione: SessioneStore,
  ) {}

  registra(voce: VoceRegistro, il: string): void {
    this.registraMolte([voce], il);
  }

  /**
   * Several rows in one go, on hand-prepared statements: a batch of 500 drafts is measured
   * against plain prepared inserts (`npm run bench`, row 8; see BozzeStore.inserisciMolte).
   * The tail is read and the rows written in one IMMEDIATE transaction (a savepoint inside the
   * caller's): another process on the same database (the CLI) cannot chain to the same tail.
   */
  registraMolte(voci: readonly VoceRegistro[], il: string): void {
    if (voci.length === 0) return;
    const operatore = this.sessione.ultimo()?.username ?? null;
    this.q.transaction(() => {
      let { id, hash } = this.#codaAttuale();
      this.#inserisci ??= this.q.sqlite.prepare(
        'INSERT INTO audit_log (id, il, operatore, azione, entita, entita_id, cliente_cf, esito, dettagli, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const voce of voci) {
        const riga: RigaCatena = {
          id: id + 1,
          il,
          operatore,
          azione: voce.azione,
          entita: voce.entita,
          entita_id: voce.entitaId ?? null,
          cliente_cf: voce.clienteCf ?? null,
          esito: voce.esito ?? 'ok',
          dettagli: voce.dettagli ?? null,
        };
        hash = hashRiga(hash, riga);
        id = riga.id;
        this.#inserisci.run(id, il, operatore, riga.azione, riga.entita, riga.entita_id, riga.cliente_cf, riga.esito, riga.dettagli, hash);
      }
    });
  }

  /**
   * The last row's hash, and the highest id ever given (AUTOINCREMENT's sequence): the next id
   * is above it, so rows removed from the end leave a gap that `registro.verifica` reports.
   */
  #codaAttuale(): Coda {
    this.#coda ??= this.q.sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.#sequenza ??= this.q.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck();
    const coda = this.#coda.get() as { id: number; hash: string | null } | undefined;
    const sequenza = (this.#sequenza.get() as number | undefined) ?? 0;
    return { id: Math.max(coda?.id ?? 0, sequenza), hash: coda?.hash ?? CATENA_INIZIO };
  }
}
