import type { Migration } from './migration';

// Statistiche (#15): indexes in the order the figures are grouped. Every block groups the period's
// rows (by sede and lead time, by booking day, by sede and wait); SQLite groups by sorting unless an
// index already delivers the rows in that order, and on an office's year (90 000 appointments) each
// such sort cost 100–400 ms — the statistics were a dozen of them. Keyed on the grouped expressions
// themselves, these indexes give the groups in one sequential read, without a sort.
//
// The expressions are frozen here with the migration (an index matches a query only when the query
// writes the same expression): the store builds its SQL from these functions, never from copies.

/**
 * The Europe/Rome day of a UTC instant column (ISO text ending in Z). Italy keeps EU summer time:
 * UTC+2 from the last Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC, UTC+1
 * otherwise (the last Sunday of March is the first Sunday on or after the 25th). Before 22:00 UTC the
 * Rome day is the UTC day whatever the offset, so the date functions only run for the last two hours.
 */
export function giornoRomaSql(t: string): string {
  const anno = `substr(${t}, 1, 4)`;
  const generale = `date(${t}, CASE WHEN ${t} >= date(${anno} || '-03-25', 'weekday 0') || 'T01:00' AND ${t} < date(${anno} || '-10-25', 'weekday 0') || 'T01:00' THEN '+2 hours' ELSE '+1 hour' END)`;
  return `CASE WHEN substr(${t}, 12, 2) < '22' THEN substr(${t}, 1, 10) ELSE ${generale} END`;
}

/** Whole days from one day to another (both 'YYYY-MM-DD'). */
export const giorniTraSql = (dal: string, al: string) => `CAST(julianday(${al}) - julianday(${dal}) AS INTEGER)`;

/** An appointment's booking day in Rome (`p` the table's prefix, e.g. 'a.'). */
export const giornoPrenotazioneSql = (p = '') => giornoRomaSql(`${p}creato_il`);

/** Days from an appointment's booking day to its day. */
export const anticipoSql = (p = '') => giorniTraSql(giornoPrenotazioneSql(p), `${p}data`);

/**
 * The wait a slot observation stands for, in days: the recorded one; with no free slot in the range,
 * the days from the observation's day to the range's end plus one (the wait was at least that long).
 */
export const attesaOsservataSql = (p = '') => `coalesce(${p}attesa_giorni, ${giorniTraSql(giornoRomaSql(`${p}osservata_il`), `${p}al`)} + 1)`;

/** A quesito's answer time in days; NULL while unanswered. */
export const tempoRispostaSql = (p = '') =>
  `CASE WHEN ${p}esito <> 'in_attesa' AND ${p}data_esito IS NOT NULL THEN ${giorniTraSql(`${p}data_invio`, `${p}data_esito`)} END`;

export const m0009StatisticheOrdine: Migration = {
  version: 9,
  name: '0009_statistiche_ordine',
  up(db) {
    db.exec(`
      DROP INDEX appuntamenti_creato;
      CREATE INDEX appuntamenti_giorno ON appuntamenti (${giornoPrenotazioneSql()}, operatore_id, sede_id, stato, cancellato_da, id);
      CREATE INDEX appuntamenti_anticipo ON appuntamenti (sede_id, ${anticipoSql()}, creato_il, stato, cancellato_da, operatore_id, data, aggiornato_il, id);
      CREATE INDEX slot_osservazioni_attesa ON slot_osservazioni (sede_id, ${attesaOsservataSql()}, osservata_il, attesa_giorni);
      DROP INDEX quesiti_invio;
      CREATE INDEX quesiti_tempo ON quesiti (argomento, ${tempoRispostaSql()}, data_invio, esito, data_esito, id);
    `);
  },
};
