import { createEvents, type EventAttributes } from 'ics';
import Papa from 'papaparse';
import type { AppuntamentoRiga } from '../../common/commands/types';
import { formatDataIt, romeInstant } from '../../common/domain/calendario';
import { STATO_LABELS } from '../../common/domain/appuntamentoStato';

export interface AgendaRiga extends AppuntamentoRiga {
  datoreCf: string;
  sedeIndirizzo: string;
  slotMinuti: number;
}

const MODALITA_LABELS = { presenza: 'In presenza', richiamata: 'Richiamata telefonica', videochiamata: 'Videochiamata' } as const;

/** CSV as Italian Excel opens it: semicolons, a BOM so accents survive, dates dd/mm/yyyy. */
export function agendaCsv(rows: AgendaRiga[]): string {
  const data = rows.map((r) => ({
    Data: formatDataIt(r.data),
    Ora: r.ora,
    Cliente: r.datoreNominativo,
    'Codice fiscale': r.datoreCf,
    'Codice rapporto': r.codiceRapporto,
    Sede: r.sedeNome,
    Indirizzo: r.sedeIndirizzo,
    Modalità: MODALITA_LABELS[r.modalita],
    Stato: r.cancellazioneInCorso ? 'Cancellazione in corso' : STATO_LABELS[r.stato],
    Gestione: r.gestitoDaIntermediario ? 'Intermediario' : 'Cittadino',
  }));
  // Leading =, +, - or @ would run as formulas in Excel: escapeFormulae neutralises them.
  return `\uFEFF${Papa.unparse(data, { delimiter: ';', newline: '\r\n', escapeFormulae: true })}`;
}

/** An iCalendar file: each appointment at its Rome time (stored as UTC), for the office calendar. */
export function agendaIcs(rows: AgendaRiga[]): string {
  const events: EventAttributes[] = rows.map((r) => {
    const start = new Date(romeInstant(r.data, r.ora));
    return {
      uid: `${r.id}@cassetto-desk`,
      start: [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes()],
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: r.slotMinuti },
      title: `Appuntamento INPS – ${r.datoreNominativo}`,
      location: `${r.sedeNome}, ${r.sedeIndirizzo}`,
      description: `Codice rapporto ${r.codiceRapporto} · ${MODALITA_LABELS[r.modalita]} · ${STATO_LABELS[r.stato]}`,
      status: r.stato === 'cancellato' ? 'CANCELLED' : 'CONFIRMED',
      productId: 'cassetto-desk',
    };
  });
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error('ics generation failed');
  return value;
}
