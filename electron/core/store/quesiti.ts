import { sql } from 'kysely';
import type { QuesitoDaFare, QuesitoRiga } from '../../common/commands/types';
import { describeIdoneita, scadenzaRisposta, valutaIdoneita } from '../../common/domain/idoneita';
import type { DelegaStato, Esito, IsoDate } from '../../common/model';
import { currentDelega } from './deleghe';
import { nominativo } from './fragments';
import { jsonList } from './jsonList';
import type { Queries } from './queries';

/**
 * Whether the quesito (`quesitoId`, a column reference) is already in a Confermato appointment.
 * From the quesito's own links, then each appointment by key (CROSS JOIN pins that order:
 * without statistics SQLite may otherwise scan every Confermato appointment per quesito).
 */
function prenotato(quesitoId: string) {
  return sql<number>`EXISTS (SELECT 1 FROM appuntamento_quesiti l CROSS JOIN appuntamenti ap ON ap.id = l.appuntamento_id
    WHERE l.quesito_id = ${sql.ref(quesitoId)} AND ap.stato = 'confermato')`;
}

/** An open quesito of an active client, with what the idoneità rule needs. */
export type QuesitoAperto = Omit<QuesitoDaFare, 'data' | 'giorni'> & { esito: Esito; dataInvio: string; dataEsito: string | null; termine: number };

/** What sending a draft checks per quesito, on the day it is sent. */
export interface QuesitoPerInvio {
  protocollo: string;
  esito: Esito;
  dataInvio: string;
  dataEsito: string | null;
  termine: number;
  prenotato: number;
}

/** What preparing a batch reads of a quesito: its rapporto, client and delega, and the idoneità inputs. */
export interface QuesitoPreparabile extends QuesitoPerInvio {
  id: string;
  codiceRapporto: string;
  datoreCf: string;
  datoreNominativo: string;
  delega: DelegaStato | null;
}

export class QuesitiStore {
  constructor(private readonly q: Queries) {}

  /** Quesiti of some rapporti with their idoneità on `oggi` (the termini come from the argomenti table). */
  conIdoneita(codiciRapporto: string[], oggi: IsoDate): (QuesitoRiga & { codiceRapporto: string })[] {
    if (codiciRapporto.length === 0) return [];
    const rows = this.q.all(
      this.q.db
        .selectFrom('quesiti as q')
        .innerJoin('argomenti as a', 'a.codice', 'q.argomento')
        .select([
          'q.id',
          'q.protocollo',
          'q.codice_rapporto as codiceRapporto',
          'q.argomento',
          'a.descrizione as argomentoDescrizione',
          'a.termine_giorni as termineGiorni',
          'q.oggetto',
          'q.data_invio as dataInvio',
          'q.esito',
          'q.data_esito as dataEsito',
          prenotato('q.id').as('booked'),
        ])
        .where('q.codice_rapporto', 'in', codiciRapporto)
        .orderBy('q.data_invio', 'desc')
        .orderBy('q.id'),
    );
    return rows.map(({ termineGiorni, booked, ...q }) => {
      const idoneita = valutaIdoneita(q, termineGiorni, oggi);
      const giaPrenotato = Boolean(booked);
      return {
        ...q,
        scadenza: scadenzaRisposta(q.dataInvio, termineGiorni),
        idoneita,
        idoneitaTesto: giaPrenotato ? 'Già in un appuntamento confermato' : describeIdoneita(idoneita),
        prenotato: giaPrenotato,
      };
    });
  }

  /** Open quesiti of clients the office may act for, not already in a confermato appointment. */
  apertiDiClientiAttivi(): QuesitoAperto[] {
    return this.q.all(
      this.#conDatore()
        .select([
          'qu.id',
          'qu.protocollo',
          'qu.oggetto',
          'qu.codice_rapporto as codiceRapporto',
          'qu.esito',
          'qu.data_invio as dataInvio',
          'qu.data_esito as dataEsito',
          'ar.termine_giorni as termine',
          'r.datore_cf as datoreCf',
          nominativo('d').as('datoreNominativo'),
        ])
        .where('qu.esito', 'in', ['in_attesa', 'negativo'])
        .where(currentDelega('stato', 'r.datore_cf'), '=', 'attiva')
        .where(sql<boolean>`NOT ${prenotato('qu.id')}`),
    );
  }

  /** The rapporto a quesito belongs to; undefined for an unknown quesito. */
  rapportoDi(quesitoId: string): string | undefined {
    return this.q.first(this.q.db.selectFrom('quesiti').select('codice_rapporto').where('id', '=', quesitoId))?.codice_rapporto;
  }

  /** One quesito as sending checks it (one query path with perInvioMolti). */
  perInvio(quesitoId: string): QuesitoPerInvio | undefined {
    return this.perInvioMolti([quesitoId]).get(quesitoId);
  }

  /** The quesiti sending checks, in one query, keyed by id. */
  perInvioMolti(ids: readonly string[]): Map<string, QuesitoPerInvio> {
    if (ids.length === 0) return new Map();
    const rows = this.q.all(
      this.q.db
        .selectFrom('quesiti as q')
        .innerJoin('argomenti as a', 'a.codice', 'q.argomento')
        .select([
          'q.id',
          'q.protocollo',
          'q.esito',
          'q.data_invio as dataInvio',
          'q.data_esito as dataEsito',
          'a.termine_giorni as termine',
          prenotato('q.id').as('prenotato'),
        ])
        .where('q.id', 'in', jsonList(ids)),
    );
    return new Map(rows.map(({ id, ...q }) => [id, q]));
  }

  /** The quesiti a batch names, with their client and delega (unknown ids are absent). */
  perPreparazione(ids: readonly string[]): QuesitoPreparabile[] {
    if (ids.length === 0) return [];
    return this.q.all(this.#preparabili().where('qu.id', 'in', jsonList(ids)));
  }

  /** The open quesiti (in attesa or negativo) of these clients, for «all the idonei quesiti of these clients». */
  apertiDiDatori(datori: readonly string[]): QuesitoPreparabile[] {
    if (datori.length === 0) return [];
    return this.q.all(this.#preparabili().where('r.datore_cf', 'in', jsonList(datori)).where('qu.esito', 'in', ['in_attesa', 'negativo']));
  }

  /** A quesito with its argomento (for the termine), its rapporto and the rapporto's datore. */
  #conDatore() {
    return this.q.db
      .selectFrom('quesiti as qu')
      .innerJoin('argomenti as ar', 'ar.codice', 'qu.argomento')
      .innerJoin('rapporti as r', 'r.codice', 'qu.codice_rapporto')
      .innerJoin('datori as d', 'd.codice_fiscale', 'r.datore_cf');
  }

  #preparabili() {
    return this.#conDatore()
      .select([
        'qu.id',
        'qu.protocollo',
        'qu.codice_rapporto as codiceRapporto',
        'r.datore_cf as datoreCf',
        nominativo('d').as('datoreNominativo'),
        currentDelega('stato', 'r.datore_cf').as('delega'),
        'qu.esito',
        'qu.data_invio as dataInvio',
        'qu.data_esito as dataEsito',
        'ar.termine_giorni as termine',
        prenotato('qu.id').as('prenotato'),
      ])
      .orderBy('qu.codice_rapporto')
      .orderBy('qu.data_invio')
      .orderBy('qu.id');
  }
}
