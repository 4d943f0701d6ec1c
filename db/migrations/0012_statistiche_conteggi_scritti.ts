import { tempoRispostaSql } from './0009_statistiche_ordine';
import type { Migration } from './migration';

// Statistiche (#15): the two per-topic figures that still looked rows up one by one, kept as flags
// by triggers instead. On an office's year (55,000 quesiti, 102,000 links; CPU time, same file):
// - "quesiti that led to an appointment" probed the links once per quesito: the topic counts took
//   102 ms, 46.5 with `quesiti.con_appuntamento` read from the index;
// - "how those appointments ended", each appointment once per topic, grouped the links by
//   appointment: 137 ms, 24.5 with `appuntamento_quesiti.conta` (one link per appointment and
//   topic) in an index by (topic, conta, outcome).
// Triggers, not the cache writer: every path that writes links (the writer, the bench's raw
// baseline, a test) keeps the flags, and a link deleted by a cascade too.

/**
 * Every lookup of an appointment's links here goes by the primary key (appointment, quesito): the
 * unary `+` keeps SQLite off the index that starts with the topic, which on a fresh database
 * without statistics it took, reading every link of the topic for each link inserted — the office
 * feed's raw inserts went from 23 s to 233 s of CPU (the first full sync 4× slower) until it was
 * found by the bench.
 *
 * `conta` is 1 on exactly one link per appointment and topic: the one with the smallest quesito id
 * (the NULL topic of a quesito not yet in the cache is a group of its own). The links of
 * `appuntamento` and topic `argomento` (SQL expressions) get it recomputed.
 */
export const ricalcolaContaSql = (appuntamento: string, argomento: string) => `UPDATE appuntamento_quesiti
      SET conta = (quesito_id = (SELECT min(l2.quesito_id) FROM appuntamento_quesiti l2 WHERE l2.appuntamento_id = ${appuntamento} AND +l2.argomento IS ${argomento}))
      WHERE appuntamento_id = ${appuntamento} AND +argomento IS ${argomento}`;

/** Another link of the same appointment and topic than quesito `quesito`: only then is there anything to recompute. */
const fratelli = (appuntamento: string, argomento: string, quesito: string) =>
  `EXISTS (SELECT 1 FROM appuntamento_quesiti l2 WHERE l2.appuntamento_id = ${appuntamento} AND +l2.argomento IS ${argomento} AND l2.quesito_id <> ${quesito})`;

export const m0012StatisticheConteggiScritti: Migration = {
  version: 12,
  name: '0012_statistiche_conteggi_scritti',
  up(db) {
    db.exec(`
      -- A lone link (the common case: one quesito per appointment) is its own group: 1 by default,
      -- so an insert writes it once; the triggers fix the group when it has others.
      ALTER TABLE appuntamento_quesiti ADD COLUMN conta INTEGER NOT NULL DEFAULT 1;
      UPDATE appuntamento_quesiti SET conta = (quesito_id = (SELECT min(l2.quesito_id) FROM appuntamento_quesiti l2
        WHERE l2.appuntamento_id = appuntamento_quesiti.appuntamento_id AND +l2.argomento IS appuntamento_quesiti.argomento));
      ALTER TABLE quesiti ADD COLUMN con_appuntamento INTEGER NOT NULL DEFAULT 0;
      UPDATE quesiti SET con_appuntamento = 1 WHERE id IN (SELECT quesito_id FROM appuntamento_quesiti);

      CREATE TRIGGER appuntamento_quesiti_inserito AFTER INSERT ON appuntamento_quesiti
      BEGIN
        ${ricalcolaContaSql('NEW.appuntamento_id', 'NEW.argomento')}
          AND ${fratelli('NEW.appuntamento_id', 'NEW.argomento', 'NEW.quesito_id')};
        UPDATE quesiti SET con_appuntamento = 1 WHERE id = NEW.quesito_id AND con_appuntamento = 0;
      END;
      CREATE TRIGGER appuntamento_quesiti_tolto AFTER DELETE ON appuntamento_quesiti
      BEGIN
        ${ricalcolaContaSql('OLD.appuntamento_id', 'OLD.argomento')};
        UPDATE quesiti SET con_appuntamento = 0
          WHERE id = OLD.quesito_id AND con_appuntamento = 1 AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti WHERE quesito_id = OLD.quesito_id);
      END;
      -- The topic filled in when the quesito comes after its appointment (cacheWriter.quesito).
      CREATE TRIGGER appuntamento_quesiti_argomento AFTER UPDATE OF argomento ON appuntamento_quesiti
        WHEN OLD.argomento IS NOT NEW.argomento
      BEGIN
        ${ricalcolaContaSql('NEW.appuntamento_id', 'OLD.argomento')};
        ${ricalcolaContaSql('NEW.appuntamento_id', 'NEW.argomento')};
      END;
      -- A link may come before its quesito (same page of the feed; the foreign key is checked at commit).
      CREATE TRIGGER quesiti_inserito AFTER INSERT ON quesiti
        WHEN EXISTS (SELECT 1 FROM appuntamento_quesiti WHERE quesito_id = NEW.id)
      BEGIN
        UPDATE quesiti SET con_appuntamento = 1 WHERE id = NEW.id;
      END;

      -- 0011's links index, by (topic, conta, outcome): each appointment once per topic is one range.
      DROP INDEX appuntamento_quesiti_esito;
      CREATE INDEX appuntamento_quesiti_conta ON appuntamento_quesiti (argomento, conta, esito, data_invio, sede_id, operatore_id);
      -- 0009's quesiti index, with the flag (the topic counts read it in the same pass).
      DROP INDEX quesiti_tempo;
      CREATE INDEX quesiti_tempo ON quesiti (argomento, ${tempoRispostaSql()}, data_invio, esito, data_esito, con_appuntamento, id);
    `);
  },
};
