import type {
  BloccoStatistiche,
  Distribuzione,
  EsitiAppuntamenti,
  PeriodoRisolto,
  StatisticheAndamento,
  StatisticheArgomenti,
  StatisticheOperatori,
  StatisticheSedi,
} from '../../common/commands/statistiche';
import { formatDataIt } from '../../common/domain/calendario';

// The statistics' Excel export (#15): one sheet for the block, the period and the filters written
// above the table (a figure without its period means nothing once the file is forwarded).

export type Cella = string | number | null;

export interface FoglioStatistiche {
  foglio: string;
  colonne: readonly string[];
  righe: Cella[][];
}

/** The filters in words, as the operator chose them. */
export interface FiltriLeggibili {
  sede: string | null;
  argomento: string | null;
  operatore: string | null;
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const dec = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const dist = (d: Distribuzione): Cella[] => [d.mediana, d.p90];
const esiti = (e: EsitiAppuntamenti): Cella[] => [e.confermati, e.svolti, e.chiusiSenzaVisita, e.cancellatiUfficio, e.disdettiSede];
const COLONNE_ESITI = ['Confermati', 'Svolti', 'Chiusi senza visita', 'Cancellati dall’ufficio', 'Disdetti dalla sede'];

export function foglioSedi(d: StatisticheSedi): FoglioStatistiche {
  const riga = (nome: string, comune: string, provincia: string, r: StatisticheSedi['totale']): Cella[] => [
    nome,
    comune,
    provincia,
    r.prenotati,
    ...esiti(r.esiti),
    ...dist(r.anticipoGiorni),
    r.attesaPrimoSlotGiorni.n,
    ...dist(r.attesaPrimoSlotGiorni),
    r.osservazioniSenzaLibero,
    dec(r.disdettePer100),
  ];
  return {
    foglio: 'Sedi',
    colonne: [
      'Sede',
      'Comune',
      'Provincia',
      'Prenotati',
      ...COLONNE_ESITI,
      'Anticipo mediano (giorni)',
      'Anticipo 90° percentile (giorni)',
      'Ricerche di orari',
      'Attesa mediana primo orario (giorni)',
      'Attesa 90° percentile (giorni)',
      'Ricerche senza orari liberi',
      'Disdette ogni 100',
    ],
    righe: [...d.righe.map((r) => riga(r.nome, r.comune, r.provincia, r)), riga('Totale', '', '', d.totale)],
  };
}

export function foglioAndamento(d: StatisticheAndamento): FoglioStatistiche {
  return {
    foglio: 'Andamento',
    colonne: [d.granularita === 'settimana' ? 'Settimana dal' : 'Mese dal', 'Prenotati', 'Chiusi', 'Cancellati dall’ufficio', 'Disdetti dalla sede'],
    righe: d.punti.map((p) => [formatDataIt(p.inizio), p.prenotati, p.chiusi, p.cancellatiUfficio, p.disdettiSede]),
  };
}

export function foglioArgomenti(d: StatisticheArgomenti): FoglioStatistiche {
  return {
    foglio: 'Argomenti',
    colonne: [
      'Argomento',
      'Termine (giorni)',
      'Inviati',
      'Risposti',
      'Tempo di risposta mediano (giorni)',
      'Tempo di risposta 90° percentile (giorni)',
      'Risposti oltre il termine',
      'Risposti oltre il termine (%)',
      'Senza risposta oltre il termine',
      'Negativi',
      'Negativi (%)',
      'Con appuntamento',
      ...COLONNE_ESITI.map((c) => `Appuntamenti: ${c.toLowerCase()}`),
    ],
    righe: d.righe.map((r) => [
      r.descrizione,
      r.termineGiorni,
      r.inviati,
      r.risposti,
      ...dist(r.tempoRispostaGiorni),
      r.termineGiorni === null ? null : r.rispostiOltreTermine,
      pct(r.quotaOltreTermine),
      r.termineGiorni === null ? null : r.senzaRispostaOltreTermine,
      r.negativi,
      pct(r.quotaNegativi),
      r.conAppuntamento,
      ...esiti(r.esitiAppuntamenti),
    ]),
  };
}

export function foglioOperatori(d: StatisticheOperatori): FoglioStatistiche {
  return {
    foglio: 'Operatori',
    colonne: ['Operatore', 'Codice operatore', 'Prenotazioni', 'Cancellazioni', 'Rifiuti del servizio', 'Motivi dei rifiuti'],
    righe: d.righe.map((r) => [
      r.nominativo ?? r.operatoreId,
      r.operatoreId,
      r.prenotazioni,
      r.cancellazioni,
      r.rifiuti,
      r.motiviRifiuto.map((m) => `${m.motivo} (${m.n})`).join('; '),
    ]),
  };
}

const TITOLI: Record<BloccoStatistiche, string> = {
  sedi: 'Statistiche per sede',
  andamento: 'Andamento',
  argomenti: 'Statistiche per argomento',
  operatori: 'Statistiche per operatore',
};

/** The workbook: title, period, filters, a blank row, then the table with a bold header. Numbers stay numbers; no formula. */
export async function statisticheXlsx(blocco: BloccoStatistiche, periodo: PeriodoRisolto, filtri: FiltriLeggibili, f: FoglioStatistiche): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cassetto Desk';
  const sheet = workbook.addWorksheet(f.foglio, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow([TITOLI[blocco]]).font = { bold: true, size: 13 };
  sheet.addRow(['Periodo', `dal ${formatDataIt(periodo.dal)} al ${formatDataIt(periodo.al)}`]);
  sheet.addRow(['Sede', filtri.sede ?? 'Tutte']);
  sheet.addRow(['Argomento', filtri.argomento ?? 'Tutti']);
  sheet.addRow(['Operatore', filtri.operatore ?? 'Tutti']);
  sheet.addRow([]);
  const intestazione = sheet.addRow([...f.colonne]);
  intestazione.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: intestazione.number }];
  for (const r of f.righe) sheet.addRow(r);
  f.colonne.forEach((c, i) => {
    let width = Math.max(12, Math.min(40, c.length + 2));
    for (const r of f.righe) width = Math.max(width, Math.min(50, String(r[i] ?? '').length + 2));
    sheet.getColumn(i + 1).width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
