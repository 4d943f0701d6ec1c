// Public shapes of the demo dataset and the per-size recipe (how many of each, which shares).
import type { Appuntamento, Argomento, Comunicazione, Datore, Delega, Intermediario, IsoDate, Operatore, Quesito, Rapporto, Sede } from '../model';

export type DatasetSize = 'tiny' | 'small' | 'office' | 'large';

export interface DemoAccount {
  username: string;
  password: string;
  operatoreId: string;
  intermediarioId: string;
}

export interface CitizenAccount {
  username: string;
  password: string;
  datoreCf: string;
}

export interface DemoDataset {
  seed: number;
  size: DatasetSize;
  today: IsoDate;
  intermediari: Intermediario[];
  operatori: Operatore[];
  accounts: DemoAccount[];
  citizenAccounts: CitizenAccount[];
  datori: Datore[];
  deleghe: Delega[];
  rapporti: Rapporto[];
  argomenti: Argomento[];
  quesiti: Quesito[];
  sedi: Sede[];
  appuntamenti: Appuntamento[];
  comunicazioni: Comunicazione[];
}

/** The office the app runs as by default. */
export const DEMO_INTERMEDIARIO_ID = 'int-001';
/** Password of every demo account (operators and citizens). */
export const DEMO_PASSWORD = 'demo';

export interface SizeSpec {
  datori: number;
  /** Datori who revoked the demo office by delegating another intermediary (2 deleghe each). */
  altroIntermediario: number;
  rapporti: number;
  quesiti: number;
  appuntamenti: number;
  comunicazioni: number;
  sedi: number;
  /** Share of appointments that are earlier, cancelled bookings of a re-booked quesito. */
  quotaRiprenotazioni: number;
  /** Chance that a group of quesiti of one rapporto gets more than one quesito. */
  quotaMultiQuesito: number;
  /** Longest chain of bookings (cancelled ones + the last) on the same quesiti. */
  catenaMax: number;
  /** Chance that idonei quesiti are left unbooked (the worklist): idonei in the last 30 days / earlier. */
  nonPrenotatiRecenti: number;
  nonPrenotati: number;
  /** Esiti of quesiti past their termine: in attesa, negativo (rest: positivo), and late positivi. */
  quotaInAttesa: number;
  quotaNegativo: number;
  quotaPositivoTardivo: number;
  /** Chance that the last booking of a past appointment was cancelled. */
  quotaCancellatiPassati: number;
  /** Chance that a chain of bookings spreads over the whole window of idoneità (late bookers). */
  quotaPrenotazioniTardive: number;
  /** Confirmed upcoming appointments guaranteed whatever the seed (small sizes: the agenda). */
  agendaMinima: number;
  /** The slot lengths a sede's agenda is drawn from (minutes); default 15, 20 or 30. */
  slotMinuti?: readonly number[];
}

// DESIGN §7: 10,000 deleghe · 15,000 rapporti · 60,000 quesiti · 100,000 appuntamenti ·
// 200,000 comunicazioni. 9,700 datori + 300 who moved to another intermediary = 10,000 deleghe.
const OFFICE: SizeSpec = {
  datori: 9_700,
  altroIntermediario: 300,
  rapporti: 15_000,
  quesiti: 60_000,
  appuntamenti: 100_000,
  comunicazioni: 200_000,
  sedi: 100,
  // 100,000 appointments on 60,000 quesiti, each in at most one non-cancelled appointment:
  // at least ~45% of the appointments must be earlier, cancelled bookings.
  quotaRiprenotazioni: 0.5,
  quotaMultiQuesito: 0.04,
  catenaMax: 8,
  nonPrenotatiRecenti: 0.25,
  nonPrenotati: 0.01,
  quotaInAttesa: 0.34,
  quotaNegativo: 0.36,
  quotaPositivoTardivo: 0.75,
  quotaCancellatiPassati: 0.1,
  quotaPrenotazioniTardive: 0.15,
  agendaMinima: 0,
};

export const SIZES: Record<DatasetSize, SizeSpec> = {
  tiny: {
    datori: 12,
    altroIntermediario: 1,
    rapporti: 18,
    quesiti: 72,
    appuntamenti: 40,
    comunicazioni: 80,
    sedi: 6,
    quotaRiprenotazioni: 0.08,
    quotaMultiQuesito: 0.2,
    catenaMax: 3,
    nonPrenotatiRecenti: 0.5,
    nonPrenotati: 0.04,
    quotaInAttesa: 0.32,
    quotaNegativo: 0.3,
    quotaPositivoTardivo: 0.6,
    quotaCancellatiPassati: 0.15,
    quotaPrenotazioniTardive: 0.4,
    agendaMinima: 5,
  },
  small: {
    datori: 50,
    altroIntermediario: 3,
    rapporti: 75,
    quesiti: 300,
    appuntamenti: 160,
    comunicazioni: 320,
    sedi: 20,
    quotaRiprenotazioni: 0.08,
    quotaMultiQuesito: 0.2,
    catenaMax: 3,
    nonPrenotatiRecenti: 0.5,
    nonPrenotati: 0.04,
    quotaInAttesa: 0.32,
    quotaNegativo: 0.3,
    quotaPositivoTardivo: 0.6,
    quotaCancellatiPassati: 0.15,
    quotaPrenotazioniTardive: 0.4,
    agendaMinima: 12,
  },
  office: OFFICE,
  // Issue #17: a provincial office, five times `office` in every table (50,000 deleghe, 500,000
  // appuntamenti, 1,000,000 comunicazioni) with the same shares — but the same 100 sedi, all the
  // list holds (more sedi would be invented cities, and the offices share the territory's sedi).
  large: {
    ...OFFICE,
    datori: 48_500,
    altroIntermediario: 1_500,
    rapporti: 75_000,
    quesiti: 300_000,
    appuntamenti: 500_000,
    comunicazioni: 1_000_000,
    // The office's grids (15–30 minute slots) hold ~320,000 bookings in the 100 sedi over the 14
    // months: five times the office's bookings did not fit (the generator ran out of free slots). A
    // provincial office's sedi book shorter slots (~1.8× the capacity) rather than invented sedi.
    slotMinuti: [10, 10, 15, 15],
  },
};

export function datasetCounts(size: DatasetSize): {
  datori: number;
  deleghe: number;
  rapporti: number;
  quesiti: number;
  appuntamenti: number;
  comunicazioni: number;
  sedi: number;
} {
  const s = SIZES[size];
  if (s === undefined) throw new RangeError(`Dimensione del dataset sconosciuta: «${String(size)}».`);
  return {
    datori: s.datori,
    deleghe: s.datori + s.altroIntermediario,
    rapporti: s.rapporti,
    quesiti: s.quesiti,
    appuntamenti: s.appuntamenti,
    comunicazioni: s.comunicazioni,
    sedi: s.sedi,
  };
}
