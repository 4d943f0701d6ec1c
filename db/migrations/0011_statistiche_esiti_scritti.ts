import { anticipoSql, giornoRomaSql } from './0009_statistiche_ordine';
import type { Migration } from './migration';

// Statistiche (#15): what the outcome figures need, written with the rows instead of looked up at
// every reading. Two lookups per appointment dominated the screen on an office's year (~90 000
// appointments, encrypted pages): its closing day in `appuntamento_stati` (~100 ms), and, per topic,
// each appointment reached by id from its quesiti (~85 000 random reads, ~460 ms).
// - `appuntamenti.chiuso_il`: the first instant the cache saw the appointment closed — what the
//   history's first `chiuso_definito` row records; the cache writer keeps it (set once).
// - `appuntamento_quesiti` carries its quesito's topic and sending day (they do not change once
//   sent) and its appointment's outcome, sede and operator. The cache writer rewrites an
//   appointment's links whenever it writes the appointment, so they follow its state; a quesito
//   written after its appointment (same page of the feed) fills them in.
// The expressions are frozen here: the writer and the statistics build their SQL from them.

/** The Rome day an appointment was closed (`p` the table's prefix, e.g. 'a.'); the last update when the cache never saw the closing. */
export const giornoChiusuraSql = (p = '') => giornoRomaSql(`coalesce(${p}chiuso_il, ${p}aggiornato_il)`);

/**
 * How an appointment ended, one code: 'confermato'; 'svolto' or 'chiuso_senza_visita' (Chiuso e
 * Definito on a day before its own: the sede closed it without seeing the client); 'cancellato_ufficio'
 * (by the office or the citizen), 'disdetto_sede' (by the sede); NULL for a cancellation naming nobody.
 */
export const esitoSql = (p = '') => `CASE ${p}stato
    WHEN 'confermato' THEN 'confermato'
    WHEN 'chiuso_definito' THEN CASE WHEN ${giornoChiusuraSql(p)} < ${p}data THEN 'chiuso_senza_visita' ELSE 'svolto' END
    WHEN 'cancellato' THEN CASE ${p}cancellato_da WHEN 'utente' THEN 'cancellato_ufficio' WHEN 'sede' THEN 'disdetto_sede' END
  END`;

export const m0011StatisticheEsitiScritti: Migration = {
  version: 11,
  name: '0011_statistiche_esiti_scritti',
  up(db) {
    db.exec(`
      ALTER TABLE appuntamenti ADD COLUMN chiuso_il TEXT;
      UPDATE appuntamenti SET chiuso_il = coalesce(
          (SELECT min(s.il) FROM appuntamento_stati s WHERE s.appuntamento_id = appuntamenti.id AND s.stato = 'chiuso_definito'),
          CASE WHEN stato = 'chiuso_definito' THEN aggiornato_il END);

      ALTER TABLE appuntamento_quesiti ADD COLUMN argomento TEXT;
      ALTER TABLE appuntamento_quesiti ADD COLUMN data_invio TEXT;
      ALTER TABLE appuntamento_quesiti ADD COLUMN esito TEXT;
      ALTER TABLE appuntamento_quesiti ADD COLUMN sede_id TEXT;
      ALTER TABLE appuntamento_quesiti ADD COLUMN operatore_id TEXT;
      UPDATE appuntamento_quesiti SET argomento = q.argomento, data_invio = q.data_invio FROM quesiti q WHERE q.id = appuntamento_quesiti.quesito_id;
      UPDATE appuntamento_quesiti SET esito = ${esitoSql('a.')}, sede_id = a.sede_id, operatore_id = a.operatore_id
        FROM appuntamenti a WHERE a.id = appuntamento_quesiti.appuntamento_id;

      -- Per topic and appointment, in that order: each pair grouped once, in one sequential read.
      CREATE INDEX appuntamento_quesiti_esito ON appuntamento_quesiti (argomento, appuntamento_id, data_invio, esito, sede_id, operatore_id);
      -- 0009's index by sede and lead time, with the closing instant (the outcome reads it).
      DROP INDEX appuntamenti_anticipo;
      CREATE INDEX appuntamenti_anticipo ON appuntamenti (sede_id, ${anticipoSql()}, creato_il, stato, cancellato_da, operatore_id, data, aggiornato_il, chiuso_il, id);
    `);
  },
};
