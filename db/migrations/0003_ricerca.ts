import type { Migration } from './migration';

// Found by `npm run bench` (#7) on the office dataset.
// - Clienti lists datori by cognome, nome, codice fiscale: without an index in that order SQLite
//   sorted all 10,000 of them and computed each one's delega and counts before keeping 100
//   (13 ms); with it the first page is read in order and stops at 100.
// - A database synced by an earlier version holds the sampled statistics of `PRAGMA optimize`
//   (about 2,000 rows per stato or gestione when the office has 30,000–80,000), which sent
//   filtered searches to sort tens of thousands of rows (60 ms). Where there is data: a full
//   ANALYZE, keeping sqlite_stat1 only (why: analyzeForSearch in electron/core/store/search.ts,
//   which a new database runs at the end of its first full sync). Self-contained on purpose:
//   a shipped migration must not change when that function does.
// - review_marks (from 0001) was never used: Revisione stati marks `cambiamenti.visto_il`.
export const m0003Ricerca: Migration = {
  version: 3,
  name: '0003_ricerca',
  up(db) {
    db.exec('CREATE INDEX datori_ordine ON datori (cognome, nome, codice_fiscale);');
    db.exec('DROP TABLE review_marks;');
    if (db.prepare('SELECT 1 FROM appuntamenti LIMIT 1').get() === undefined) return;
    db.exec('ANALYZE;');
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'").get() !== undefined) {
      db.exec('DELETE FROM sqlite_stat4; ANALYZE sqlite_schema;');
    }
  },
};
