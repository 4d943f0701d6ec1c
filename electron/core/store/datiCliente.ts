import type { Datore } from '../../common/model';
import { jsonList } from './jsonList';
import type { Queries } from './queries';

/**
 * Everything this PC holds about one client, for «Esporta i dati del cliente» (GDPR art. 15):
 * as stored, one plain row per record, so the export's JSON is the data and not a screen of it.
 */
export class DatiClienteStore {
  constructor(private readonly q: Queries) {}

  datore(cf: string): Datore | undefined {
    return this.q.first(
      this.q.db
        .selectFrom('datori')
        .select(['codice_fiscale as codiceFiscale', 'cognome', 'nome', 'comune', 'provincia', 'telefono', 'email'])
        .where('codice_fiscale', '=', cf),
    );
  }

  deleghe(cf: string) {
    return this.q.all(
      this.q.db
        .selectFrom('deleghe')
        .select([
          'id',
          'stato',
          'data_sottoscrizione as dataSottoscrizione',
          'data_attivazione as dataAttivazione',
          'data_scadenza as dataScadenza',
          'data_fine as dataFine',
          'motivo_fine as motivoFine',
        ])
        .where('datore_cf', '=', cf)
        .orderBy('data_sottoscrizione')
        .orderBy('id'),
    );
  }

  rapporti(cf: string) {
    return this.q.all(
      this.q.db
        .selectFrom('rapporti')
        .select([
          'codice',
          'lavoratore_cf as lavoratoreCf',
          'lavoratore_nominativo as lavoratoreNominativo',
          'tipologia',
          'data_inizio as dataInizio',
          'data_fine as dataFine',
        ])
        .where('datore_cf', '=', cf)
        .orderBy('codice'),
    );
  }

  quesiti(cf: string) {
    return this.q.all(
      this.q.db
        .selectFrom('quesiti as q')
        .innerJoin('rapporti as r', 'r.codice', 'q.codice_rapporto')
        .leftJoin('argomenti as ar', 'ar.codice', 'q.argomento')
        .select([
          'q.id',
          'q.protocollo',
          'q.codice_rapporto as codiceRapporto',
          'q.argomento',
          'ar.descrizione as argomentoDescrizione',
          'q.oggetto',
          'q.data_invio as dataInvio',
          'q.esito',
          'q.data_esito as dataEsito',
          'q.motivo_esito as motivoEsito',
        ])
        .where('r.datore_cf', '=', cf)
        .orderBy('q.data_invio')
        .orderBy('q.id'),
    );
  }

  appuntamenti(cf: string) {
    const righe = this.q.all(
      this.q.db
        .selectFrom('appuntamenti as a')
        .leftJoin('sedi as s', 's.id', 'a.sede_id')
        .select([
          'a.id',
          'a.codice_rapporto as codiceRapporto',
          'a.sede_id as sedeId',
          's.nome as sedeNome',
          'a.data',
          'a.ora',
          'a.modalita',
          'a.stato',
          'a.cancellato_da as cancellatoDa',
          'a.motivo_stato as motivoStato',
          'a.nota',
          'a.gestito_da_intermediario as gestitoDaIntermediario',
          'a.operatore_id as operatoreId',
          'a.creato_il as creatoIl',
          'a.aggiornato_il as aggiornatoIl',
        ])
        .where('a.datore_cf', '=', cf)
        .orderBy('a.data')
        .orderBy('a.ora')
        .orderBy('a.id'),
    );
    return righe.map((a) => ({
      ...a,
      gestitoDaIntermediario: a.gestitoDaIntermediario === 1,
      quesitiIds: this.q
        .all(this.q.db.selectFrom('appuntamento_quesiti').select('quesito_id').where('appuntamento_id', '=', a.id).orderBy('quesito_id'))
        .map((r) => r.quesito_id),
      storico: this.q.all(
        this.q.db.selectFrom('appuntamento_stati').select(['stato', 'il', 'origine', 'motivo']).where('appuntamento_id', '=', a.id).orderBy('il'),
      ),
      allegati: this.q.all(
        this.q.db
          .selectFrom('appuntamento_allegati')
          .select(['posizione', 'sha256', 'nome_file as nomeFile', 'mime', 'dimensione'])
          .where('appuntamento_id', '=', a.id)
          .orderBy('posizione'),
      ),
    }));
  }

