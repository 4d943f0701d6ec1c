import { anticipoSql, giornoRomaSql } from './0009_statistiche_ordine';
import { esitoSql } from './0011_statistiche_esiti_scritti';
import type { Migration } from './migration';

// Statistiche (#15): each appointment's outcome code (0011's esitoSql) written on its row, so the
// sede block counts outcomes by comparing one column instead of working out the closing day of
// every closed appointment (five sums, one of them a Rome-day conversion) — 0009's index by sede
// and lead time carries it in place of the five columns it was computed from. On an office's year
// (100,000 appointments; CPU time, same file): the histogram with the outcomes 95-127 ms, the
// bare count over the same index 29.
// Written by the cache writer in its upsert (an expression over what it binds: no second
// statement), not by a trigger: a trigger rewrites each appointment row once more, and the first
// full sync writes ~100,000 of them. A VIRTUAL generated column cannot do it: SQLite then reads
// the table for it, not the index (measured: 137 ms, the index no longer covering).

/** Where an outcome's inputs come from in a statement: a row's columns, an upsert's parameters, `excluded.*`. */
export interface ColonneEsito {
  stato: string;
  data: string;
  cancellatoDa: string;
  chiusoIl: string;
  aggiornatoIl: string;
}

/** 0011's esitoSql over inputs named by `c` (the test holds them equal over a row's columns). */
export const esitoDaSql = (c: ColonneEsito) => `CASE ${c.stato}
    WHEN 'confermato' THEN 'confermato'
    WHEN 'chiuso_definito' THEN CASE WHEN ${giornoRomaSql(`coalesce(${c.chiusoIl}, ${c.aggiornatoIl})`)} < ${c.data} THEN 'chiuso_senza_visita' ELSE 'svolto' END
    WHEN 'cancellato' THEN CASE ${c.cancellatoDa} WHEN 'utente' THEN 'cancellato_ufficio' WHEN 'sede' THEN 'disdetto_sede' END
  END`;

/** The inputs as a row of `appuntamenti` holds them (`p` the table's prefix, e.g. 'a.'). */
export const colonneRiga = (p = ''): ColonneEsito => ({
  stato: `${p}stato`,
  data: `${p}data`,
  cancellatoDa: `${p}cancellato_da`,
  chiusoIl: `${p}chiuso_il`,
  aggiornatoIl: `${p}aggiornato_il`,
});

export const m0013StatisticheEsitoAppuntamento: Migration = {
  version: 13,
  name: '0013_statistiche_esito_appuntamento',
  up(db) {
    db.exec(`
      ALTER TABLE appuntamenti ADD COLUMN esito TEXT;
      UPDATE appuntamenti SET esito = ${esitoSql()};
      DROP INDEX appuntamenti_anticipo;
      CREATE INDEX appuntamenti_anticipo ON appuntamenti (sede_id, ${anticipoSql()}, creato_il, esito, operatore_id, data, id);
    `);
  },
};
