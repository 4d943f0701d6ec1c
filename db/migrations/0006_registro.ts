import { CATENA_INIZIO, hashRiga, type RigaCatena } from '../registroCatena';
import type { Migration } from './migration';

// Privacy (#12). The audit log becomes the registro attività: who (the login in use) did what to
// which client's data, with what outcome, each row chained to the previous one by SHA-256 so an
// altered, removed or reordered row is found (`registro.verifica`). The rows written before this
// version are chained here, in order. Also the one-row marker of a retention run: a confirmed run
// interrupted by a crash resumes from it at the next start instead of leaving data half-purged.
export const m0006Registro: Migration = {
  version: 6,
  name: '0006_registro',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN cliente_cf TEXT;
      ALTER TABLE audit_log ADD COLUMN esito TEXT NOT NULL DEFAULT 'ok' CHECK (esito IN ('ok', 'errore'));
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE INDEX audit_log_cliente ON audit_log (cliente_cf, il) WHERE cliente_cf IS NOT NULL;
      CREATE INDEX audit_log_operatore ON audit_log (operatore, il);
      CREATE INDEX audit_log_azione ON audit_log (azione, il);

      CREATE TABLE conservazione_corsa (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        avviata_il  TEXT NOT NULL,
        soglia      TEXT NOT NULL,   -- deleghe ended before this day (Rome) are purged
        clienti     TEXT NOT NULL,   -- JSON array of the codici fiscali confirmed in the preview
        operatore   TEXT
      ) STRICT;
    `);
    const righe = db
      .prepare('SELECT id, il, operatore, azione, entita, entita_id, cliente_cf, esito, dettagli FROM audit_log ORDER BY id')
      .all() as RigaCatena[];
    const scrivi = db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?');
    let precedente = CATENA_INIZIO;
    for (const riga of righe) {
      precedente = hashRiga(precedente, riga);
      scrivi.run(precedente, riga.id);
    }
  },
};
