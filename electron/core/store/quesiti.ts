import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { describeIdoneita, scadenzaRisposta, valutaIdoneita } from '../../common/domain/idoneita';
import type { QuesitoRiga } from '../../common/commands/types';
import type { IsoDate } from '../../common/model';

/** Quesiti of some rapporti with their idoneità on `oggi` (the termini come from the argomenti table). */
export async function quesitiConIdoneita(db: Kysely<Database>, codiciRapporto: string[], oggi: IsoDate): Promise<(QuesitoRiga & { codiceRapporto: string })[]> {
  if (codiciRapporto.length === 0) return [];
  const rows = await db
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
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('appuntamento_quesiti as l')
              .innerJoin('appuntamenti as ap', 'ap.id', 'l.appuntamento_id')
              .select('l.quesito_id')
              .whereRef('l.quesito_id', '=', 'q.id')
              .where('ap.stato', '=', 'confermato'),
          )
          .as('booked'),
    ])
    .where('q.codice_rapporto', 'in', codiciRapporto)
    .orderBy('q.data_invio', 'desc')
    .orderBy('q.id')
    .execute();
  return rows.map(({ termineGiorni, booked, ...q }) => {
    const idoneita = valutaIdoneita(q, termineGiorni, oggi);
    const prenotato = Boolean(booked);
    return {
      ...q,
      scadenza: scadenzaRisposta(q.dataInvio, termineGiorni),
      idoneita,
      idoneitaTesto: prenotato ? 'Già in un appuntamento confermato' : describeIdoneita(idoneita),
      prenotato,
    };
  });
}
