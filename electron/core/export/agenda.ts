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

/** The agenda as an office reads it: day by day, within a day sede by sede, then by time. */
export function perGiornoESede(rows: AgendaRiga[]): AgendaRiga[] {
  return [...rows].sort(
    (a, b) => a.data.localeCompare(b.data) || a.sedeNome.localeCompare(b.sedeNome, 'it') || a.ora.localeCompare(b.ora) || a.id.localeCompare(b.id),
  );
}

const COLONNE = ['Data', 'Sede', 'Ora', 'Cliente', 'Codice fiscale', 'Codice rapporto', 'Indirizzo', 'Modalità', 'Stato', 'Gestione'] as const;

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
  };
}

/** CSV as Italian Excel opens it: semicolons, a BOM so accents survive, dates dd/mm/yyyy. */
export function agendaCsv(rows: AgendaRiga[]): string {
  const data = rows.map(colonne);
  // Leading =, +, - or @ would run as formulas in Excel: escapeFormulae neutralises them.
  return `\uFEFF${Papa.unparse(data, { delimiter: ';', newline: '\r\n', escapeFormulae: true })}`;
}

/**
 * An Excel workbook: one sheet, a frozen bold header with filters, and a blank row between days
 * so the printout reads like the paper agenda. Every cell is text (never a formula).
 */
export async function agendaXlsx(rows: AgendaRiga[]): Promise<Buffer> {
  // Loaded on first export only: exceljs is large and most sessions never export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cassetto Desk';
  const sheet = workbook.addWorksheet('Agenda', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const header = COLONNE;
  sheet.columns = header.map((key) => ({ header: key, key, width: Math.max(12, key.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  let giorno: string | null = null;
  for (const r of rows) {
    if (giorno !== null && r.data !== giorno) sheet.addRow([]);
    giorno = r.data;
    sheet.addRow(colonne(r));
  }
  for (const column of sheet.columns) {
    let width = column.width ?? 12;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      width = Math.max(width, Math.min(50, String(cell.value ?? '').length + 2));
    });
    column.width = width;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
