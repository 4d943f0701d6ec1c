import { createEvents, type EventAttributes } from 'ics';
import type { AppuntamentoRiga } from '../../common/commands/types';
import { formatDataIt, romeInstant } from '../../common/domain/calendario';
import { STATO_LABELS } from '../../common/domain/appuntamentoStato';
import { MODALITA_LABELS } from '../../common/model';
import { tabellaCsv, tabellaXlsx } from './tabella';

export interface AgendaRiga extends AppuntamentoRiga {
  datoreCf: string;
  sedeIndirizzo: string;
  slotMinuti: number;
  /** Who booked it, by name when the service gave it (#15); empty when the client booked. */
  operatoreNome: string;
}

/** The agenda as an office reads it: day by day, within a day sede by sede, then by time. */
export function perGiornoESede(rows: AgendaRiga[]): AgendaRiga[] {
  return [...rows].sort(
    (a, b) => a.data.localeCompare(b.data) || a.sedeNome.localeCompare(b.sedeNome, 'it') || a.ora.localeCompare(b.ora) || a.id.localeCompare(b.id),
  );
}

const COLONNE = ['Data', 'Sede', 'Ora', 'Cliente', 'Codice fiscale', 'Codice rapporto', 'Indirizzo', 'Modalità', 'Stato', 'Gestione', 'Operatore'] as const;

function colonne(r: AgendaRiga): Record<(typeof COLONNE)[number], string> {
  return {
    Data: formatDataIt(r.data),
    Sede: r.sedeNome,
    Ora: r.ora,
    Cliente: r.datoreNominativo,
    'Codice fiscale': r.datoreCf,
    'Codice rapporto': r.codiceRapporto,
    Indirizzo: r.sedeIndirizzo,
    Modalità: MODALITA_LABELS[r.modalita],
    Stato: r.cancellazioneInCorso ? 'Cancellazione in corso' : STATO_LABELS[r.stato],
    Gestione: r.gestitoDaIntermediario ? 'Intermediario' : 'Cittadino',
    Operatore: r.operatoreNome,
  };
}

/** The agenda as CSV (dates dd/mm/yyyy). */
export function agendaCsv(rows: AgendaRiga[]): string {
  return tabellaCsv({ colonne: COLONNE, righe: rows.map(colonne) });
}

/** The agenda as an Excel sheet, a blank row between days so the printout reads like the paper agenda. */
export async function agendaXlsx(rows: AgendaRiga[]): Promise<Buffer> {
  return tabellaXlsx('Agenda', { colonne: COLONNE, righe: rows.map(colonne) }, (i) => rows[i]!.data !== rows[i - 1]!.data);
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
