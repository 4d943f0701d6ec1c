import type { SedeRiga } from '../../common/commands/types';
import type { Modalita, Sede } from '../../common/model';
import { parseModalita } from './fragments';
import { jsonList } from './jsonList';
import type { Queries } from './queries';

export class SediStore {
  constructor(private readonly q: Queries) {}

  elenco(): SedeRiga[] {
    const rows = this.q.all(this.q.db.selectFrom('sedi').select(['id', 'nome', 'indirizzo', 'comune', 'provincia', 'modalita']).orderBy('nome'));
    return rows.map((r) => ({ ...r, modalita: parseModalita(r.modalita) }));
  }

  /** The modes a sede offers; undefined for an unknown sede. */
  modalita(id: string): Modalita[] | undefined {
    const row = this.q.first(this.q.db.selectFrom('sedi').select('modalita').where('id', '=', id));
    return row ? parseModalita(row.modalita) : undefined;
  }

  /** Address line and slot length of every sede, for the agenda export (a few hundred rows). */
  perAgenda(): Map<string, { indirizzo: string; slot: number }> {
    const rows = this.q.all(this.q.db.selectFrom('sedi').select(['id', 'indirizzo', 'comune', 'slot_minuti as slot']));
    return new Map(rows.map((s) => [s.id, { indirizzo: `${s.indirizzo}, ${s.comune}`, slot: s.slot }]));
  }

  /** What a batch needs of some sedi: name and modes (checks), slot length, timetable and closures (offline preferences). */
  perBlocco(ids: readonly string[]): Map<string, Pick<Sede, 'id' | 'nome' | 'modalita' | 'slotMinuti' | 'orari' | 'chiusure'>> {
    if (ids.length === 0) return new Map();
    const rows = this.q.all(
      this.q.db.selectFrom('sedi').select(['id', 'nome', 'modalita', 'slot_minuti as slotMinuti', 'orari', 'chiusure']).where('id', 'in', jsonList(ids)),
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { ...r, modalita: parseModalita(r.modalita), orari: JSON.parse(r.orari) as Sede['orari'], chiusure: JSON.parse(r.chiusure) as Sede['chiusure'] },
      ]),
    );
  }

  /** Name and modes of some sedi: what preparing a batch checks (without parsing timetables and closures). */
  modalitaDi(ids: readonly string[]): Map<string, Pick<Sede, 'nome' | 'modalita'>> {
    if (ids.length === 0) return new Map();
    const rows = this.q.all(this.q.db.selectFrom('sedi').select(['id', 'nome', 'modalita']).where('id', 'in', jsonList(ids)));
    return new Map(rows.map((r) => [r.id, { nome: r.nome, modalita: parseModalita(r.modalita) }]));
  }
}
