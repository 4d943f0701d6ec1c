import type { Queries } from './queries';

/** The audit log: one row per action on a client's data. */
export class RegistroStore {
  constructor(private readonly q: Queries) {}

  registra(azione: string, entita: string, entitaId: string, il: string): void {
    this.q.run(this.q.db.insertInto('audit_log').values({ il, operatore: null, azione, entita, entita_id: entitaId }));
  }
}
