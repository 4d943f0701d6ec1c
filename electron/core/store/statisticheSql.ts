// The SQL the statistics share (#15). Every figure is computed by SQLite; only aggregates reach JS.
//
// Instants and days. Instants (`creato_il`, `osservata_il`, `rilevato_il`, `appuntamento_stati.il`)
// are ISO UTC strings ending in Z, as the sync and the core write them; days (`data`, `data_invio`,
// `data_esito`, `dal`, `al`) are Rome calendar days. `giornoRoma` converts an instant to its Rome day.
//
// Speed. Grouping is SQLite's cost: a GROUP BY, a window or a DISTINCT over rows that do not arrive
// in order sorts them all (100–400 ms for an office's year). So each block first groups its rows
// in the order of an index of migration 0009 (by sede and lead time, by booking day, by topic and
// answer time) — a sequential read, no sort — into a histogram of a few thousand rows at most; the
// counts and the percentiles are then computed over the histogram.
import {
  anticipoSql,
  attesaOsservataSql,
  giornoPrenotazioneSql,
  giornoRomaSql,
  giorniTraSql,
  tempoRispostaSql,
} from '../../../db/migrations/0009_statistiche_ordine';
import type { EsitiAppuntamenti } from '../../common/commands/statistiche';

/** The Europe/Rome day of a UTC instant column, in SQL (checked against `romeDate` in the tests). */
export const giornoRoma = giornoRomaSql;

/** Whole days from one day to another (both 'YYYY-MM-DD'). */
export const giorniTra = giorniTraSql;

/** Index-keyed expressions (migration 0009): a query must write exactly these to read the index. */
export const GIORNO_PRENOTAZIONE = giornoPrenotazioneSql('a.');
export const ANTICIPO = anticipoSql('a.');
export const ATTESA_OSSERVAZIONE = attesaOsservataSql('o.');
export const TEMPO_RISPOSTA = tempoRispostaSql('q.');

/**
 * How an appointment ended: migration 0011's outcome codes (esitoSql), each with the count it adds
 * to. 'confermati'; Chiuso e Definito as 'svolti' (held) or 'chiusiSenzaVisita' (closed on a day
 * before its own: the sede closed it without seeing the client); 'cancellatiUfficio' (cancelled by
 * the office or the citizen), 'disdettiSede' (cancelled by the sede). A cancellation that names
 * nobody counts only as booked (the service always names one; old rows may not).
 */
export const CAMPI_ESITO: readonly (readonly [string, keyof EsitiAppuntamenti])[] = [
  ['confermato', 'confermati'],
  ['svolto', 'svolti'],
  ['chiuso_senza_visita', 'chiusiSenzaVisita'],
  ['cancellato_ufficio', 'cancellatiUfficio'],
  ['disdetto_sede', 'disdettiSede'],
];

/** The outcome code counted into each figure (CAMPI_ESITO read the other way). */
export const CODICE_ESITO = Object.fromEntries(CAMPI_ESITO.map(([codice, campo]) => [campo, codice])) as Record<keyof EsitiAppuntamenti, string>;

/**
 * Over rows already grouped by outcome (its code in `e`, the rows in `n`; migration 0017's indexes
 * deliver them in that order): the rows whose outcome is one of `codici`, always a number.
 */
export const contaEsiti = (codici: readonly string[]) => `sum(CASE WHEN e IN (${codici.map((c) => `'${c}'`).join(', ')}) THEN n ELSE 0 END)`;

/** The outcome counts, one column per CAMPI_ESITO, over rows grouped by outcome (`e`, `n`). */
export const SOMME_ESITI = CAMPI_ESITO.map(([codice, campo]) => `${contaEsiti([codice])} AS ${campo}`).join(',\n    ');

/** SOMME_ESITI's columns summed again over its rows, each as `f(column) AS column`. */
export const RIPETI_ESITI = (f: (colonna: string) => string) => CAMPI_ESITO.map(([, campo]) => `${f(campo)} AS ${campo}`).join(', ');

/** The outcome counts re-added over rows carrying SOMME_ESITI's columns (always numbers). */
export const CONTEGGI_ESITI = RIPETI_ESITI((c) => `coalesce(sum(${c}), 0)`);

/**
 * The filters on the appointments booked in the period, as a WHERE clause on `a`: sede, operator, a
 * topic (the appointment names a quesito of it). A filter not set is left out of the SQL rather than
 * bound to NULL, so an equality stays usable by an index. The period: 'giorno' on the Rome booking
 * day (appuntamenti_giorno reads it as a range), 'istante' on `creato_il` (the same rows, bounded by
 * `@dalUtc`/`@alUtc`; no index starts with it, so the planner takes the one in the GROUP BY's order).
 */
export function filtriAppuntamenti(
  f: { sede: string | null; operatore: string | null; argomento: string | null },
  periodo: 'giorno' | 'istante' | null,
): string {
  return (
    [
      periodo === 'giorno' ? `${GIORNO_PRENOTAZIONE} BETWEEN @dal AND @al` : '',
      periodo === 'istante' ? 'a.creato_il >= @dalUtc AND a.creato_il < @alUtc' : '',
      f.sede === null ? '' : 'a.sede_id = @sede',
      f.operatore === null ? '' : 'a.operatore_id = @operatore',
      f.argomento === null
        ? ''
        : `EXISTS (SELECT 1 FROM appuntamento_quesiti aq JOIN quesiti q ON q.id = aq.quesito_id WHERE aq.appuntamento_id = a.id AND q.argomento = @argomento)`,
    ]
      .filter(Boolean)
      .join(' AND ') || '1'
  );
}

/**
 * Nearest-rank median and 90th percentile over a histogram `cumulata(k, v, n, c, tot)`: `n` rows of
 * value `v`, `c` the rows of value ≤ `v` in the key, `tot` the key's rows. The value of rank
 * ⌈p·tot/100⌉ is the smallest `v` whose cumulated count reaches it (c·100 ≥ p·tot). Aggregates.
 */
export const PERCENTILI = `min(CASE WHEN v IS NOT NULL AND c * 100 >= tot * 50 THEN v END) AS mediana,
    min(CASE WHEN v IS NOT NULL AND c * 100 >= tot * 90 THEN v END) AS p90`;

/** The cumulated counts of a histogram `tab(k, v, n, …)` per key, ascending `v` (NULL values ranked apart). */
export const cumulata = (tab: string) => `SELECT *, sum(n) OVER (PARTITION BY k, v IS NULL ORDER BY v ROWS UNBOUNDED PRECEDING) AS c,
      sum(CASE WHEN v IS NOT NULL THEN n END) OVER (PARTITION BY k) AS tot FROM ${tab}`;
