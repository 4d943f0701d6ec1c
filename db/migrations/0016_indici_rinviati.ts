import type { Migration } from './migration';

// The first full sync builds the indexes only reads need once, at its end, instead of row by row
// (db/indiciRinviati.ts). While it runs, their definitions wait here; a crash leaves them here, and
// the next open builds them before anything else (db/connection.ts).
export const m0016IndiciRinviati: Migration = {
  version: 16,
  name: '0016_indici_rinviati',
  up(db) {
    db.exec(`
      CREATE TABLE indici_rinviati (
        nome TEXT PRIMARY KEY,
        sql  TEXT NOT NULL
      );
    `);
  },
};
