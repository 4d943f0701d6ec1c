import { nomeOperatore } from '../../common/domain/operatori';
import { AppError } from '../../common/errors';
import { agendaCsv, agendaIcs, agendaXlsx, perGiornoESede, type AgendaRiga } from '../export/agenda';
import { bozzeCsv, bozzeXlsx } from '../export/bozze';
import { appuntamentiCerca } from './appuntamenti';
import { cercaBozze } from './bozze';
import type { Handler } from './types';

const MAX_RIGHE = 10_000;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const agendaEsporta: Handler<'agenda.esporta'> = async ({ formato, ...filtri }, ctx) => {
  const page = await appuntamentiCerca({ ...filtri, limite: MAX_RIGHE, offset: 0 }, ctx);
  if (page.totale > MAX_RIGHE) {
    throw new AppError('TROPPI_RISULTATI', `Troppi appuntamenti da esportare (${page.totale}): restringi i filtri a meno di ${MAX_RIGHE}.`);
  }
  // The sedi are a few hundred: read once, not once per exported row.
  const sedi = ctx.store.sedi.perAgenda();
  // The operators by name, likewise (a handful).
  const nomi = ctx.store.operatori.nomi();
  const rows: AgendaRiga[] = perGiornoESede(
    page.righe.map((r) => {
      const sede = sedi.get(r.sedeId)!;
      return { ...r, sedeIndirizzo: sede.indirizzo, slotMinuti: sede.slot, operatoreNome: nomeOperatore(r.operatoreId, nomi) };
    }),
  );
  const nome = `agenda-${ctx.clock.now().toISOString().slice(0, 10)}`;
  switch (formato) {
    case 'csv':
      return { nomeFile: `${nome}.csv`, mime: 'text/csv;charset=utf-8', contenuto: agendaCsv(rows), codifica: 'testo', righe: rows.length };
    case 'ics':
      return { nomeFile: `${nome}.ics`, mime: 'text/calendar;charset=utf-8', contenuto: agendaIcs(rows), codifica: 'testo', righe: rows.length };
    case 'xlsx':
      return {
        nomeFile: `${nome}.xlsx`,
        mime: XLSX_MIME,
        contenuto: (await agendaXlsx(rows)).toString('base64'),
        codifica: 'base64',
        righe: rows.length,
      };
  }
};

/** The filtered appointments to print, by date: through a command of its own so the printout is in the registro attività. */
export const agendaStampa: Handler<'agenda.stampa'> = async ({ limite, ...filtri }, ctx) =>
  appuntamentiCerca({ ...filtri, ordine: 'data', limite, offset: 0 }, ctx);

/** The Bozze screen's drafts (the filter, or the selection) as Excel or CSV. */
export const bozzeEsporta: Handler<'bozze.esporta'> = async ({ formato, ...filtri }, ctx) => {
  const page = cercaBozze(ctx, { ...filtri, limite: MAX_RIGHE, offset: 0 });
  if (page.totale > MAX_RIGHE) {
    throw new AppError('TROPPI_RISULTATI', `Troppe bozze da esportare (${page.totale}): restringi i filtri a meno di ${MAX_RIGHE}.`);
  }
  const nomeFile = `bozze-${ctx.clock.now().toISOString().slice(0, 10)}.${formato}`;
  const nomi = ctx.store.operatori.nomi();
  return formato === 'csv'
    ? { nomeFile, mime: 'text/csv;charset=utf-8', contenuto: bozzeCsv(page.righe, nomi), codifica: 'testo', righe: page.righe.length }
    : { nomeFile, mime: XLSX_MIME, contenuto: (await bozzeXlsx(page.righe, nomi)).toString('base64'), codifica: 'base64', righe: page.righe.length };
};
