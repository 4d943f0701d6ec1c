import type { Bozza } from '../../common/commands/types';
import { romeDate } from '../../common/domain/calendario';
import { describeIdoneita, valutaIdoneita } from '../../common/domain/idoneita';
import { AppError, type ErrorDetail } from '../../common/errors';
import type { DelegaStato, IsoDate, Modalita } from '../../common/model';
import type { Store } from '../store/index';
import type { QuesitoPerInvio } from '../store/quesiti';
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
  const modi = checkSede(store, b.sedeId);
  if (b.modalita !== null && !modi.includes(b.modalita)) {
    throw new AppError('MODALITA_NON_DISPONIBILE', 'La sede scelta non offre questa modalità di appuntamento.', [
      { path: 'modalita', message: 'Modalità non offerta dalla sede.' },
    ]);
  }
}

/** What sending reads of a quesito (one or many at a time): undefined for an unknown one. */
export type QuesitoLookup = (id: string) => QuesitoPerInvio | undefined;

/** The fields sending checks. */
type DaInviare = Pick<Bozza, 'quesitiIds' | 'sedeId' | 'data' | 'ora' | 'modalita'>;

/** Why a draft cannot be sent yet, or null when it can: the one definition of «complete and still valid». */
export function problemiDiInvio(b: DaInviare, quesito: QuesitoLookup, oggi: IsoDate): AppError | null {
  const { missing, problems, code } = verifica(b, quesito, oggi);
  if (missing.length > 0) return new AppError('BOZZA_INCOMPLETA', 'La bozza non è completa: mancano alcuni dati.', missing);
  return problems.length > 0 ? new AppError(code, problems[0]!.message, problems) : null;
}

/** The same rules as a list for the Bozze screen: every missing field and every quesito that can no longer go. */
export function mancanti(b: DaInviare, quesito: QuesitoLookup, oggi: IsoDate): string[] {
  const { missing, problems } = verifica(b, quesito, oggi);
  return [...missing, ...problems].map((d) => d.message);
}

function verifica(b: DaInviare, quesito: QuesitoLookup, oggi: IsoDate): { missing: ErrorDetail[]; problems: ErrorDetail[]; code: string } {
  const missing: ErrorDetail[] = [];
  if (b.quesitiIds.length === 0) missing.push({ path: 'quesitiIds', message: 'Scegli almeno un quesito idoneo.' });
  if (b.sedeId === null) missing.push({ path: 'sedeId', message: 'Scegli la sede.' });
  if (b.data === null) missing.push({ path: 'data', message: 'Scegli il giorno.' });
  if (b.ora === null) missing.push({ path: 'ora', message: 'Scegli l’orario.' });
  if (b.modalita === null) missing.push({ path: 'modalita', message: 'Scegli la modalità.' });
  const problems: ErrorDetail[] = [];
  let code = 'QUESITO_NON_IDONEO';
  b.quesitiIds.forEach((id, i) => {
    const q = quesito(id);
    if (!q) return; // checkCampi refuses a quesito of another (or no) rapporto
    const motivo = motivoQuesito(q, oggi);
    if (motivo?.code === 'QUESITO_GIA_PRENOTATO') code = motivo.code;
    if (motivo) problems.push({ path: `quesitiIds.${i}`, message: motivo.message });
  });
  return { missing, problems, code };
}

/** Why a quesito cannot go into a booking today (not idoneo, or already in a Confermato appointment), or null. */
export function motivoQuesito(q: QuesitoPerInvio, oggi: IsoDate): { code: string; message: string } | null {
  const idoneita = valutaIdoneita(q, q.termine, oggi);
  if (!idoneita.idoneo) return { code: 'QUESITO_NON_IDONEO', message: `Quesito ${q.protocollo}: ${describeIdoneita(idoneita)}.` };
  if (q.prenotato) return { code: 'QUESITO_GIA_PRENOTATO', message: `Il quesito ${q.protocollo} è già in un appuntamento confermato.` };
  return null;
}

const DELEGA_STATI_TESTO: Record<DelegaStato, string> = { attiva: 'attiva', da_attivare: 'da attivare', revocata: 'revocata', annullata: 'annullata' };

/** The reason a batch leaves out a client whose delega is not active. */
export function delegaNonAttiva(stato: DelegaStato | null): string {
  return `La delega del cliente non è attiva (${stato ? DELEGA_STATI_TESTO[stato] : 'assente'}): non si possono preparare né inviare appuntamenti per lui.`;
}

/** The modes of a sede the cache knows; an unknown sede is refused (a batch checks it once, before any draft). */
export function checkSede(store: Store, sedeId: string): Modalita[] {
  const modi = store.sedi.modalita(sedeId);
  if (modi === undefined)
    throw new AppError('NON_TROVATO', 'Sede sconosciuta: aggiorna i dati con «Sincronizza ora».', [{ path: 'sedeId', message: 'Sede sconosciuta.' }]);
  return modi;
}

/** Everything the service needs to book, checked on the day of sending. */
export function checkInviabile(store: Store, b: Bozza, now: Date): BozzaCompleta {
  const problem = problemiDiInvio(b, (id) => store.quesiti.perInvio(id), romeDate(now));
  if (problem) throw problem;
  if (!isCompleta(b)) throw new AppError('BOZZA_INCOMPLETA', 'La bozza non è completa: mancano alcuni dati.');
  return b;
}

/** One Italian line for a batch's result: the reason and, when they add to it, its details. */
export function motivoDi(error: AppError): string {
  const extra = error.details.map((d) => d.message).filter((m) => m !== error.message);
  return extra.length > 0 ? `${error.message} ${extra.join(' ')}` : error.message;
}

function isCompleta(b: Bozza): b is BozzaCompleta {
  return b.sedeId !== null && b.data !== null && b.ora !== null && b.modalita !== null;
}
