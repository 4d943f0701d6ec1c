import type { OperatoreRemoto } from '../../common/remote/changes';
import type { Queries } from './queries';

/** An operator of the office, as the service last listed them (#15). */
export interface OperatoreNoto {
  id: string;
  nominativo: string;
  username: string | null;
}

/**
 * The office's operators by name: the service's list, replaced whole at each sync. The change feed
 * carries only their ids; this is where screens and exports turn `op-004` into a name.
 */
export class OperatoriStore {
  constructor(private readonly q: Queries) {}

  tutti(): OperatoreNoto[] {
    return this.q.all(this.q.db.selectFrom('operatori').select(['id', 'nominativo', 'username']).orderBy('id'));
  }

  /** id → nominativo, for exports that name operators row by row (a handful of rows, read once). */
  nomi(): Map<string, string> {
    return new Map(this.tutti().map((o) => [o.id, o.nominativo]));
  }

  /**
   * The service's list becomes the table, in one transaction: whoever it no longer lists
   * disappears, and a failure halfway leaves the previous list. Writes nothing when nothing
   * changed (the sync asks every few minutes). Returns whether the table changed.
   */
  sostituisci(lista: readonly OperatoreRemoto[], il: string): boolean {
    const chiave = (l: readonly OperatoreNoto[]) =>
      JSON.stringify([...l].sort((a, b) => a.id.localeCompare(b.id)).map((o) => [o.id, o.nominativo, o.username]));
    return this.q.transaction(() => {
      if (chiave(this.tutti()) === chiave(lista)) return false;
      this.q.run(this.q.db.deleteFrom('operatori'));
      for (const o of lista) {
        this.q.run(this.q.db.insertInto('operatori').values({ id: o.id, nominativo: o.nominativo, username: o.username, aggiornato_il: il }));
      }
      return true;
    });
  }
}
