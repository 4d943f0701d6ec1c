import { sql, type Kysely } from 'kysely';
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
      // From the quesito's own links, then each appointment by key (CROSS JOIN pins that order:
      // without statistics SQLite may otherwise scan every Confermato appointment per quesito).
      sql<number>`EXISTS (SELECT 1 FROM appuntamento_quesiti l CROSS JOIN appuntamenti ap ON ap.id = l.appuntamento_id
        WHERE l.quesito_id = q.id AND ap.stato = 'confermato')`.as('booked'),
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
