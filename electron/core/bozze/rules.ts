import type BetterSqlite3 from 'better-sqlite3';
import type { Bozza } from '../../common/commands/types';
import { romeDate } from '../../common/domain/calendario';
import { describeIdoneita, valutaIdoneita } from '../../common/domain/idoneita';
import { AppError, type ErrorDetail } from '../../common/errors';
import type { Esito, Modalita } from '../../common/model';
import { currentDelegaSql } from '../store/deleghe';

// The service's booking rules, checked against the local cache before anything is queued:
// the operator learns at once, offline too, what the service would refuse.

/** The draft's rapporto and client, checked for an active delega. Returns the datore's codice fiscale. */
export function checkRapportoOperabile(sqlite: BetterSqlite3.Database, codiceRapporto: string): string {
  const rapporto = sqlite.prepare('SELECT datore_cf FROM rapporti WHERE codice = ?').get(codiceRapporto) as { datore_cf: string } | undefined;
  if (!rapporto) {
    throw new AppError('NON_TROVATO', `Nessun rapporto con codice ${codiceRapporto} tra i clienti dell’ufficio.`, [{ path: 'codiceRapporto', message: 'Rapporto sconosciuto.' }]);
  }
  const delega = sqlite
    .prepare(`SELECT ${currentDelegaSql('stato', '?')}`)
    .pluck()
    .get(rapporto.datore_cf) as string | undefined;
  if (delega !== 'attiva') {
    throw new AppError('DELEGA_NON_ATTIVA', 'La delega del cliente non è attiva: non si possono preparare né inviare appuntamenti per lui.', [
      { path: 'codiceRapporto', message: `Delega ${delega ?? 'assente'}.` },
    ]);
  }
  return rapporto.datore_cf;
}

/** Quesiti of the rapporto, sede and mode: what a draft may hold at any time. */
export function checkCampi(sqlite: BetterSqlite3.Database, b: Pick<Bozza, 'codiceRapporto' | 'quesitiIds' | 'sedeId' | 'modalita'>): void {
  const details: ErrorDetail[] = [];
  const owner = sqlite.prepare('SELECT codice_rapporto FROM quesiti WHERE id = ?').pluck();
  b.quesitiIds.forEach((id, i) => {
    if (owner.get(id) !== b.codiceRapporto) details.push({ path: `quesitiIds.${i}`, message: `Il quesito ${id} non appartiene al rapporto ${b.codiceRapporto}.` });
  });
  if (details.length > 0) throw new AppError('QUESITO_ALTRO_RAPPORTO', details[0]!.message, details);
  if (b.sedeId === null) return;
  const modi = sqlite.prepare('SELECT modalita FROM sedi WHERE id = ?').pluck().get(b.sedeId) as string | undefined;
  if (modi === undefined) throw new AppError('NON_TROVATO', 'Sede sconosciuta: aggiorna i dati con «Sincronizza ora».', [{ path: 'sedeId', message: 'Sede sconosciuta.' }]);
  if (b.modalita !== null && !(JSON.parse(modi) as Modalita[]).includes(b.modalita)) {
    throw new AppError('MODALITA_NON_DISPONIBILE', 'La sede scelta non offre questa modalità di appuntamento.', [{ path: 'modalita', message: 'Modalità non offerta dalla sede.' }]);
  }
}

/** Everything the service needs to book, checked on the day of sending. */
export function checkInviabile(sqlite: BetterSqlite3.Database, b: Bozza, now: Date): void {
  const missing: ErrorDetail[] = [];
  if (b.quesitiIds.length === 0) missing.push({ path: 'quesitiIds', message: 'Scegli almeno un quesito idoneo.' });
  if (b.sedeId === null) missing.push({ path: 'sedeId', message: 'Scegli la sede.' });
  if (b.data === null) missing.push({ path: 'data', message: 'Scegli il giorno.' });
  if (b.ora === null) missing.push({ path: 'ora', message: 'Scegli l’orario.' });
  if (b.modalita === null) missing.push({ path: 'modalita', message: 'Scegli la modalità.' });
  if (missing.length > 0) throw new AppError('BOZZA_INCOMPLETA', 'La bozza non è completa: mancano alcuni dati.', missing);

  const oggi = romeDate(now);
  const quesito = sqlite.prepare(
    `SELECT q.protocollo, q.esito, q.data_invio AS dataInvio, q.data_esito AS dataEsito, a.termine_giorni AS termine,
       EXISTS (SELECT 1 FROM appuntamento_quesiti l CROSS JOIN appuntamenti ap ON ap.id = l.appuntamento_id
               WHERE l.quesito_id = q.id AND ap.stato = 'confermato') AS prenotato
     FROM quesiti q JOIN argomenti a ON a.codice = q.argomento WHERE q.id = ?`,
  );
  const problems: ErrorDetail[] = [];
  let code = 'QUESITO_NON_IDONEO';
  b.quesitiIds.forEach((id, i) => {
    const q = quesito.get(id) as { protocollo: string; esito: Esito; dataInvio: string; dataEsito: string | null; termine: number; prenotato: number };
    const idoneita = valutaIdoneita(q, q.termine, oggi);
    if (!idoneita.idoneo) problems.push({ path: `quesitiIds.${i}`, message: `Quesito ${q.protocollo}: ${describeIdoneita(idoneita)}.` });
    else if (q.prenotato) {
      code = 'QUESITO_GIA_PRENOTATO';
      problems.push({ path: `quesitiIds.${i}`, message: `Il quesito ${q.protocollo} è già in un appuntamento confermato.` });
    }
  });
  if (problems.length > 0) throw new AppError(code, problems[0]!.message, problems);
}
