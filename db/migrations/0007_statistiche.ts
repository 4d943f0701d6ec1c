import type { Migration } from './migration';

// Statistiche (#15).
// - `operatori`: the office's operators as the service names them (GET /v1/operatori), so every
//   screen shows «Giulia Ferri» where it showed `op-001`. Replaced whole at each sync: the service's
//   list is the truth, and an operator who left keeps the name here until the next list drops them.
// - `slot_osservazioni`: every time the app asks a sede for free slots it records how far away the
//   first free one was. The service keeps no history of its agenda, so this is the only way to
//   follow a sede's wait over months; one row per fetch, a few hundred a day at most.
// - Indexes for the figures: appointments by booking day (the period filter); quesiti by the day
//   they were sent. (A state change's instant is found through appuntamento_stati's primary key.)
export const m0007Statistiche: Migration = {
  version: 7,
  name: '0007_statistiche',
  up(db) {
    db.exec(`
      CREATE TABLE operatori (
        id              TEXT PRIMARY KEY,
        nominativo      TEXT NOT NULL,
        username        TEXT,
        aggiornato_il   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE slot_osservazioni (
        id              INTEGER PRIMARY KEY,
        sede_id         TEXT NOT NULL,
        osservata_il    TEXT NOT NULL,
        dal             TEXT NOT NULL,
        al              TEXT NOT NULL,
        primo_libero    TEXT,
        attesa_giorni   INTEGER,
        CHECK ((primo_libero IS NULL) = (attesa_giorni IS NULL))
      ) STRICT;
      CREATE INDEX slot_osservazioni_sede ON slot_osservazioni (sede_id, osservata_il);
      CREATE INDEX slot_osservazioni_il ON slot_osservazioni (osservata_il);

      CREATE INDEX appuntamenti_creato ON appuntamenti (creato_il);
      CREATE INDEX quesiti_invio ON quesiti (data_invio);
    `);
  },
};
