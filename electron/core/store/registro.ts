import type { Queries } from './queries';

/** Rows per multi-row INSERT (5 columns each): one statement shape per batch size up to it. */
const RIGHE_PER_INSERT = 100;

/** The audit log: one row per action on a client's data. */
export class RegistroStore {
  constructor(private readonly q: Queries) {}

  registra(azione: string, entita: string, entitaId: string, il: string): void {
    this.q.run(this.q.db.insertInto('audit_log').values({ il, operatore: null, azione, entita, entita_id: entitaId }));
  }

  /** One row per entity of a batch, many rows per INSERT (a one-row insert costs ~65 µs to build, a row of a multi-row one ~3 µs). */
  registraMolte(azione: string, entita: string, entitaIds: readonly string[], il: string, operatore: string | null = null): void {
    for (let i = 0; i < entitaIds.length; i += RIGHE_PER_INSERT) {
      const values = entitaIds.slice(i, i + RIGHE_PER_INSERT).map((entitaId) => ({ il, operatore, azione, entita, entita_id: entitaId }));
      this.q.run(this.q.db.insertInto('audit_log').values(values));
    }
  }
}
