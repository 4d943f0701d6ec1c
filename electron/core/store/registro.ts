import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Queries } from './queries';

/** The audit log: one row per action on a client's data. */
export class RegistroStore {
  #registra: BetterSqlite3.Statement | undefined;

  constructor(private readonly q: Queries) {}

  registra(azione: string, entita: string, entitaId: string, il: string): void {
    this.q.run(this.q.db.insertInto('audit_log').values({ il, operatore: null, azione, entita, entita_id: entitaId }));
  }

  /**
   * One row per entity of a batch, on a hand-prepared statement: a batch of 500 drafts is
   * measured against plain prepared inserts (`npm run bench`, row 8; see BozzeStore.inserisciMolte).
   */
  registraMolte(azione: string, entita: string, entitaIds: readonly string[], il: string, operatore: string | null = null): void {
    this.#registra ??= this.q.sqlite.prepare('INSERT INTO audit_log (il, operatore, azione, entita, entita_id) VALUES (?, ?, ?, ?, ?)');
    for (const entitaId of entitaIds) this.#registra.run(il, operatore, azione, entita, entitaId);
  }
}
