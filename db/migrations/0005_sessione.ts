import type { Migration } from './migration';

// Who works on this database (#11): the operator the service last logged in, kept so that a
// draft created offline — at the client's desk, before any sync of the day — still records who
// made it, and Impostazioni can say who is logged in. One row: a database belongs to one office,
// and its PC to whoever logged in last.
export const m0005Sessione: Migration = {
  version: 5,
  name: '0005_sessione',
  up(db) {
    db.exec(`
      CREATE TABLE sessione (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        username      TEXT NOT NULL,
        operatore_id  TEXT,
        aggiornata_il TEXT NOT NULL
      ) STRICT;
    `);
  },
};
