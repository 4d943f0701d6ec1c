// The SQL the statistics share (#15). Every figure is computed by SQLite: CTEs pick the rows of the
// period on an index, window functions rank them for the percentiles; only aggregates reach JS.
//
// Instants and days. Instants (`creato_il`, `osservata_il`, `rilevato_il`, `appuntamento_stati.il`)
// are ISO UTC strings ending in Z, as the sync and the core write them; days (`data`, `data_invio`,
// `data_esito`, `dal`, `al`) are Rome calendar days. The period's days become a half-open range of UTC
// instants in JS (`romeInstant`), so the filter stays a plain range on the index; when a row's Rome
// day is needed (the booking day, the day a sede closed an appointment) `giornoRoma` converts it here.

/**
 * The Europe/Rome day of a UTC instant column, in SQL. Italy keeps EU summer time: UTC+2 from the
 * last Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC, UTC+1 otherwise (the
 * last Sunday of March is the first Sunday on or after the 25th). The instants compare as text: an
 * instant at the change itself ('…T01:00:00.000Z') sorts after '…T01:00', so it takes the new offset.
 * Checked against `romeDate` (electron/common/domain/calendario.ts) in the tests.
 */
export function giornoRoma(t: string): string {
  const anno = `substr(${t}, 1, 4)`;
  const generale = `date(${t}, CASE WHEN ${t} >= date(${anno} || '-03-25', 'weekday 0') || 'T01:00' AND ${t} < date(${anno} || '-10-25', 'weekday 0') || 'T01:00' THEN '+2 hours' ELSE '+1 hour' END)`;
  // Before 22:00 UTC the Rome day is the UTC day whatever the offset: the date functions (a third of
  // the statistics' time over an office's year) only run for the last two hours of the UTC day.
  return `CASE WHEN substr(${t}, 12, 2) < '22' THEN substr(${t}, 1, 10) ELSE ${generale} END`;
}

/** Whole days from one day to another (both 'YYYY-MM-DD'). */
export const giorniTra = (dal: string, al: string) => `CAST(julianday(${al}) - julianday(${dal}) AS INTEGER)`;

/**
 * How an appointment ended, one word: 'confermato', 'senza_visita' (Chiuso e Definito on a day before
 * its own: the sede closed it without seeing the client), 'svolto' (closed on its day or later),
 * 'ufficio' (cancelled by the office or the citizen), 'disdetto' (cancelled by the sede). NULL for a
 * cancellation that names nobody (the service always names one; old rows may not).
 * The closing instant is the first `chiuso_definito` row of its history (the sync writes one, at
 * `aggiornato_il`, when it sees the state change), `aggiornato_il` when the history has none.
 */
export function esitoAppuntamento(a: string): string {
  const chiusoIl = `coalesce((SELECT min(s.il) FROM appuntamento_stati s WHERE s.appuntamento_id = ${a}.id AND s.stato = 'chiuso_definito'), ${a}.aggiornato_il)`;
  return `CASE
      WHEN ${a}.stato = 'confermato' THEN 'confermato'
      WHEN ${a}.stato = 'chiuso_definito' THEN CASE WHEN ${giornoRoma(chiusoIl)} < ${a}.data THEN 'senza_visita' ELSE 'svolto' END
      WHEN ${a}.cancellato_da = 'sede' THEN 'disdetto'
      WHEN ${a}.cancellato_da = 'utente' THEN 'ufficio'
    END`;
}

/**
 * The appointments booked in the period (`@dalUtc` ≤ creato_il < `@alUtc`, on appuntamenti_creato),
 * with the filters: sede, operator, and a topic (the appointment names a quesito of it). Materialised:
 * the blocks read it more than once, and the closing subquery runs once per row.
 */
export const CTE_APPUNTAMENTI = `app AS MATERIALIZED (
    SELECT a.id, a.sede_id, a.operatore_id, a.data, ${giornoRoma('a.creato_il')} AS giorno, ${esitoAppuntamento('a')} AS esito
    FROM appuntamenti a
    WHERE a.creato_il >= @dalUtc AND a.creato_il < @alUtc
      AND (@sede IS NULL OR a.sede_id = @sede)
      AND (@operatore IS NULL OR a.operatore_id = @operatore)
      AND (@argomento IS NULL OR EXISTS (
        SELECT 1 FROM appuntamento_quesiti aq JOIN quesiti q ON q.id = aq.quesito_id
        WHERE aq.appuntamento_id = a.id AND q.argomento = @argomento))
  )`;

/** The outcome counts over rows carrying `esito` (always numbers: sum() of no rows is NULL). */
export const CONTEGGI_ESITI = `count(*) AS prenotati,
    coalesce(sum(esito = 'confermato'), 0) AS confermati,
    coalesce(sum(esito = 'senza_visita'), 0) AS chiusiSenzaVisita,
    coalesce(sum(esito = 'svolto'), 0) AS svolti,
    coalesce(sum(esito = 'ufficio'), 0) AS cancellatiUfficio,
    coalesce(sum(esito = 'disdetto'), 0) AS disdettiSede`;

/**
 * Nearest-rank median and 90th percentile of `v` over rows ranked `r` (1, 2, … in increasing `v`)
 * among `n` values: the value of rank ⌈p·n/100⌉ (rank r qualifies when r·100 ≥ p·n). Aggregates.
 */
export const PERCENTILI = `min(CASE WHEN v IS NOT NULL AND r * 100 >= n * 50 THEN v END) AS mediana,
    min(CASE WHEN v IS NOT NULL AND r * 100 >= n * 90 THEN v END) AS p90`;

/**
 * Median and 90th percentile of `v` per key `k` over the CTE `valori(k, v)`, nearest-rank: the value
 * of rank ⌈p·n/100⌉ in increasing order (rank r qualifies when r·100 ≥ p·n). One row per key.
 */
export const DISTRIBUZIONE = `ranghi AS (
    SELECT k, v, row_number() OVER (PARTITION BY k ORDER BY v) AS r, count(*) OVER (PARTITION BY k) AS n FROM valori
  )
  SELECT k, max(n) AS n, min(CASE WHEN r * 100 >= n * 50 THEN v END) AS mediana, min(CASE WHEN r * 100 >= n * 90 THEN v END) AS p90
  FROM ranghi GROUP BY k`;

/**
 * The wait an observation stands for, in days: the recorded one; with no free slot in the range, the
 * days from the observation's day to the range's end plus one (the wait was at least that long). Kept
 * in the distribution rather than dropped: a sede with no free slot is the slowest, not an unknown.
 */
export const ATTESA_OSSERVAZIONE = `coalesce(o.attesa_giorni, ${giorniTra(giornoRoma('o.osservata_il'), 'o.al')} + 1)`;
