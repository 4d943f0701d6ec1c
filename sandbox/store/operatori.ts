import type { Operatore } from '../../electron/common/model';
import type { Store } from './store';

/** The operators of one intermediario, by name (#15). */
export function operatoriOf(store: Store, intermediarioId: string): { id: string; nominativo: string; username: string }[] {
  const rows = store.db.prepare('SELECT data FROM operatori WHERE intermediario_id = ? ORDER BY id').all(intermediarioId) as { data: string }[];
  return rows.map((r) => {
    const o = JSON.parse(r.data) as Operatore;
    return { id: o.id, nominativo: o.nominativo, username: o.username };
  });
}