  /** The messages with the sede cached here, and the replies still queued or refused (not yet in the cache). */
  comunicazioni(cf: string) {
    const inviate = this.q.all(
      this.q.db
        .selectFrom('comunicazioni as c')
        .innerJoin('appuntamenti as a', 'a.id', 'c.appuntamento_id')
        .select(['c.id', 'c.appuntamento_id as appuntamentoId', 'c.autore', 'c.testo', 'c.inviata_il as inviataIl'])
        .where('a.datore_cf', '=', cf)
        .orderBy('c.inviata_il')
        .orderBy('c.id'),
    );
    const inCoda = this.q
      .all(
        this.q.db
          .selectFrom('outbox as o')
          .innerJoin('appuntamenti as a', 'a.id', 'o.entita_id')
          .select(['o.payload', 'o.stato', 'o.creato_il as creataIl', 'o.ultimo_errore as errore'])
          .where('a.datore_cf', '=', cf)
          .where('o.tipo', '=', 'comunicazione')
          .where('o.stato', '<>', 'fatto')
          .orderBy('o.id'),
      )
      .map(({ payload, ...r }) => {
        const p = JSON.parse(payload) as { id: string; appuntamentoId: string; testo: string };
        return { id: p.id, appuntamentoId: p.appuntamentoId, testo: p.testo, ...r };
      });
    return { inviate, inCoda };
  }

  bozze(cf: string) {
    const righe = this.q.all(
      this.q.db
        .selectFrom('bozze')
        .select([
          'id',
          'codice_rapporto as codiceRapporto',
          'stato',
          'sede_id as sedeId',
          'data_preferita as dataPreferita',
          'ora_preferita as oraPreferita',
          'finestra_dal as finestraDal',
          'finestra_al as finestraAl',
          'modalita',
          'nota',
          'quesiti',
          'errore_messaggio as erroreMessaggio',
          'appuntamento_id as appuntamentoId',
          'operatore_id as operatoreId',
          'creata_il as creataIl',
          'aggiornata_il as aggiornataIl',
        ])
        .where('datore_cf', '=', cf)
        .orderBy('creata_il')
        .orderBy('id'),
    );
    return righe.map(({ quesiti, ...b }) => ({
      ...b,
      quesitiIds: JSON.parse(quesiti) as string[],
      allegati: this.q.all(
        this.q.db
          .selectFrom('bozza_allegati as ba')
          .innerJoin('allegati as al', 'al.sha256', 'ba.sha256')
          .select(['ba.posizione', 'ba.sha256', 'ba.nome_file as nomeFile', 'al.mime', 'al.dimensione'])
          .where('ba.bozza_id', '=', b.id)
          .orderBy('ba.posizione'),
      ),
    }));
  }

  /** Which of these attachments this PC holds the bytes of. */
  tenuti(sha256: readonly string[]): Set<string> {
    if (sha256.length === 0) return new Set();
    return new Set(this.q.all(this.q.db.selectFrom('allegati').select('sha256').where('sha256', 'in', jsonList(sha256))).map((r) => r.sha256));
  }

  /** The registro's rows about the client: what the office did with their data, and when. */
  registro(cf: string) {
    return this.q.all(
      this.q.db
        .selectFrom('audit_log')
        .select(['il', 'operatore', 'azione', 'entita', 'entita_id as entitaId', 'esito'])
        .where('cliente_cf', '=', cf)
        .orderBy('id'),
    );
  }
}

export type DatiCliente = {
  datore: Datore;
  deleghe: ReturnType<DatiClienteStore['deleghe']>;
  rapporti: ReturnType<DatiClienteStore['rapporti']>;
  quesiti: ReturnType<DatiClienteStore['quesiti']>;
  appuntamenti: ReturnType<DatiClienteStore['appuntamenti']>;
  comunicazioni: ReturnType<DatiClienteStore['comunicazioni']>;
  bozze: ReturnType<DatiClienteStore['bozze']>;
  registro: ReturnType<DatiClienteStore['registro']>;
};
