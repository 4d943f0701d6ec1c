import type { Migration } from './migration';

// Statistiche (#15): how the appointments naming a topic's quesiti ended. Those appointments are
// reached by id, one by one, in no useful order (~85 000 for an office's year); through the primary
// key each costs a read of the table's wide row (a page decrypted on almost every read: ~1 s in all).
// This narrow index holds every column the outcome needs, so each one is a read of a small index.
export const m0010StatisticheEsiti: Migration = {
  version: 10,
  name: '0010_statistiche_esiti',
  up(db) {
    db.exec(`CREATE INDEX appuntamenti_esito ON appuntamenti (id, stato, cancellato_da, data, aggiornato_il, sede_id, operatore_id);`);
  },
};
