import { AppError } from '../../common/errors';
import { agendaCsv, agendaIcs, type AgendaRiga } from '../export/agenda';
import { appuntamentiCerca } from './appuntamenti';
import type { Handler } from './types';

const MAX_RIGHE = 10_000;

export const agendaEsporta: Handler<'agenda.esporta'> = async ({ formato, ids, ...filtri }, ctx) => {
  const page = await appuntamentiCerca({ ...filtri, limite: MAX_RIGHE, offset: 0 }, ctx);
  if (page.totale > MAX_RIGHE && !ids) {
    throw new AppError('TROPPI_RISULTATI', `Troppi appuntamenti da esportare (${page.totale}): restringi i filtri a meno di ${MAX_RIGHE}.`);
  }
  const wanted = ids ? new Set(ids) : null;
  const extra = ctx.sqlite.prepare('SELECT s.indirizzo || \', \' || s.comune AS indirizzo, s.slot_minuti AS slot FROM sedi s WHERE s.id = ?');
  const rows: AgendaRiga[] = page.righe
    .filter((r) => !wanted || wanted.has(r.id))
    .map((r) => {
      const sede = extra.get(r.sedeId) as { indirizzo: string; slot: number };
      return { ...r, sedeIndirizzo: sede.indirizzo, slotMinuti: sede.slot };
    });
  const oggi = ctx.clock.now().toISOString().slice(0, 10);
  return formato === 'csv'
    ? { nomeFile: `agenda-${oggi}.csv`, mime: 'text/csv;charset=utf-8', contenuto: agendaCsv(rows), righe: rows.length }
    : { nomeFile: `agenda-${oggi}.ics`, mime: 'text/calendar;charset=utf-8', contenuto: agendaIcs(rows), righe: rows.length };
};
