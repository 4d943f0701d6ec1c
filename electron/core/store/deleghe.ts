import { sql, type RawBuilder } from 'kysely';
import type { DaFare, DelegaCorrente } from '../../common/commands/types';
import type { DelegaStato, IsoDate } from '../../common/model';
import { nominativo } from './fragments';
import { jsonList } from './jsonList';
import type { Queries } from './queries';

/**
 * The datore's current delega to this office — the most recent one (signature day, then id) —
 * as a scalar subquery. One definition of "the client's state" for every query that needs it.
 * `datoreCf` is a column reference or `?`; never user text.
 */
export function currentDelegaSql(column: 'id' | 'stato' | 'data_scadenza', datoreCf: string): string {
  return `(SELECT cd.${column} FROM deleghe cd WHERE cd.datore_cf = ${datoreCf} ORDER BY cd.data_sottoscrizione DESC, cd.id DESC LIMIT 1)`;
}

type CurrentColumnType = { id: string; stato: DelegaStato; data_scadenza: IsoDate };

/** The same subquery for Kysely, per row of a query where `datoreCfColumn` names the datore. */
export function currentDelega<C extends keyof CurrentColumnType>(column: C, datoreCfColumn: string): RawBuilder<CurrentColumnType[C] | null> {
  return sql<CurrentColumnType[C] | null>`${sql.raw(currentDelegaSql(column, datoreCfColumn))}`;
}

const LIMIT = 50;

export class DelegheStore {
  constructor(private readonly q: Queries) {}

  /** The state of the datore's current delega; null when the office holds none. */
  statoCorrente(datoreCf: string): DelegaStato | null {
    return this.corrente(datoreCf)?.stato ?? null;
  }

  corrente(datoreCf: string): DelegaCorrente | undefined {
    return this.q.first(
      this.q.db
        .selectFrom('deleghe')
        .select([
          'stato',
          'data_sottoscrizione as dataSottoscrizione',
          'data_attivazione as dataAttivazione',
          'data_scadenza as dataScadenza',
          'data_fine as dataFine',
          'motivo_fine as motivoFine',
        ])
        .where('datore_cf', '=', datoreCf)
        .orderBy('data_sottoscrizione', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
  }

  /** Each known client of the list with the state of its current delega (null: none), for a batch's checks. */
  perDatori(datori: readonly string[]): { datoreCf: string; datoreNominativo: string; stato: DelegaStato | null }[] {
    if (datori.length === 0) return [];
    return this.q.all(
      this.q.db
        .selectFrom('datori as d')
        .select(['d.codice_fiscale as datoreCf', nominativo('d').as('datoreNominativo'), currentDelega('stato', 'd.codice_fiscale').as('stato')])
        .where('d.codice_fiscale', 'in', jsonList(datori)),
    );
  }

  /** Current deleghe in a state, for the worklist: the first 50 by client name. */
  daAttivare(): DaFare['deleghe']['daAttivare'] {
    return this.q.all(this.#correnti().where('dl.stato', '=', 'da_attivare'));
  }

  inScadenza(dal: IsoDate, al: IsoDate): DaFare['deleghe']['inScadenza'] {
    return this.q.all(
      this.#correnti()
        .where('dl.stato', '=', 'attiva')
        .where('dl.data_scadenza', '>=', dal)
        .where('dl.data_scadenza', '<=', al)
        .$narrowType<{ dataScadenza: IsoDate }>(),
    );
  }

  finiteDal(dal: IsoDate): DaFare['deleghe']['revocateDiRecente'] {
    return this.q.all(this.#correnti().where('dl.stato', 'in', ['revocata', 'annullata']).where('dl.data_fine', '>=', dal));
  }

  #correnti() {
    return this.q.db
      .selectFrom('deleghe as dl')
      .innerJoin('datori as d', 'd.codice_fiscale', 'dl.datore_cf')
      .select([
        'dl.datore_cf as datoreCf',
        nominativo('d').as('datoreNominativo'),
        'dl.stato',
        'dl.data_sottoscrizione as dataSottoscrizione',
        'dl.data_scadenza as dataScadenza',
        'dl.data_fine as dataFine',
      ])
      .where('dl.id', '=', currentDelega('id', 'dl.datore_cf'))
      .orderBy('d.cognome')
      .orderBy('d.nome')
      .limit(LIMIT);
  }
}
