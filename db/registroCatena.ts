import crypto from 'node:crypto';

// The registro's hash chain (#12), shared by the migration that chains the rows written before it
// and the store that appends. Frozen: changing what is hashed would make every earlier row look
// altered. A row's hash covers the previous row's hash and every column the operator can read, so
// altering, removing or reordering a row breaks the chain at that row.

/** The hash the first row chains to. */
export const CATENA_INIZIO = '0'.repeat(64);

export interface RigaCatena {
  id: number;
  il: string;
  operatore: string | null;
  azione: string;
  entita: string;
  entita_id: string | null;
  cliente_cf: string | null;
  esito: string;
  dettagli: string | null;
}

export function hashRiga(precedente: string, riga: RigaCatena): string {
  const contenuto = JSON.stringify([riga.id, riga.il, riga.operatore, riga.azione, riga.entita, riga.entita_id, riga.cliente_cf, riga.esito, riga.dettagli]);
  return crypto.createHash('sha256').update(precedente).update('\n').update(contenuto).digest('hex');
}
