import type { Bozza } from '../../common/commands/types';
import { romeDate } from '../../common/domain/calendario';
import { describeIdoneita, valutaIdoneita } from '../../common/domain/idoneita';
import { AppError, type ErrorDetail } from '../../common/errors';
import type { Store } from '../store/index';
import type { BozzaCompleta } from './outbox';

// The service's booking rules, checked against the local cache before anything is queued:
// the operator learns at once, offline too, what the service would refuse.

/** The draft's rapporto and client, checked for an active delega. Returns the datore's codice fiscale. */
export function checkRapportoOperabile(store: Store, codiceRapporto: string): string {
  const datoreCf = store.rapporti.datoreDi(codiceRapporto);
  if (!datoreCf) {
    throw new AppError('NON_TROVATO', `Nessun rapporto con codice ${codiceRapporto} tra i clienti dell’ufficio.`, [
      { path: 'codiceRapporto', message: 'Rapporto sconosciuto.' },
    ]);
  }
  const delega = store.deleghe.statoCorrente(datoreCf);
  if (delega !== 'attiva') {
    throw new AppError('DELEGA_NON_ATTIVA', 'La delega del cliente non è attiva: non si possono preparare né inviare appuntamenti per lui.', [
      { path: 'codiceRapporto', message: `Delega ${delega ?? 'assente'}.` },
    ]);
  }
  return datoreCf;
}

/** Quesiti of the rapporto, sede and mode: what a draft may hold at any time. */
export function checkCampi(store: Store, b: Pick<Bozza, 'codiceRapporto' | 'quesitiIds' | 'sedeId' | 'modalita'>): void {
  const details: ErrorDetail[] = [];
  b.quesitiIds.forEach((id, i) => {
    if (store.quesiti.rapportoDi(id) !== b.codiceRapporto)
      details.push({ path: `quesitiIds.${i}`, message: `Il quesito ${id} non appartiene al rapporto ${b.codiceRapporto}.` });
  });
  if (details.length > 0) throw new AppError('QUESITO_ALTRO_RAPPORTO', details[0]!.message, details);
  if (b.sedeId === null) return;
  const modi = store.sedi.modalita(b.sedeId);
  if (modi === undefined)
    throw new AppError('NON_TROVATO', 'Sede sconosciuta: aggiorna i dati con «Sincronizza ora».', [{ path: 'sedeId', message: 'Sede sconosciuta.' }]);
  if (b.modalita !== null && !modi.includes(b.modalita)) {
    throw new AppError('MODALITA_NON_DISPONIBILE', 'La sede scelta non offre questa modalità di appuntamento.', [
      { path: 'modalita', message: 'Modalità non offerta dalla sede.' },
    ]);
  }
}

/** Everything the service needs to book, checked on the day of sending. */
export function checkInviabile(store: Store, b: Bozza, now: Date): BozzaCompleta {
  const missing: ErrorDetail[] = [];
  if (b.quesitiIds.length === 0) missing.push({ path: 'quesitiIds', message: 'Scegli almeno un quesito idoneo.' });
  if (b.sedeId === null) missing.push({ path: 'sedeId', message: 'Scegli la sede.' });
  if (b.data === null) missing.push({ path: 'data', message: 'Scegli il giorno.' });
  if (b.ora === null) missing.push({ path: 'ora', message: 'Scegli l’orario.' });
  if (b.modalita === null) missing.push({ path: 'modalita', message: 'Scegli la modalità.' });
  if (missing.length > 0 || !isCompleta(b)) throw new AppError('BOZZA_INCOMPLETA', 'La bozza non è completa: mancano alcuni dati.', missing);

  const oggi = romeDate(now);
  const problems: ErrorDetail[] = [];
  let code = 'QUESITO_NON_IDONEO';
  b.quesitiIds.forEach((id, i) => {
    const q = store.quesiti.perInvio(id);
    if (!q) return; // checkCampi already refused a quesito of another (or no) rapporto
    const idoneita = valutaIdoneita(q, q.termine, oggi);
    if (!idoneita.idoneo) problems.push({ path: `quesitiIds.${i}`, message: `Quesito ${q.protocollo}: ${describeIdoneita(idoneita)}.` });
    else if (q.prenotato) {
      code = 'QUESITO_GIA_PRENOTATO';
      problems.push({ path: `quesitiIds.${i}`, message: `Il quesito ${q.protocollo} è già in un appuntamento confermato.` });
    }
  });
  if (problems.length > 0) throw new AppError(code, problems[0]!.message, problems);
  return b;
}

function isCompleta(b: Bozza): b is BozzaCompleta {
  return b.sedeId !== null && b.data !== null && b.ora !== null && b.modalita !== null;
}
