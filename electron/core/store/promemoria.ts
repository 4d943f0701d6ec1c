import type { AppuntamentoStato, ArgomentoCodice, IsoDate, LocalTime, Modalita } from '../../common/model';
import type { Queries } from './queries';

/** What a promemoria for the client prints about one appointment, from the local cache. */
export interface PromemoriaDati {
  id: string;
  data: IsoDate;
  ora: LocalTime;
  stato: AppuntamentoStato;
  modalita: Modalita;
  codiceRapporto: string;
  cliente: { codiceFiscale: string; nome: string; cognome: string; email: string | null; telefono: string | null };
  lavoratoreNominativo: string | null;
  /** Null when the sede is not in the cache. */
  sede: { nome: string; indirizzo: string; comune: string; provincia: string } | null;
  quesiti: { protocollo: string; argomento: ArgomentoCodice; argomentoDescrizione: string | null; oggetto: string }[];
  /** The attachments' file names, in their order. */
  allegati: string[];
}

/** The data of the clients' promemoria (PDF and e-mail): one appointment at a time, by key. */
export class PromemoriaStore {
  constructor(private readonly q: Queries) {}

  /** Undefined when the appointment is not in the cache. */
  perAppuntamento(id: string): PromemoriaDati | undefined {
    const row = this.q.first(
      this.q.db
        .selectFrom('appuntamenti as a')
        .innerJoin('datori as d', 'd.codice_fiscale', 'a.datore_cf')
        .leftJoin('sedi as s', 's.id', 'a.sede_id')
        .leftJoin('rapporti as r', 'r.codice', 'a.codice_rapporto')
        .select(['a.id', 'a.data', 'a.ora', 'a.stato', 'a.modalita', 'a.codice_rapporto as codiceRapporto'])
        .select(['d.codice_fiscale as cf', 'd.nome', 'd.cognome', 'd.email', 'd.telefono', 'r.lavoratore_nominativo as lavoratore'])
        .select(['s.nome as sedeNome', 's.indirizzo', 's.comune', 's.provincia'])
        .where('a.id', '=', id),
    );
    if (!row) return undefined;
    const { cf, nome, cognome, email, telefono, lavoratore, sedeNome, indirizzo, comune, provincia, ...appuntamento } = row;
    return {
      ...appuntamento,
      cliente: { codiceFiscale: cf, nome, cognome, email, telefono },
      lavoratoreNominativo: lavoratore,
      sede: sedeNome === null ? null : { nome: sedeNome, indirizzo: indirizzo ?? '', comune: comune ?? '', provincia: provincia ?? '' },
      quesiti: this.#quesiti(id),
      allegati: this.q
        .all(this.q.db.selectFrom('appuntamento_allegati').select('nome_file').where('appuntamento_id', '=', id).orderBy('posizione'))
        .map((a) => a.nome_file),
    };
  }

  #quesiti(id: string): PromemoriaDati['quesiti'] {
    return this.q.all(
      this.q.db
        .selectFrom('appuntamento_quesiti as l')
        .innerJoin('quesiti as q', 'q.id', 'l.quesito_id')
        .leftJoin('argomenti as g', 'g.codice', 'q.argomento')
        .select(['q.protocollo', 'q.argomento', 'g.descrizione as argomentoDescrizione', 'q.oggetto'])
        .where('l.appuntamento_id', '=', id)
        .orderBy('q.data_invio')
        .orderBy('q.protocollo'),
    );
  }
}
