import type { Migration } from './migration';

// Statistiche (#15): 0010's narrow index of the appointments by id was last read by the topic counts
// under a sede or operator filter, to reach each quesito's appointments one by one. Those now take
// the sede's (operator's) quesiti from the links, which carry the sede and the operator (0011), so
// nothing reads it; every appointment the sync writes paid for it.
export const m0014StatisticheSenzaIndiceEsito: Migration = {
  version: 14,
  name: '0014_statistiche_senza_indice_esito',
  up(db) {
    db.exec('DROP INDEX appuntamenti_esito;');
  },
};
