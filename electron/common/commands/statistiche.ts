import { z } from 'zod';
import { giorniTra } from '../domain/calendario';
import { codiceFiscaleSchema } from '../domain/codiceFiscale';
import { ARGOMENTI, type ArgomentoCodice, type IsoDate } from '../model';
import { command } from './contract';
import { isoDateSchema } from './schemas';
import type { FileEsportato, SedeRiga } from './types';

// Statistiche (#15): how each sede and each topic answers, from the cache, offline. One command per
// block of the screen, each computed in SQL in the core. Kept apart from table.ts, which spreads them in.

/** The ready-made periods, ending today (Rome): this calendar month, or the last 3/6/12 months. */
export const PERIODI = ['mese', '3mesi', '6mesi', '12mesi'] as const;
export type PeriodoPreimpostato = (typeof PERIODI)[number];

/** A custom range may span at most this many years: past that the figures mix different rules and sedi. */
export const STATISTICHE_ANNI_MAX = 5;

const idSchema = z.string().min(1).max(64);

/**
 * The filters every block takes: a ready-made period, or a custom `dal`–`al` (both days included);
 * optionally one sede, one topic, one operator. Quesiti carry no sede nor operator: with either of
 * those filters, the topic block counts the quesiti booked at that sede / by that operator.
 */
export const filtriStatisticheSchema = z
  .strictObject({
    periodo: z.enum(PERIODI).optional(),
    dal: isoDateSchema.optional(),
    al: isoDateSchema.optional(),
    sedeId: idSchema.optional(),
    argomento: z.enum(ARGOMENTI).optional(),
    operatoreId: idSchema.optional(),
  })
  .superRefine((f, ctx) => {
    const custom = f.dal !== undefined || f.al !== undefined;
    if (f.periodo !== undefined && custom) {
      ctx.addIssue({ code: 'custom', path: ['periodo'], message: 'Scegli un periodo predefinito oppure le date «dal» e «al», non entrambi.' });
      return;
    }
    if (f.periodo === undefined && !custom) {
      ctx.addIssue({ code: 'custom', path: ['periodo'], message: 'Indica il periodo: questo mese, gli ultimi 3, 6 o 12 mesi, oppure le date «dal» e «al».' });
      return;
    }
    if (!custom) return;
    if (f.dal === undefined || f.al === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [f.dal === undefined ? 'dal' : 'al'],
        message: 'Per un periodo personalizzato indica sia la data «dal» sia la data «al».',
      });
      return;
    }
    if (f.al < f.dal) {
      ctx.addIssue({ code: 'custom', path: ['al'], message: 'La data «al» è precedente alla data «dal»: scambiale o correggi il periodo.' });
      return;
    }
    if (giorniTra(f.dal, f.al) > STATISTICHE_ANNI_MAX * 366) {
      ctx.addIssue({
        code: 'custom',
        path: ['al'],
        message: `Il periodo è più lungo di ${STATISTICHE_ANNI_MAX} anni: scegline uno più breve (le regole e le sedi cambiano nel tempo).`,
      });
    }
  });

export type FiltriStatistiche = z.output<typeof filtriStatisticheSchema>;

/** The period the figures are about, resolved (a ready-made one against today's date in Rome). */
export interface PeriodoRisolto {
  dal: IsoDate;
  al: IsoDate;
}

/**
 * A spread of durations in whole days; both null when `n` is 0 (never NaN). Percentiles are
 * nearest-rank: the p-th is the smallest value v with at least p% of the values ≤ v (the value of
 * rank ⌈p·n/100⌉ in increasing order); the median is the 50th, so with an even n it is the lower middle value.
 */
export interface Distribuzione {
  n: number;
  mediana: number | null;
  p90: number | null;
}

/**
 * How the appointments booked in the period ended (or stand). A Chiuso e Definito appointment is
 * «senza visita» when the sede closed it before its day, «svolto» otherwise.
 */
export interface EsitiAppuntamenti {
  confermati: number;
  chiusiSenzaVisita: number;
  svolti: number;
  /** Cancelled by the office or the citizen (`cancellato_da = 'utente'`). */
  cancellatiUfficio: number;
  /** Cancelled by the sede (`cancellato_da = 'sede'`). */
  disdettiSede: number;
}

/** Each outcome over the appointments booked; null when none was booked. */
export type TassiEsiti = { [K in keyof EsitiAppuntamenti]: number | null };

export interface StatisticheSedeRiga {
  sedeId: string;
  nome: string;
  comune: string;
  provincia: string;
  /** Appointments booked (created) in the period. */
  prenotati: number;
  esiti: EsitiAppuntamenti;
  tassi: TassiEsiti;
  /** From booking to the appointment's day. */
  anticipoGiorni: Distribuzione;
  /**
   * From the day the app asked for free slots to the first free slot it was shown (recorded at each
   * fetch, whoever booked: only the sede filter applies). A fetch that found no free slot counts as a
   * wait of the whole range plus one day (at least that long), so a full sede ranks as the slowest.
   */
  attesaPrimoSlotGiorni: Distribuzione;
  /** Of those observations, how many found no free slot in the range asked. */
  osservazioniSenzaLibero: number;
  /** Appointments cancelled by the sede per 100 booked; null when none was booked. */
  disdettePer100: number | null;
}

