import type { Queries } from './queries';

/** Who the service logged in: the username and, for an intermediary's operator, the service's operator id. */
export interface OperatoreCollegato {
  username: string;
  operatoreId: string | null;
}

/** The operator last logged in on this database (one row), so drafts made offline still say who made them. */
export class SessioneStore {
  constructor(private readonly q: Queries) {}

  ultimo(): OperatoreCollegato | null {
    const row = this.q.first(this.q.db.selectFrom('sessione').select(['username', 'operatore_id as operatoreId']).where('id', '=', 1));
    return row ?? null;
  }

  /** Writes only when the operator changed: called on every draft created online. */
  ricorda(operatore: OperatoreCollegato, il: string): void {
    const ora = this.ultimo();
    if (ora && ora.username === operatore.username && ora.operatoreId === operatore.operatoreId) return;
    this.q.run(
      this.q.db
        .insertInto('sessione')
        .values({ id: 1, username: operatore.username, operatore_id: operatore.operatoreId, aggiornata_il: il })
        .onConflict((oc) => oc.column('id').doUpdateSet({ username: operatore.username, operatore_id: operatore.operatoreId, aggiornata_il: il })),
    );
  }

  /** After the operator logs out: drafts made from now on record nobody until the next login. */
  dimentica(): void {
    this.q.run(this.q.db.deleteFrom('sessione'));
  }
}
