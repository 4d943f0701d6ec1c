import type { Migration } from './migration';

// The office's day in batches (#11):
// - a draft may carry a preferred date window (dal–al) instead of, or before, a day and time:
//   "Proponi orari" picks the earliest free slot of its sede inside it;
// - the Bozze screen filters by who created a draft and when;
// - a reply to the sede (a comunicazione) travels through the outbox like a booking, so the
//   outbox's kind gains 'comunicazione'. SQLite cannot alter a CHECK: the table is rebuilt
//   with the same rows and ids (AUTOINCREMENT's sequence follows the copied ids).
export const m0004Blocco: Migration = {
  version: 4,
  name: '0004_blocco',
  up(db) {
    db.exec(`
      ALTER TABLE bozze ADD COLUMN finestra_dal TEXT;
      ALTER TABLE bozze ADD COLUMN finestra_al TEXT;
      CREATE INDEX bozze_creata ON bozze (creata_il);
      CREATE INDEX bozze_operatore ON bozze (operatore_id, creata_il);

      CREATE TABLE outbox_0004 (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        tipo            TEXT NOT NULL CHECK (tipo IN ('upload', 'crea', 'cancella', 'comunicazione')),
        entita_id       TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload         TEXT NOT NULL,
        stato           TEXT NOT NULL CHECK (stato IN ('in_attesa', 'fatto', 'fallito')),
        tentativi       INTEGER NOT NULL DEFAULT 0,
        prossimo_tentativo_il TEXT NOT NULL,
        ultimo_errore   TEXT,
        creato_il       TEXT NOT NULL
      ) STRICT;
      INSERT INTO outbox_0004 (id, tipo, entita_id, idempotency_key, payload, stato, tentativi, prossimo_tentativo_il, ultimo_errore, creato_il)
        SELECT id, tipo, entita_id, idempotency_key, payload, stato, tentativi, prossimo_tentativo_il, ultimo_errore, creato_il FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_0004 RENAME TO outbox;
      CREATE INDEX outbox_coda ON outbox (stato, prossimo_tentativo_il, id);
      CREATE INDEX outbox_entita ON outbox (entita_id, stato);
    `);
  },
};