export interface StatisticheSedi {
  periodo: PeriodoRisolto;
  /** Every sede with at least one booking or one slot observation in the period, busiest first. */
  righe: StatisticheSedeRiga[];
  /** All sedi together (same filters). */
  totale: Omit<StatisticheSedeRiga, 'sedeId' | 'nome' | 'comune' | 'provincia'>;
}

/**
 * The appointments booked in one bucket (by their booking day, like every appointment figure), and
 * how those ended: `chiusi` counts both «svolti» and «senza visita».
 */
export interface StatisticheAndamentoPunto {
  /** First day of the bucket (a Monday for weeks, the 1st for months), clipped to the period. */
  inizio: IsoDate;
  prenotati: number;
  chiusi: number;
  cancellatiUfficio: number;
  disdettiSede: number;
}

export interface StatisticheAndamento {
  periodo: PeriodoRisolto;
  /** Weeks up to 3 months, months beyond. */
  granularita: 'settimana' | 'mese';
  /** Every bucket of the period, empty ones included (zeros, so the line does not jump). */
  punti: StatisticheAndamentoPunto[];
}

export interface StatisticheArgomentoRiga {
  argomento: ArgomentoCodice;
  descrizione: string;
  /** Days INPS has to answer; null when the topic has none (then the «oltre termine» figures are null). */
  termineGiorni: number | null;
  /** Quesiti sent in the period. */
  inviati: number;
  risposti: number;
  /** From sending to the answer, over the answered ones. */
  tempoRispostaGiorni: Distribuzione;
  rispostiOltreTermine: number;
  /** Share of the answered ones answered after the termine; null without termine or without answers. */
  quotaOltreTermine: number | null;
  /** Still unanswered and already past the termine (today); 0 without termine. */
  senzaRispostaOltreTermine: number;
  negativi: number;
  /** Share of the answered ones answered negatively; null without answers. */
  quotaNegativi: number | null;
  /** Quesiti named by at least one appointment. */
  conAppuntamento: number;
  /** How those appointments ended (each appointment once per topic). */
  esitiAppuntamenti: EsitiAppuntamenti;
}

export interface StatisticheArgomenti {
  periodo: PeriodoRisolto;
  /** Every topic, in the order of ARGOMENTI, also when nothing was sent (zeros, nulls); with the topic filter, that topic only. */
  righe: StatisticheArgomentoRiga[];
}

export interface StatisticheOperatoreRiga {
  operatoreId: string;
  /** The operator's name from the service; null for an id the office's list does not know (shown as the id). */
  nominativo: string | null;
  /** Appointments the operator booked in the period. */
  prenotazioni: number;
  /** Of those, cancelled by the office. */
  cancellazioni: number;
  /** Drafts of the operator's the service refused in the period. */
  rifiuti: number;
  /** The refusals' reasons, most frequent first. */
  motiviRifiuto: { motivo: string; n: number }[];
}

export interface StatisticheOperatori {
  periodo: PeriodoRisolto;
  righe: StatisticheOperatoreRiga[];
}

/** A sede to suggest when booking: the client's province first, then by recent wait. */
export interface SedeConsigliata {
  sede: SedeRiga;
  stessaProvincia: boolean;
  /** Median wait to the first free slot over the last 90 days' observations; null with none. */
  attesaMedianaGiorni: number | null;
  osservazioni: number;
  /** Over the appointments booked there in the last 12 months; null with none. */
  disdettePer100: number | null;
  appuntamenti: number;
}

export interface SediConsigliate {
  /** The client's province (from the datore's record); null when unknown. */
  provincia: string | null;
  sedi: SedeConsigliata[];
}

export const BLOCCHI_STATISTICHE = ['sedi', 'andamento', 'argomenti', 'operatori'] as const;
export type BloccoStatistiche = (typeof BLOCCHI_STATISTICHE)[number];

export const comandiStatistiche = {
  'statistiche.sedi': command<StatisticheSedi>()({
    summary: 'Statistiche per sede nel periodo: prenotati, come sono finiti, anticipo, attesa del primo orario libero, disdette.',
    input: filtriStatisticheSchema,
  }),
  'statistiche.andamento': command<StatisticheAndamento>()({
    summary: 'Andamento nel periodo (per settimana o per mese): prenotati, chiusi, cancellati dall’ufficio, disdetti dalla sede.',
    input: filtriStatisticheSchema,
  }),
  'statistiche.argomenti': command<StatisticheArgomenti>()({
    summary: 'Statistiche per argomento: quesiti inviati, tempi di risposta rispetto al termine, esiti negativi, appuntamenti che ne sono nati.',
    input: filtriStatisticheSchema,
  }),
  'statistiche.operatori': command<StatisticheOperatori>()({
    summary: 'Statistiche per operatore: prenotazioni, cancellazioni, rifiuti del servizio e i loro motivi.',
    input: filtriStatisticheSchema,
  }),
  'statistiche.esporta': command<FileEsportato>()({
    summary: 'Esporta in Excel i numeri di un blocco delle statistiche, con i filtri scelti.',
    input: z.strictObject({ blocco: z.enum(BLOCCHI_STATISTICHE), filtri: filtriStatisticheSchema }),
  }),
  'sedi.consigliate': command<SediConsigliate>()({
    summary: 'Le sedi per prenotare per un cliente: prima quelle della sua provincia, ciascuna con l’attesa recente e le disdette.',
    input: z.strictObject({ codiceFiscale: codiceFiscaleSchema }),
  }),
} as const;
