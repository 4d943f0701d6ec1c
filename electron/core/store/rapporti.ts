import type { TipologiaRapporto } from '../../common/model';
import { nominativo } from './fragments';
import type { Queries } from './queries';

export class RapportiStore {
  constructor(private readonly q: Queries) {}

  /** The datore of a rapporto; undefined when the office holds no such rapporto. */
  datoreDi(codice: string): string | undefined {
    return this.q.first(this.q.db.selectFrom('rapporti').select('datore_cf').where('codice', '=', codice))?.datore_cf;
  }

  diDatore(datoreCf: string): { codice: string; lavoratoreNominativo: string; tipologia: TipologiaRapporto; dataInizio: string; dataFine: string | null }[] {
    return this.q.all(
      this.q.db
        .selectFrom('rapporti')
        .select(['codice', 'lavoratore_nominativo as lavoratoreNominativo', 'tipologia', 'data_inizio as dataInizio', 'data_fine as dataFine'])
        .where('datore_cf', '=', datoreCf)
        .orderBy('data_inizio', 'desc'),
    );
  }

  /** Rapporti whose codice starts with `prefisso`: a range on the primary key. */
  perPrefisso(prefisso: string, limite: number): { codice: string; lavoratore: string; datore: string; cf: string }[] {
    return this.q.all(
      this.q.db
        .selectFrom('rapporti as r')
        .innerJoin('datori as d', 'd.codice_fiscale', 'r.datore_cf')
        .select(['r.codice', 'r.lavoratore_nominativo as lavoratore', nominativo('d').as('datore'), 'r.datore_cf as cf'])
        .where('r.codice', '>=', prefisso)
        .where('r.codice', '<', `${prefisso}:`)
        .orderBy('r.codice')
        .limit(limite),
    );
  }
}
