import type { Migration } from './migration';

// What the sedi and the service changed, as the sync saw it arrive: the queue of the
// "Revisione stati" screen and of notifications. Filled by sync after the first full pull
// (history from before the office used the app is not news).
export const m0002Cambiamenti: Migration = {
  version: 2,
  name: '0002_cambiamenti',
  up(db) {
    db.exec(`
      CREATE TABLE cambiamenti (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        tipo             TEXT NOT NULL CHECK (tipo IN ('disdetto', 'chiuso', 'comunicazione', 'rifiutato')),
        appuntamento_id  TEXT,
        bozza_id         TEXT,
        comunicazione_id TEXT,
        descrizione      TEXT,
        rilevato_il      TEXT NOT NULL,
        visto_il         TEXT
      ) STRICT;
      CREATE INDEX cambiamenti_da_vedere ON cambiamenti (visto_il, tipo, id);
    `);
  },
};
