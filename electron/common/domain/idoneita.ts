// Idoneità: a quesito can be brought to an appointment only if its esito is negativo,
// or it is still in attesa after its argomento's termine (in working days) has passed.
import type { Esito, IsoDate } from '../model';
import { addDays, addWorkingDays, compareIsoDate, formatDataIt } from './calendario';

export type Idoneita =
  | { idoneo: true; motivo: 'esito_negativo' | 'termine_scaduto'; dal: IsoDate }
  | { idoneo: false; motivo: 'esito_positivo' | 'in_attesa_nei_termini'; idoneoDal: IsoDate | null };

export type IdoneitaMotivo = Idoneita['motivo'];

/** The reason, as a phrase to compose into sentences or to label a filter. */
export const IDONEITA_MESSAGES: Record<IdoneitaMotivo, string> = {
  esito_negativo: 'esito negativo',
  termine_scaduto: 'termine di risposta scaduto',
  esito_positivo: 'esito positivo',
  in_attesa_nei_termini: 'in attesa di risposta, nei termini',
};

const scadenze = new Map<string, IsoDate>();

/** The last day INPS has to answer: the termineGiorni-th working day after the quesito was sent. */
export function scadenzaRisposta(dataInvio: IsoDate, termineGiorni: number): IsoDate {
  // Thousands of quesiti share a few hundred (day, termine) pairs: remember them (bounded).
  const key = `${dataInvio}|${termineGiorni}`;
  let scadenza = scadenze.get(key);
  if (scadenza === undefined) {
    if (scadenze.size >= 20_000) scadenze.clear();
    scadenza = addWorkingDays(dataInvio, termineGiorni);
    scadenze.set(key, scadenza);
  }
  return scadenza;
}

export function valutaIdoneita(q: { esito: Esito; dataInvio: IsoDate; dataEsito: IsoDate | null }, termineGiorni: number, oggi: IsoDate): Idoneita {
  switch (q.esito) {
    case 'negativo':
      // A negative answer without its date (older records) counts from the day it was sent.
      return { idoneo: true, motivo: 'esito_negativo', dal: q.dataEsito ?? q.dataInvio };
    case 'positivo':
      return { idoneo: false, motivo: 'esito_positivo', idoneoDal: null };
    case 'in_attesa': {
      // INPS still has the whole scadenza day to answer: idoneo from the calendar day after.
      const dal = addDays(scadenzaRisposta(q.dataInvio, termineGiorni), 1);
      return compareIsoDate(oggi, dal) >= 0
        ? { idoneo: true, motivo: 'termine_scaduto', dal }
        : { idoneo: false, motivo: 'in_attesa_nei_termini', idoneoDal: dal };
    }
  }
}

/** One line for the operator, e.g. 'Idoneo dal 05/03/2026 (termine di risposta scaduto)'. */
export function describeIdoneita(i: Idoneita): string {
  if (i.idoneo) return `Idoneo dal ${formatDataIt(i.dal)} (${IDONEITA_MESSAGES[i.motivo]})`;
  if (i.idoneoDal !== null) return `Diventa idoneo il ${formatDataIt(i.idoneoDal)}`;
  return `Non idoneo: ${IDONEITA_MESSAGES[i.motivo]}`;
}
